using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Hashing;
using System.Numerics;

namespace RnnGen;

/// <summary>What the header of a network file says: the shape, the element type and the number of parameters.</summary>
/// <param name="Shape">The network's shape.</param>
/// <param name="ElementType">typeof(Half), typeof(float) or typeof(double).</param>
/// <param name="ParameterCount">Number of parameters stored (always <c>Shape.ParameterCount</c>).</param>
public sealed record NetworkFileHeader(NetworkShape Shape, Type ElementType, int ParameterCount);

/// <summary>
/// Saves and loads a network's parameters with its shape and element type, in the versioned, checksummed binary
/// format of docs/file-format.md. Loading checks everything before it writes anything: a file of another shape, a
/// truncated or corrupted file, or (unless conversion is asked for) another element type is an exception, and the
/// network keeps the parameters it had.
/// </summary>
public static class NetworkFile
{
    /// <summary>
    /// The version of the file format this library writes (docs/file-format.md). It is stored, as a little-endian 16-bit
    /// number, right after the six-byte magic "RNNGEN" that every file starts with.
    /// </summary>
    public const ushort FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "RNNGEN"u8;

    private const int HeaderLength = 36, ChecksumLength = 4;

    /// <summary>Writes <paramref name="network"/>'s shape, element type and parameters to a file, replacing it.</summary>
    /// <exception cref="NotSupportedException">
    /// <typeparamref name="T"/> is not Half, float or double, or the loss is not summed over the steps
    /// (<see cref="LossReduction.Mean"/>, which this format version cannot record); the file is left as it was.
    /// </exception>
    public static void Save<T>(IRecurrentNetwork<T> network, string path) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(path);
        // Everything is encoded before the file is opened, so a network the format cannot hold leaves the file alone.
        byte[] bytes = Encode(network);
        using FileStream stream = File.Create(path);
        stream.Write(bytes);
    }

    /// <summary>Writes <paramref name="network"/>'s shape, element type and parameters to <paramref name="stream"/>.</summary>
    /// <exception cref="NotSupportedException">
    /// <typeparamref name="T"/> is not Half, float or double, or the loss is <see cref="LossReduction.Mean"/>; nothing is written.
    /// </exception>
    public static void Save<T>(IRecurrentNetwork<T> network, Stream stream) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Encode(network));
    }

    /// <summary>The whole file for <paramref name="network"/>, checksum included.</summary>
    private static byte[] Encode<T>(IRecurrentNetwork<T> network) where T : INumber<T>
    {
        ElementCode code = ElementCodeOf(typeof(T));
        NetworkShape shape = network.Shape;
        // Version 1 has no field for the reduction; a file that dropped it would load as a network with another loss.
        if (shape.LossReduction != LossReduction.Sum)
            throw new NotSupportedException($"Network files of version {FormatVersion} cannot record LossReduction.{shape.LossReduction}; only networks whose loss is summed over the steps can be saved.");
        ReadOnlySpan<T> parameters = network.Parameters;
        var bytes = new byte[HeaderLength + (parameters.Length * ElementSize(code)) + ChecksumLength];
        WriteHeader(bytes, shape, code, parameters.Length);
        Span<byte> payload = bytes.AsSpan(HeaderLength, parameters.Length * ElementSize(code));
        for (int p = 0; p < parameters.Length; p++)
            WriteElement(payload.Slice(p * ElementSize(code)), code, double.CreateChecked(parameters[p]));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - ChecksumLength), Crc32.HashToUInt32(bytes.AsSpan(0, bytes.Length - ChecksumLength)));
        return bytes;
    }

    /// <summary>Loads parameters from a file into <paramref name="network"/>; see <see cref="Load{T}(IRecurrentNetwork{T}, Stream, bool)"/>.</summary>
    public static void Load<T>(IRecurrentNetwork<T> network, string path, bool convertElementType = false) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream stream = File.OpenRead(path);
        Load(network, stream, convertElementType);
    }

    /// <summary>
    /// Loads parameters into <paramref name="network"/>, which must have the file's shape. The file's element type must be
    /// <typeparamref name="T"/> unless <paramref name="convertElementType"/> is true, in which case every value is rounded
    /// to <typeparamref name="T"/> (a value too large for it is an error, not an infinity).
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is not a complete, intact network file.</exception>
    /// <exception cref="ArgumentException">The file's shape is not the network's.</exception>
    /// <exception cref="InvalidOperationException">The file holds another element type and conversion was not asked for.</exception>
    public static void Load<T>(IRecurrentNetwork<T> network, Stream stream, bool convertElementType = false) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        (NetworkFileHeader header, byte[] bytes) = ReadVerified(stream);
        if (header.Shape != network.Shape)
            throw new ArgumentException($"The file holds a network of shape {header.Shape}; this network's shape is {network.Shape} "
                + $"({header.Shape.DescribeDifference(network.Shape, "in the file", "in this network")}).", nameof(network));
        if (header.ElementType != typeof(T) && !convertElementType)
            throw new InvalidOperationException($"The file holds {header.ElementType.Name} parameters and this network is {typeof(T).Name}; pass convertElementType: true to round them.");

        // Everything is decoded into a separate array first, so a failure leaves the network as it was.
        ElementCode code = ElementCodeOf(header.ElementType);
        var values = new T[header.ParameterCount];
        for (int p = 0; p < values.Length; p++)
        {
            double value = ReadElement(bytes.AsSpan(HeaderLength + (p * ElementSize(code))), code);
            values[p] = Convert<T>(value, p);
        }
        values.CopyTo(network.Parameters);
    }

    /// <summary>
    /// <paramref name="value"/> rounded to <typeparamref name="T"/>; a finite value too large for it is an error, whether
    /// <typeparamref name="T"/> would turn it into an infinity (Half, float) or refuse it (decimal, which also has no NaN).
    /// </summary>
    private static T Convert<T>(double value, int index) where T : INumber<T>
    {
        T converted;
        try
        {
            converted = T.CreateChecked(value);
        }
        catch (OverflowException)
        {
            throw new InvalidOperationException($"Parameter {index} is {value}, which {typeof(T).Name} cannot hold.");
        }
        if (double.IsFinite(value) && !double.IsFinite(double.CreateTruncating(converted)))
            throw new InvalidOperationException($"Parameter {index} is {value}, too large for {typeof(T).Name}.");
        return converted;
    }

    /// <summary>Reads and verifies a whole file and returns what its header says.</summary>
    /// <exception cref="InvalidDataException">The stream is not a complete, intact network file.</exception>
    public static NetworkFileHeader ReadHeader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadVerified(stream).Header;
    }

    /// <summary>Reads and verifies a whole file and returns what its header says.</summary>
    public static NetworkFileHeader ReadHeader(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream stream = File.OpenRead(path);
        return ReadHeader(stream);
    }

    private enum ElementCode : byte
    {
        Half = 1,
        Single = 2,
        Double = 3,
    }

    private static ElementCode ElementCodeOf(Type type) =>
        type == typeof(Half) ? ElementCode.Half
        : type == typeof(float) ? ElementCode.Single
        : type == typeof(double) ? ElementCode.Double
        : throw new NotSupportedException($"Network files hold Half, float or double parameters, not {type.Name}.");

    private static Type TypeOf(ElementCode code) => code switch
    {
        ElementCode.Half => typeof(Half),
        ElementCode.Single => typeof(float),
        _ => typeof(double),
    };

    private static int ElementSize(ElementCode code) => code switch
    {
        ElementCode.Half => 2,
        ElementCode.Single => 4,
        _ => 8,
    };

    private static void WriteHeader(Span<byte> bytes, NetworkShape shape, ElementCode code, int parameterCount)
    {
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.Slice(6), FormatVersion);
        bytes[8] = (byte)code;
        bytes[9] = (byte)shape.Cell;
        bytes[10] = (byte)shape.HiddenActivation;
        bytes[11] = (byte)shape.OutputActivation;
        bytes[12] = (byte)shape.Loss;
        bytes[13] = shape.Bias ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.Slice(16), shape.Inputs);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.Slice(20), shape.Hidden);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.Slice(24), shape.Outputs);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.Slice(28), shape.Steps);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.Slice(32), parameterCount);
    }

    private static (NetworkFileHeader Header, byte[] Bytes) ReadVerified(Stream stream)
    {
        var header = new byte[HeaderLength];
        int read = ReadFully(stream, header);
        if (read < HeaderLength)
            throw new InvalidDataException($"The file ends after {read} bytes, inside the {HeaderLength}-byte header of a network file.");
        if (!header.AsSpan(0, 6).SequenceEqual(Magic))
            throw new InvalidDataException("This is not a network file: it does not start with \"RNNGEN\".");
        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(6));
        if (version != FormatVersion)
            throw new InvalidDataException($"The file is in format version {version}; this library reads version {FormatVersion}.");

        // Decode the header enough to know how long the file must be; a corrupted field shows up here or in the checksum.
        if (header[8] is < 1 or > 3 || header[13] > 1 || header[14] != 0 || header[15] != 0)
            throw new InvalidDataException("The file's header is corrupted (element type, bias flag or reserved bytes out of range).");
        var code = (ElementCode)header[8];
        var shape = new NetworkShape((CellKind)header[9], BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(16)),
            BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(20)), BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(24)),
            BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(28)), header[13] == 1, (Activation)header[10], (Activation)header[11], (LossKind)header[12]);
        try
        {
            shape.Validate();
        }
        catch (ArgumentException exception)
        {
            throw new InvalidDataException($"The file's header is corrupted: {exception.Message}", exception);
        }
        int parameterCount = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(32));
        if (parameterCount != shape.ParameterCount)
            throw new InvalidDataException($"The file's header is corrupted: it counts {parameterCount} parameters, but its shape {shape} has {shape.ParameterCount}.");

        long expectedLength = HeaderLength + ((long)parameterCount * ElementSize(code)) + ChecksumLength;
        if (expectedLength > Array.MaxLength)
            throw new InvalidDataException($"The file's header is corrupted: it describes {expectedLength} bytes.");
        var bytes = new byte[expectedLength];
        header.CopyTo(bytes, 0);
        read = HeaderLength + ReadFully(stream, bytes.AsSpan(HeaderLength));
        if (read < expectedLength)
            throw new InvalidDataException($"The file ends after {read} bytes; a {code} network of shape {shape} takes {expectedLength}.");
        if (stream.ReadByte() >= 0)
            throw new InvalidDataException($"The file goes on past the {expectedLength} bytes a {code} network of shape {shape} takes.");
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - ChecksumLength));
        if (stored != Crc32.HashToUInt32(bytes.AsSpan(0, bytes.Length - ChecksumLength)))
            throw new InvalidDataException("The file is corrupted: its CRC-32 checksum does not match its contents.");
        return (new NetworkFileHeader(shape, TypeOf(code), parameterCount), bytes);
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = stream.Read(buffer.Slice(total));
            if (read == 0)
                break;
            total += read;
        }
        return total;
    }

    private static void WriteElement(Span<byte> destination, ElementCode code, double value)
    {
        switch (code)
        {
            case ElementCode.Half: BinaryPrimitives.WriteHalfLittleEndian(destination, (Half)value); break;
            case ElementCode.Single: BinaryPrimitives.WriteSingleLittleEndian(destination, (float)value); break;
            default: BinaryPrimitives.WriteDoubleLittleEndian(destination, value); break;
        }
    }

    private static double ReadElement(ReadOnlySpan<byte> source, ElementCode code) => code switch
    {
        ElementCode.Half => (double)BinaryPrimitives.ReadHalfLittleEndian(source),
        ElementCode.Single => BinaryPrimitives.ReadSingleLittleEndian(source),
        _ => BinaryPrimitives.ReadDoubleLittleEndian(source),
    };
}
