using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Unicode;

namespace RnnGen;

/// <summary>One tensor of a safetensors file as its header describes it.</summary>
/// <param name="Name">The tensor's key in the header.</param>
/// <param name="DType">The dtype string ("F32", "BF16", …), whatever it is.</param>
/// <param name="Dimensions">The shape, outermost dimension first.</param>
/// <param name="Begin">Offset of the first byte in the data section.</param>
/// <param name="End">Offset one past the last byte in the data section.</param>
internal sealed record SafeTensor(string Name, string DType, long[] Dimensions, long Begin, long End)
{
    /// <summary>The type of the elements, or null for a dtype RnnGen does not read.</summary>
    public TensorElementType? ElementType => TensorElements.FromSafeTensorsName(DType);

    /// <summary>The shape as PyTorch prints it: <c>[12, 3]</c>.</summary>
    public string ShapeText => FormatShape(Dimensions);

    /// <summary>Formats a shape as <c>[12, 3]</c>.</summary>
    public static string FormatShape(ReadOnlySpan<long> dimensions) => "[" + string.Join(", ", dimensions.ToArray()) + "]";
}

/// <summary>
/// The safetensors container (github.com/huggingface/safetensors): an 8-byte little-endian header length N, N bytes of
/// UTF-8 JSON mapping tensor names to dtype, shape and [begin, end) offsets (plus an optional string-to-string
/// <c>__metadata__</c>), then the raw little-endian data, every byte of it covered by exactly one tensor.
/// Reading checks the whole structure and throws <see cref="InvalidDataException"/> for anything damaged; what the
/// tensors mean is the caller's business.
/// </summary>
internal sealed class SafeTensorsFile
{
    /// <summary>The key of the string-to-string metadata object in the header.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>The reference implementation refuses headers over 100 MB; so do we, before allocating anything for one.</summary>
    private const long MaxHeaderLength = 100_000_000;

    private readonly byte[] bytes;
    private readonly int dataStart;

    private SafeTensorsFile(byte[] bytes, int dataStart, Dictionary<string, string> metadata, List<SafeTensor> tensors)
    {
        this.bytes = bytes;
        this.dataStart = dataStart;
        Metadata = metadata;
        Tensors = tensors;
    }

    /// <summary>The <c>__metadata__</c> entries (empty when the file has none).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensors in header order.</summary>
    public IReadOnlyList<SafeTensor> Tensors { get; }

    /// <summary>The bytes of <paramref name="tensor"/>.</summary>
    public ReadOnlySpan<byte> Data(SafeTensor tensor) => bytes.AsSpan(dataStart + (int)tensor.Begin, (int)(tensor.End - tensor.Begin));

    /// <summary>Reads the rest of <paramref name="stream"/> as one safetensors file.</summary>
    /// <exception cref="InvalidDataException">The stream is truncated, its header is not valid JSON of the expected form, or the offsets are out of range, overlap or leave gaps.</exception>
    public static SafeTensorsFile Read(Stream stream)
    {
        byte[] bytes = ReadToEnd(stream);
        if (bytes.Length < 8)
            throw new InvalidDataException($"The file ends after {bytes.Length} bytes, inside the 8-byte header length of a safetensors file.");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > MaxHeaderLength)
            throw new InvalidDataException($"The safetensors header length is {headerLength} bytes, more than the {MaxHeaderLength} allowed.");
        if (headerLength > (ulong)(bytes.Length - 8))
            throw new InvalidDataException($"The safetensors header length is {headerLength} bytes, past the end of the file ({bytes.Length} bytes in all).");

        int dataStart = 8 + (int)headerLength;
        (Dictionary<string, string> metadata, List<SafeTensor> tensors) = ParseHeader(bytes.AsMemory(8, (int)headerLength));
        CheckOffsets(tensors, bytes.Length - dataStart);
        return new SafeTensorsFile(bytes, dataStart, metadata, tensors);
    }

    /// <summary>Writes a safetensors file: the header (metadata first, then the tensors in the order given), padded with spaces to a multiple of 8 bytes, then the tensors' data back to back.</summary>
    public static void Write(Stream stream, IReadOnlyList<KeyValuePair<string, string>> metadata,
        IReadOnlyList<(string Name, TensorElementType Type, int[] Dimensions, byte[] Data)> tensors)
    {
        var header = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(header))
        {
            writer.WriteStartObject();
            writer.WriteStartObject(MetadataKey);
            foreach ((string key, string value) in metadata)
                writer.WriteString(key, value);
            writer.WriteEndObject();
            long offset = 0;
            foreach ((string name, TensorElementType type, int[] dimensions, byte[] data) in tensors)
            {
                writer.WriteStartObject(name);
                writer.WriteString("dtype", TensorElements.SafeTensorsName(type));
                writer.WriteStartArray("shape");
                foreach (int dimension in dimensions)
                    writer.WriteNumberValue(dimension);
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(offset + data.Length);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset += data.Length;
            }
            writer.WriteEndObject();
        }

        // Spaces after the JSON keep the data 8-byte aligned, as the reference implementation does.
        int padding = (8 - (header.WrittenCount % 8)) % 8;
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)(header.WrittenCount + padding));
        stream.Write(length);
        stream.Write(header.WrittenSpan);
        for (int i = 0; i < padding; i++)
            stream.WriteByte((byte)' ');
        foreach ((_, _, _, byte[] data) in tensors)
            stream.Write(data);
    }

    private static (Dictionary<string, string> Metadata, List<SafeTensor> Tensors) ParseHeader(ReadOnlyMemory<byte> header)
    {
        if (!Utf8.IsValid(header.Span))
            throw new InvalidDataException("The safetensors header is not valid JSON: it is not valid UTF-8.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"The safetensors header is not valid JSON: {exception.Message}", exception);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"The safetensors header is a JSON {document.RootElement.ValueKind}, not an object of tensors.");
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var tensors = new List<SafeTensor>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (!names.Add(property.Name))
                    throw new InvalidDataException($"The safetensors header names '{property.Name}' twice.");
                if (property.Name == MetadataKey)
                    ReadMetadata(property.Value, metadata);
                else
                    tensors.Add(ReadTensor(property.Name, property.Value));
            }
            return (metadata, tensors);
        }
    }

    private static void ReadMetadata(JsonElement element, Dictionary<string, string> metadata)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"The safetensors header's {MetadataKey} is a JSON {element.ValueKind}, not an object of strings.");
        foreach (JsonProperty entry in element.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
                throw new InvalidDataException($"The safetensors metadata entry '{entry.Name}' is a JSON {entry.Value.ValueKind}, not a string.");
            if (!metadata.TryAdd(entry.Name, entry.Value.GetString()!))
                throw new InvalidDataException($"The safetensors metadata names '{entry.Name}' twice.");
        }
    }

    private static SafeTensor ReadTensor(string name, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"The safetensors header's entry for '{name}' is a JSON {element.ValueKind}, not an object with dtype, shape and data_offsets.");
        string? dtype = null;
        long[]? dimensions = null, offsets = null;
        foreach (JsonProperty field in element.EnumerateObject())
        {
            switch (field.Name)
            {
                case "dtype" when dtype is null:
                    dtype = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString()!
                        : throw new InvalidDataException($"The safetensors dtype of '{name}' is a JSON {field.Value.ValueKind}, not a string.");
                    break;
                case "shape" when dimensions is null:
                    dimensions = ReadNaturalNumbers(name, field);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadNaturalNumbers(name, field);
                    break;
                default:
                    throw new InvalidDataException($"The safetensors header's entry for '{name}' has an unexpected or repeated field '{field.Name}' ({field.Value.ValueKind}).");
            }
        }
        if (dtype is null || dimensions is null || offsets is null)
            throw new InvalidDataException($"The safetensors header's entry for '{name}' lacks {(dtype is null ? "dtype" : dimensions is null ? "shape" : "data_offsets")}.");
        if (offsets.Length != 2 || offsets[0] > offsets[1])
            throw new InvalidDataException($"The safetensors data_offsets of '{name}' are {SafeTensor.FormatShape(offsets)}, not [begin, end] with begin ≤ end.");

        var tensor = new SafeTensor(name, dtype, dimensions, offsets[0], offsets[1]);
        if (tensor.ElementType is TensorElementType type)
        {
            long count = 1;
            foreach (long dimension in dimensions)
            {
                if (dimension != 0 && count > long.MaxValue / TensorElements.Size(type) / dimension)
                    throw new InvalidDataException($"The safetensors shape of '{name}', {tensor.ShapeText}, is too large.");
                count *= dimension;
            }
            long size = count * TensorElements.Size(type);
            if (tensor.End - tensor.Begin != size)
                throw new InvalidDataException($"The safetensors data_offsets of '{name}' span {tensor.End - tensor.Begin} bytes; a {dtype} tensor of shape {tensor.ShapeText} takes {size}.");
        }
        return tensor;
    }

    private static long[] ReadNaturalNumbers(string name, JsonProperty field)
    {
        if (field.Value.ValueKind != JsonValueKind.Array)
            throw new InvalidDataException($"The safetensors {field.Name} of '{name}' is a JSON {field.Value.ValueKind}, not an array of integers.");
        var numbers = new long[field.Value.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in field.Value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out numbers[i]) || numbers[i] < 0)
                throw new InvalidDataException($"The safetensors {field.Name} of '{name}' holds {item.GetRawText()}, not a non-negative integer.");
            i++;
        }
        return numbers;
    }

    /// <summary>Every byte of the data section belongs to exactly one tensor: sorted by offset, each starts where the previous one ends.</summary>
    private static void CheckOffsets(List<SafeTensor> tensors, long dataLength)
    {
        var byOffset = new List<SafeTensor>(tensors);
        byOffset.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long end = 0;
        foreach (SafeTensor tensor in byOffset)
        {
            if (tensor.End > dataLength)
                throw new InvalidDataException($"The data of '{tensor.Name}' ends at byte {tensor.End}, past the end of the data section ({dataLength} bytes): the file is truncated or the offsets are out of range.");
            if (tensor.Begin < end)
                throw new InvalidDataException($"The data of '{tensor.Name}' [{tensor.Begin}, {tensor.End}) overlaps the tensor before it, which ends at byte {end}.");
            if (tensor.Begin > end)
                throw new InvalidDataException($"Bytes [{end}, {tensor.Begin}) of the data section belong to no tensor.");
            end = tensor.End;
        }
        if (end != dataLength)
            throw new InvalidDataException($"The data section has {dataLength} bytes, but its tensors end at byte {end}.");
    }

    private static byte[] ReadToEnd(Stream stream)
    {
        if (stream.CanSeek)
        {
            long remaining = stream.Length - stream.Position;
            if (remaining > Array.MaxLength)
                throw new InvalidDataException($"The stream holds {remaining} bytes, more than one safetensors file this library reads.");
            var bytes = new byte[remaining];
            stream.ReadExactly(bytes);
            return bytes;
        }
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
