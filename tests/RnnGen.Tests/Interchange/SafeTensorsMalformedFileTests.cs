using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace RnnGen.Tests.Interchange;

/// <summary>
/// Every way a safetensors file can be damaged or not fit the network: structural damage is an
/// <see cref="InvalidDataException"/>, a file of another network an <see cref="ArgumentException"/> naming the tensor,
/// its shape and the shape expected; either way the network keeps every parameter it had.
/// </summary>
public class SafeTensorsMalformedFileTests
{
    private static readonly NetworkShape Lstm = SafeTensorsTests.Shape(CellKind.Lstm, bias: true);

    private static byte[] ValidFile() => SafeTensorsBytes.Save(new ReferenceNetwork<double>(Lstm, 21));

    [Fact]
    public void The_valid_file_loads()
    {
        var network = new ReferenceNetwork<double>(Lstm, 3);
        SafeTensors.Load(network, new MemoryStream(ValidFile()));
        Assert.Equal(new ReferenceNetwork<double>(Lstm, 21).Parameters.ToArray(), network.Parameters.ToArray());
    }

    [Fact]
    public void Every_truncation_is_invalid_data()
    {
        byte[] file = ValidFile();
        for (int length = 0; length < file.Length; length++)
            AssertInvalidData(file[..length], $"truncated to {length} bytes");
    }

    [Fact]
    public void Bytes_after_the_last_tensor_are_invalid_data()
    {
        byte[] file = ValidFile();
        AssertInvalidData([.. file, 0], "one byte too many", "end at byte");
    }

    [Theory]
    [InlineData(0x7FFF_FFFF_FFFF_FFFFUL, "header length")]
    [InlineData(1UL << 32, "header length")]
    public void A_header_length_past_the_file_is_invalid_data(ulong headerLength, string expected)
    {
        byte[] file = ValidFile();
        BinaryPrimitives.WriteUInt64LittleEndian(file, headerLength);
        AssertInvalidData(file, $"header length {headerLength}", expected);

        file = ValidFile();
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)file.Length - 7);
        AssertInvalidData(file, "header length one past the end", "past the end of the file");
    }

    [Theory]
    [InlineData("{\"rnn.weight_ih_l0\": ", "not valid JSON")]
    [InlineData("[1, 2, 3]", "not an object")]
    [InlineData("\"tensors\"", "not an object")]
    [InlineData("{\"a\": 1} {\"b\": 2}", "not valid JSON")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]},}", "not valid JSON")]
    [InlineData("{\"a\": /* comment */ {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", "not valid JSON")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}, \"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 8]}}", "twice")]
    [InlineData("{\"a\": [0, 4]}", "not an object with dtype")]
    [InlineData("{\"a\": {\"dtype\": 32, \"shape\": [1], \"data_offsets\": [0, 4]}}", "dtype")]
    [InlineData("{\"a\": {\"shape\": [1], \"data_offsets\": [0, 4]}}", "lacks dtype")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"data_offsets\": [0, 4]}}", "lacks shape")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1]}}", "lacks data_offsets")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [-1], \"data_offsets\": [0, 4]}}", "non-negative integer")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1.5], \"data_offsets\": [0, 4]}}", "non-negative integer")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": 1, \"data_offsets\": [0, 4]}}", "not an array")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4, 8]}}", "[begin, end]")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 0]}}", "[begin, end]")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4], \"strides\": [1]}}", "unexpected")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 4]}}", "takes 8")]
    [InlineData("{\"a\": {\"dtype\": \"F32\", \"shape\": [4611686018427387904, 4], \"data_offsets\": [0, 4]}}", "too large")]
    [InlineData("{\"__metadata__\": [\"format\"], \"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", "__metadata__")]
    [InlineData("{\"__metadata__\": {\"format\": 1}, \"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", "not a string")]
    [InlineData("{\"__metadata__\": {\"rnngen.cell\": \"Lstm\"}, \"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", "rnngen.")]
    public void A_malformed_header_is_invalid_data(string header, string expected)
    {
        AssertInvalidData(SafeTensorsBytes.Join(Encoding.UTF8.GetBytes(header), new byte[4]), header, expected);
    }

    [Fact]
    public void A_header_that_is_not_UTF8_is_invalid_data()
    {
        byte[] header = Encoding.UTF8.GetBytes("{\"a\u00e9\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}");
        int accent = Array.IndexOf(header, (byte)0xC3);
        header[accent + 1] = 0x28; // a lead byte followed by no continuation byte
        AssertInvalidData(SafeTensorsBytes.Join(header, new byte[4]), "invalid UTF-8", "not valid JSON");
    }

    [Fact]
    public void Overlapping_out_of_range_and_gapped_offsets_are_invalid_data()
    {
        AssertInvalidData(WithOffsets("rnn.weight_hh_l0", shift: -4), "overlap", "overlaps");
        AssertInvalidData(WithOffsets("fc.bias", shift: 8), "out of range", "past the end");
        AssertInvalidData(WithOffsets("fc.bias", shift: -8), "fc.bias on top of fc.weight", "overlaps");

        // A gap: every tensor from fc.weight on moves 8 bytes later and 8 bytes of data are inserted.
        (JsonObject header, byte[] data) = SafeTensorsBytes.Split(ValidFile());
        long gapAt = (long)header["fc.weight"]!["data_offsets"]![0]!;
        foreach (string name in new[] { "fc.weight", "fc.bias" })
        {
            JsonArray offsets = header[name]!["data_offsets"]!.AsArray();
            header[name]!["data_offsets"] = new JsonArray((long)offsets[0]! + 8, (long)offsets[1]! + 8);
        }
        byte[] gapped = [.. data[..(int)gapAt], .. new byte[8], .. data[(int)gapAt..]];
        AssertInvalidData(SafeTensorsBytes.Join(header, gapped), "gap", "belong to no tensor");
    }

    [Fact]
    public void A_missing_tensor_names_it_and_its_expected_shape()
    {
        foreach (string name in new[] { "rnn.weight_ih_l0", "rnn.bias_hh_l0", "fc.bias" })
        {
            (Dictionary<string, TestTensor> tensors, JsonObject? metadata) = SafeTensorsBytes.Tensors(ValidFile());
            tensors.Remove(name);
            string expectedShape = name switch { "rnn.weight_ih_l0" => "[16, 3]", "rnn.bias_hh_l0" => "[16]", _ => "[2]" };
            AssertWrongNetwork(SafeTensorsBytes.Build(tensors, metadata), name, expectedShape);
        }
    }

    [Fact]
    public void An_extra_tensor_names_it_and_its_shape()
    {
        (Dictionary<string, TestTensor> tensors, JsonObject? metadata) = SafeTensorsBytes.Tensors(ValidFile());
        tensors["rnn.weight_ih_l1"] = new TestTensor("F32", [16, 4], new byte[16 * 4 * 4]);
        AssertWrongNetwork(SafeTensorsBytes.Build(tensors, metadata), "rnn.weight_ih_l1", "[16, 4]", "not part of");

        // A file with biases does not load into a network without them.
        var unbiased = new ReferenceNetwork<double>(SafeTensorsTests.Shape(CellKind.Lstm, bias: false), 2);
        double[] before = unbiased.Parameters.ToArray();
        (tensors, _) = SafeTensorsBytes.Tensors(ValidFile());
        var exception = Assert.Throws<ArgumentException>(() => SafeTensors.Load(unbiased, new MemoryStream(SafeTensorsBytes.Build(tensors))));
        Assert.Contains("rnn.bias_ih_l0", exception.Message);
        Assert.Equal(before, unbiased.Parameters.ToArray());
    }

    [Fact]
    public void A_file_of_another_layer_count_names_the_tensors_that_differ()
    {
        // With RnnGen's metadata the shapes are compared first; a file from PyTorch has only its tensors to go by.
        byte[] saved = SafeTensorsBytes.Save(new ReferenceNetwork<double>(Lstm with { Layers = 2 }, 4));
        AssertWrongNetwork(saved, "Layers is 2 in the file and 1 in this network");
        byte[] twoLayers = SafeTensorsBytes.Build(SafeTensorsBytes.Tensors(saved).Tensors);
        AssertWrongNetwork(twoLayers, "rnn.weight_ih_l1", "[16, 4]", "not part of");

        var network = new ReferenceNetwork<double>(Lstm with { Layers = 3 }, 5);
        double[] before = network.Parameters.ToArray();
        var exception = Assert.Throws<ArgumentException>(() => SafeTensors.Load(network, new MemoryStream(twoLayers)));
        Assert.Contains("'rnn.weight_ih_l2' (expected shape [16, 4])", exception.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Theory]
    [InlineData("rnn.weight_ih_l0", new long[] { 3, 16 }, "[16, 3]")]
    [InlineData("rnn.weight_hh_l0", new long[] { 64 }, "[16, 4]")]
    [InlineData("rnn.bias_ih_l0", new long[] { 1, 16 }, "[16]")]
    [InlineData("fc.weight", new long[] { 4, 2 }, "[2, 4]")]
    public void A_misshapen_tensor_names_it_its_shape_and_the_shape_expected(string name, long[] shape, string expectedShape)
    {
        (Dictionary<string, TestTensor> tensors, JsonObject? metadata) = SafeTensorsBytes.Tensors(ValidFile());
        tensors[name] = tensors[name] with { Shape = shape };
        AssertWrongNetwork(SafeTensorsBytes.Build(tensors, metadata), name, "[" + string.Join(", ", shape) + "]", expectedShape);
    }

    [Theory]
    [InlineData("I64", 8)]
    [InlineData("U8", 1)]
    [InlineData("F8_E4M3", 1)]
    public void A_dtype_RnnGen_does_not_read_names_the_tensor(string dtype, int size)
    {
        (Dictionary<string, TestTensor> tensors, JsonObject? metadata) = SafeTensorsBytes.Tensors(ValidFile());
        tensors["fc.bias"] = new TestTensor(dtype, [2], new byte[2 * size]);
        AssertWrongNetwork(SafeTensorsBytes.Build(tensors, metadata), "fc.bias", dtype, "F16, BF16, F32 and F64");
    }

    private static byte[] WithOffsets(string name, long shift)
    {
        (JsonObject header, byte[] data) = SafeTensorsBytes.Split(ValidFile());
        JsonArray offsets = header[name]!["data_offsets"]!.AsArray();
        header[name]!["data_offsets"] = new JsonArray((long)offsets[0]! + shift, (long)offsets[1]! + shift);
        return SafeTensorsBytes.Join(header, data);
    }

    private static void AssertInvalidData(byte[] file, string because, string? expected = null)
    {
        var network = new ReferenceNetwork<double>(Lstm, 5);
        double[] before = network.Parameters.ToArray();
        var exception = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(network, new MemoryStream(file)));
        if (expected is not null)
            Assert.True(exception.Message.Contains(expected, StringComparison.Ordinal), $"{because}: '{exception.Message}' does not say '{expected}'");
        Assert.True(before.SequenceEqual(network.Parameters.ToArray()), $"{because}: parameters changed");
    }

    private static void AssertWrongNetwork(byte[] file, params string[] expected)
    {
        var network = new ReferenceNetwork<double>(Lstm, 5);
        double[] before = network.Parameters.ToArray();
        var exception = Assert.Throws<ArgumentException>(() => SafeTensors.Load(network, new MemoryStream(file)));
        foreach (string text in expected)
            Assert.Contains(text, exception.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }
}
