using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Text;
using System.Text.Json.Nodes;

namespace RnnGen.Tests.Interchange;

/// <summary>One tensor of a safetensors file as the tests see it: dtype, shape and raw bytes.</summary>
public sealed record TestTensor(string DType, long[] Shape, byte[] Data);

/// <summary>
/// Takes safetensors files apart and puts them together again, independently of the library's reader, so the tests can
/// check what Save wrote and build damaged files.
/// </summary>
public static class SafeTensorsBytes
{
    public static byte[] Save<T>(IRecurrentNetwork<T> network, PyTorchNames? names = null) where T : INumber<T>
    {
        var stream = new MemoryStream();
        SafeTensors.Save(network, stream, names);
        return stream.ToArray();
    }

    /// <summary>The header as a JSON object and the data section.</summary>
    public static (JsonObject Header, byte[] Data) Split(byte[] file)
    {
        int length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(file));
        var header = (JsonObject)JsonNode.Parse(file.AsSpan(8, length))!;
        return (header, file[(8 + length)..]);
    }

    /// <summary>A file of <paramref name="header"/> (serialized as is) and <paramref name="data"/>.</summary>
    public static byte[] Join(JsonObject header, byte[] data) => Join(Encoding.UTF8.GetBytes(header.ToJsonString()), data);

    /// <summary>A file of raw header bytes and data.</summary>
    public static byte[] Join(byte[] header, byte[] data)
    {
        var file = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file, 8);
        data.CopyTo(file, 8 + header.Length);
        return file;
    }

    /// <summary>The file's tensors by name, in header order, and its metadata (null when it has none).</summary>
    public static (Dictionary<string, TestTensor> Tensors, JsonObject? Metadata) Tensors(byte[] file)
    {
        (JsonObject header, byte[] data) = Split(file);
        var tensors = new Dictionary<string, TestTensor>();
        JsonObject? metadata = null;
        foreach ((string name, JsonNode? node) in header)
        {
            if (name == "__metadata__")
            {
                metadata = (JsonObject)node!.DeepClone();
                continue;
            }
            long begin = (long)node!["data_offsets"]![0]!, end = (long)node["data_offsets"]![1]!;
            tensors.Add(name, new TestTensor((string)node["dtype"]!, node["shape"]!.AsArray().Select(d => (long)d!).ToArray(), data[(int)begin..(int)end]));
        }
        return (tensors, metadata);
    }

    /// <summary>A well-formed file holding <paramref name="tensors"/> back to back, in order, with optional metadata.</summary>
    public static byte[] Build(IEnumerable<KeyValuePair<string, TestTensor>> tensors, JsonObject? metadata = null)
    {
        var header = new JsonObject();
        if (metadata is not null)
            header["__metadata__"] = metadata.DeepClone();
        var data = new List<byte>();
        foreach ((string name, TestTensor tensor) in tensors)
        {
            header[name] = new JsonObject
            {
                ["dtype"] = tensor.DType,
                ["shape"] = new JsonArray(tensor.Shape.Select(d => (JsonNode?)d).ToArray()),
                ["data_offsets"] = new JsonArray(data.Count, data.Count + tensor.Data.Length),
            };
            data.AddRange(tensor.Data);
        }
        return Join(header, data.ToArray());
    }

    /// <summary>Element <paramref name="index"/> of a tensor, whatever its floating-point dtype.</summary>
    public static double Element(TestTensor tensor, int index) => tensor.DType switch
    {
        "F16" => (double)BinaryPrimitives.ReadHalfLittleEndian(tensor.Data.AsSpan(index * 2)),
        "BF16" => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(tensor.Data.AsSpan(index * 2)) << 16),
        "F32" => BinaryPrimitives.ReadSingleLittleEndian(tensor.Data.AsSpan(index * 4)),
        "F64" => BinaryPrimitives.ReadDoubleLittleEndian(tensor.Data.AsSpan(index * 8)),
        _ => throw new ArgumentException(tensor.DType),
    };

    /// <summary>The same values as another dtype (F16, BF16 by truncation of exactly representable values, F32, F64).</summary>
    public static TestTensor Convert(TestTensor tensor, string dtype)
    {
        int count = (int)tensor.Shape.Aggregate(1L, (a, b) => a * b);
        int size = dtype switch { "F16" or "BF16" => 2, "F32" => 4, _ => 8 };
        var data = new byte[count * size];
        for (int i = 0; i < count; i++)
        {
            double value = Element(tensor, i);
            switch (dtype)
            {
                case "F16": BinaryPrimitives.WriteHalfLittleEndian(data.AsSpan(i * 2), (Half)value); break;
                case "BF16": BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(i * 2), (ushort)(BitConverter.SingleToInt32Bits((float)value) >>> 16)); break;
                case "F32": BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(i * 4), (float)value); break;
                default: BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan(i * 8), value); break;
            }
        }
        return new TestTensor(dtype, tensor.Shape, data);
    }
}
