using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using System.Numerics;
using System.Text;

namespace RnnGen;

/// <summary>
/// The bytes of a network file, field by field as docs/file-format.md lists them: writes version 2, reads versions 1
/// and 2, and verifies a whole file (lengths, ranges, checksum) before anyone decodes a value from it.
/// </summary>
internal static class NetworkFileFormat
{
    public const ushort Version1 = 1, Version2 = 2;

    private const int Version1HeaderLength = 36, Version2HeaderLength = 56, ChecksumLength = 4;

    /// <summary>The most metadata a file may carry: far above any real use, low enough that a corrupted length is caught.</summary>
    private const int MaxMetadataLength = 1 << 24;

    private static ReadOnlySpan<byte> Magic => "RNNGEN"u8;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A complete version-2 file: header, parameters, optimizer settings and state, metadata, checksum.</summary>
    public static byte[] Encode<T>(NetworkShape shape, ReadOnlySpan<T> parameters, OptimizerState<T>? optimizer, IReadOnlyDictionary<string, string>? metadata)
        where T : INumber<T>
    {
        ElementCode code = ElementCodes.Of(typeof(T));
        int size = ElementCodes.Size(code);
        byte[] metadataBytes = EncodeMetadata(metadata);
        long optimizerValues = optimizer is null ? 0 : optimizer.Settings.Length + ((long)optimizer.Vectors.Length * parameters.Length);
        long length = Version2HeaderLength + ((parameters.Length + optimizerValues) * size) + metadataBytes.Length + ChecksumLength;
        if (length > Array.MaxLength)
            throw new ArgumentException($"A network of shape {shape} with its optimizer state takes {length} bytes, more than one file can hold.");
        var bytes = new byte[length];
        Span<byte> header = bytes.AsSpan(0, Version2HeaderLength);
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], Version2);
        header[8] = (byte)code;
        header[9] = (byte)shape.Cell;
        header[10] = (byte)shape.HiddenActivation;
        header[11] = (byte)shape.OutputActivation;
        header[12] = (byte)shape.Loss;
        header[13] = shape.Bias ? (byte)1 : (byte)0;
        header[14] = ShapeFields.LossReductionOf(shape);
        header[15] = optimizer is null ? (byte)0 : (byte)optimizer.Kind;
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], shape.Inputs);
        BinaryPrimitives.WriteInt32LittleEndian(header[20..], shape.Hidden);
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], shape.Outputs);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], shape.Steps);
        BinaryPrimitives.WriteInt32LittleEndian(header[32..], ShapeFields.LayersOf(shape));
        BinaryPrimitives.WriteInt32LittleEndian(header[36..], parameters.Length);
        BinaryPrimitives.WriteInt64LittleEndian(header[40..], optimizer?.StepCount ?? 0);
        BinaryPrimitives.WriteInt32LittleEndian(header[48..], metadataBytes.Length);

        int offset = Version2HeaderLength;
        offset = WriteValues(bytes, offset, code, parameters);
        if (optimizer is not null)
        {
            offset = WriteValues<T>(bytes, offset, code, optimizer.Settings);
            foreach (T[] vector in optimizer.Vectors)
                offset = WriteValues<T>(bytes, offset, code, vector);
        }
        metadataBytes.CopyTo(bytes, offset);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - ChecksumLength), Crc32.HashToUInt32(bytes.AsSpan(0, bytes.Length - ChecksumLength)));
        return bytes;
    }

    /// <summary>Reads a whole file and checks it; every problem is an <see cref="InvalidDataException"/> saying what is wrong.</summary>
    public static VerifiedFile Read(Stream stream)
    {
        var start = new byte[8];
        int read = ReadFully(stream, start);
        if (read < 6 || !start.AsSpan(0, 6).SequenceEqual(Magic))
            throw new InvalidDataException("This is not a network file: it does not start with \"RNNGEN\".");
        if (read < 8)
            throw new InvalidDataException($"The file ends after {read} bytes, inside the header of a network file.");
        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(start.AsSpan(6));
        int headerLength = version switch
        {
            Version1 => Version1HeaderLength,
            Version2 => Version2HeaderLength,
            _ => throw new InvalidDataException($"The file is in format version {version}; this library reads versions {Version1} and {Version2}."),
        };
        var header = new byte[headerLength];
        start.CopyTo(header, 0);
        read = 8 + ReadFully(stream, header.AsSpan(8));
        if (read < headerLength)
            throw new InvalidDataException($"The file ends after {read} bytes, inside the {headerLength}-byte header of a version-{version} network file.");

        HeaderFields fields = version == Version1 ? ReadVersion1Header(header) : ReadVersion2Header(header);
        int size = ElementCodes.Size(fields.Code);
        (int settings, int vectors) = fields.Optimizer is { } kind ? OptimizerKinds.CountsOf(kind) : (0, 0);
        long optimizerOffset = headerLength + ((long)fields.ParameterCount * size);
        long metadataOffset = optimizerOffset + ((settings + ((long)vectors * fields.ParameterCount)) * size);
        long expectedLength = metadataOffset + fields.MetadataLength + ChecksumLength;
        if (expectedLength > Array.MaxLength)
            throw new InvalidDataException($"The file's header is corrupted: it describes {expectedLength} bytes.");

        var bytes = new byte[expectedLength];
        header.CopyTo(bytes, 0);
        read = headerLength + ReadFully(stream, bytes.AsSpan(headerLength));
        string what = $"a version-{version} {fields.Code} network file of shape {fields.Shape}{(fields.Optimizer is { } o ? $" with {o} state" : "")}";
        if (read < expectedLength)
            throw new InvalidDataException($"The file ends after {read} bytes; {what} takes {expectedLength}.");
        if (stream.ReadByte() >= 0)
            throw new InvalidDataException($"The file goes on past the {expectedLength} bytes {what} takes.");
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - ChecksumLength));
        if (stored != Crc32.HashToUInt32(bytes.AsSpan(0, bytes.Length - ChecksumLength)))
            throw new InvalidDataException("The file is corrupted: its CRC-32 checksum does not match its contents.");

        Dictionary<string, string> metadata = DecodeMetadata(bytes, (int)metadataOffset, fields.MetadataLength);
        var fileHeader = new NetworkFileHeader(fields.Shape, ElementCodes.TypeOf(fields.Code), fields.ParameterCount)
        {
            FormatVersion = version,
            Optimizer = fields.Optimizer,
            OptimizerStepCount = fields.OptimizerStepCount,
            Metadata = metadata,
        };
        return new VerifiedFile(fileHeader, bytes, fields.Code, headerLength, (int)optimizerOffset);
    }

    /// <summary>
    /// Version 1: the shape of one layer with its loss summed over the steps, the parameters, no optimizer. Offsets 14
    /// and 15 are reserved, zero.
    /// </summary>
    private static HeaderFields ReadVersion1Header(byte[] header)
    {
        if (header[14] != 0 || header[15] != 0)
            throw new InvalidDataException("The file's header is corrupted (reserved bytes are not zero).");
        NetworkShape shape = ReadShape(header, layers: 1, lossReduction: 0);
        int parameterCount = ReadParameterCount(header, 32, shape);
        return new HeaderFields(ReadElementCode(header), shape, parameterCount, Optimizer: null, OptimizerStepCount: 0, MetadataLength: 0);
    }

    private static HeaderFields ReadVersion2Header(byte[] header)
    {
        if (BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(52)) != 0)
            throw new InvalidDataException("The file's header is corrupted (reserved bytes are not zero).");
        NetworkShape shape = ReadShape(header, BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(32)), header[14]);
        int parameterCount = ReadParameterCount(header, 36, shape);
        OptimizerKind? optimizer = header[15] switch
        {
            0 => null,
            (byte)OptimizerKind.Sgd or (byte)OptimizerKind.Adagrad or (byte)OptimizerKind.Adam => (OptimizerKind)header[15],
            _ => throw new InvalidDataException($"The file's header is corrupted: optimizer kind {header[15]} is not 0 (none), 1 (SGD), 2 (Adagrad) or 3 (Adam)."),
        };
        long stepCount = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(40));
        if (stepCount < 0 || (stepCount != 0 && optimizer != OptimizerKind.Adam))
            throw new InvalidDataException($"The file's header is corrupted: a step count of {stepCount} for {optimizer?.ToString() ?? "no optimizer"} (only Adam counts steps).");
        int metadataLength = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(48));
        if (metadataLength is < 0 or > MaxMetadataLength)
            throw new InvalidDataException($"The file's header is corrupted: {metadataLength} bytes of metadata.");
        return new HeaderFields(ReadElementCode(header), shape, parameterCount, optimizer, stepCount, metadataLength);
    }

    private static ElementCode ReadElementCode(byte[] header) =>
        header[8] is >= 1 and <= 3 ? (ElementCode)header[8] : throw new InvalidDataException($"The file's header is corrupted: element type {header[8]} is not 1 (Half), 2 (float) or 3 (double).");

    /// <summary>The shape fields at offsets 9–13 and 16–31 (the same in both versions), checked as the contract's rules say.</summary>
    private static NetworkShape ReadShape(byte[] header, int layers, byte lossReduction)
    {
        if (header[13] > 1)
            throw new InvalidDataException($"The file's header is corrupted: bias flag {header[13]} is not 0 or 1.");
        var shape = new NetworkShape((CellKind)header[9], BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(16)),
            BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(20)), BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(24)),
            BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(28)), header[13] == 1, (Activation)header[10], (Activation)header[11], (LossKind)header[12]);
        shape = ShapeFields.With(shape, layers, lossReduction);
        try
        {
            shape.Validate();
        }
        catch (ArgumentException exception)
        {
            throw new InvalidDataException($"The file's header is corrupted: {exception.Message}", exception);
        }
        return shape;
    }

    private static int ReadParameterCount(byte[] header, int offset, NetworkShape shape)
    {
        int parameterCount = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(offset));
        if (parameterCount != shape.ParameterCount)
            throw new InvalidDataException($"The file's header is corrupted: it counts {parameterCount} parameters, but its shape {shape} has {shape.ParameterCount}.");
        return parameterCount;
    }

    private static int WriteValues<T>(byte[] bytes, int offset, ElementCode code, ReadOnlySpan<T> values) where T : INumber<T>
    {
        int size = ElementCodes.Size(code);
        if (ElementCodes.TryGetBytes(values, code, out ReadOnlySpan<byte> raw))
        {
            raw.CopyTo(bytes.AsSpan(offset));
            return offset + raw.Length;
        }
        for (int i = 0; i < values.Length; i++)
            ElementCodes.Write(bytes.AsSpan(offset + (i * size)), code, double.CreateChecked(values[i]));
        return offset + (values.Length * size);
    }

    /// <summary>Metadata: an entry count, then each entry's key and value as length-prefixed UTF-8, in ordinal order of the keys.</summary>
    private static byte[] EncodeMetadata(IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null || metadata.Count == 0)
            return [];
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, StrictUtf8, leaveOpen: true))   // BinaryWriter is little-endian everywhere
        {
            writer.Write(metadata.Count);
            foreach ((string key, string value) in metadata.OrderBy(entry => entry.Key, StringComparer.Ordinal))
            {
                if (value is null)
                    throw new ArgumentException($"Metadata entry '{key}' has no value.", nameof(metadata));
                foreach (byte[] text in new[] { StrictUtf8.GetBytes(key), StrictUtf8.GetBytes(value) })
                {
                    writer.Write(text.Length);
                    writer.Write(text);
                }
            }
        }
        if (stream.Length > MaxMetadataLength)
            throw new ArgumentException($"The metadata takes {stream.Length} bytes; a network file holds at most {MaxMetadataLength}.", nameof(metadata));
        return stream.ToArray();
    }

    private static Dictionary<string, string> DecodeMetadata(byte[] bytes, int offset, int length)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (length == 0)
            return metadata;
        using var reader = new BinaryReader(new MemoryStream(bytes, offset, length, writable: false), StrictUtf8);
        try
        {
            int count = reader.ReadInt32();
            for (int entry = 0; entry < count; entry++)
            {
                string key = ReadText(reader);
                if (!metadata.TryAdd(key, ReadText(reader)))
                    throw new InvalidDataException($"The file's metadata names '{key}' twice.");
            }
        }
        catch (Exception exception) when (exception is EndOfStreamException or ArgumentException or DecoderFallbackException)
        {
            throw new InvalidDataException("The file's metadata is corrupted.", exception);
        }
        if (reader.BaseStream.Position != length)
            throw new InvalidDataException("The file's metadata is corrupted: it does not end where its length says.");
        return metadata;
    }

    private static string ReadText(BinaryReader reader)
    {
        int length = reader.ReadInt32();
        if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
            throw new EndOfStreamException();
        return StrictUtf8.GetString(reader.ReadBytes(length));
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = stream.Read(buffer[total..]);
            if (read == 0)
                break;
            total += read;
        }
        return total;
    }

    private readonly record struct HeaderFields(ElementCode Code, NetworkShape Shape, int ParameterCount, OptimizerKind? Optimizer,
        long OptimizerStepCount, int MetadataLength);
}

/// <summary>A file that passed every check: its header, its bytes, and where the parameters and the optimizer section start.</summary>
internal sealed class VerifiedFile(NetworkFileHeader header, byte[] bytes, ElementCode code, int parametersOffset, int optimizerOffset)
{
    public NetworkFileHeader Header { get; } = header;

    /// <summary>The <see cref="NetworkFileHeader.ParameterCount"/> parameters, decoded to <typeparamref name="T"/>.</summary>
    public T[] Parameters<T>() where T : INumber<T> => Decode<T>(parametersOffset, Header.ParameterCount, "Parameter");

    /// <summary>The optimizer's settings, step count and state vectors, decoded to <typeparamref name="T"/>.</summary>
    public OptimizerState<T> Optimizer<T>() where T : INumber<T>
    {
        OptimizerKind kind = Header.Optimizer ?? throw new InvalidOperationException("The file holds no optimizer state.");
        (int settings, int vectors) = OptimizerKinds.CountsOf(kind);
        int size = ElementCodes.Size(code), count = Header.ParameterCount;
        var state = new T[vectors][];
        for (int v = 0; v < vectors; v++)
            state[v] = Decode<T>(optimizerOffset + ((settings + (v * count)) * size), count, $"{kind} state value");
        return new OptimizerState<T>(kind, Decode<T>(optimizerOffset, settings, $"{kind} setting"), Header.OptimizerStepCount, state);
    }

    /// <summary>Decodes values into a new array, rounding to <typeparamref name="T"/>; a value it cannot hold is an error, not an infinity or a cap.</summary>
    private T[] Decode<T>(int offset, int count, string what) where T : INumber<T>
    {
        int size = ElementCodes.Size(code);
        var values = new T[count];
        if (ElementCodes.TryGetBytes(values.AsSpan(), code, out Span<byte> raw))
        {
            bytes.AsSpan(offset, raw.Length).CopyTo(raw);
            return values;
        }
        for (int i = 0; i < count; i++)
        {
            double value = ElementCodes.Read(bytes.AsSpan(offset + (i * size)), code);
            try
            {
                values[i] = T.CreateChecked(value);   // decimal and other non-IEEE types throw when the value is out of their range
            }
            catch (OverflowException)
            {
                throw new InvalidOperationException($"{what} {i} is {value}, which {typeof(T).Name} cannot hold.");
            }
            if (double.IsFinite(value) && !double.IsFinite(double.CreateTruncating(values[i])))
                throw new InvalidOperationException($"{what} {i} is {value}, too large for {typeof(T).Name}.");
        }
        return values;
    }
}
