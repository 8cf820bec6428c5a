using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Text.Json.Nodes;
using Xunit;

namespace RnnGen.Tests.Interchange;

/// <summary>Safetensors with PyTorch's names and layouts: what Save writes, round trips in every dtype, biases, names.</summary>
public class SafeTensorsTests
{
    public static TheoryData<CellKind, bool, int> CellsBiasAndLayers
    {
        get
        {
            var data = new TheoryData<CellKind, bool, int>();
            foreach (CellKind cell in Enum.GetValues<CellKind>())
            {
                foreach (bool bias in new[] { false, true })
                {
                    data.Add(cell, bias, 1);
                    data.Add(cell, bias, 2);
                }
            }
            return data;
        }
    }

    internal static NetworkShape Shape(CellKind cell, bool bias, Activation hidden = Activation.Tanh, int layers = 1) =>
        new(cell, 3, 4, 2, 5, bias, hidden, Activation.Sigmoid, LossKind.SquaredError, layers);

    [Theory]
    [MemberData(nameof(CellsBiasAndLayers))]
    public void Save_writes_PyTorch_names_shapes_and_transposed_weights(CellKind cell, bool bias, int layers)
    {
        NetworkShape shape = Shape(cell, bias, layers: layers);
        var network = new ReferenceNetwork<double>(shape, 11);
        (Dictionary<string, TestTensor> tensors, JsonObject? metadata) = SafeTensorsBytes.Tensors(SafeTensorsBytes.Save(network));

        int gates = ParameterLayout.GateCount(cell) * shape.Hidden;
        var expectedNames = new List<string>();
        for (int k = 0; k < layers; k++)
            expectedNames.AddRange(bias ? [$"rnn.weight_ih_l{k}", $"rnn.weight_hh_l{k}", $"rnn.bias_ih_l{k}", $"rnn.bias_hh_l{k}"] : [$"rnn.weight_ih_l{k}", $"rnn.weight_hh_l{k}"]);
        expectedNames.AddRange(bias ? ["fc.weight", "fc.bias"] : ["fc.weight"]);
        Assert.Equal(expectedNames, tensors.Keys);
        Assert.All(tensors.Values, tensor => Assert.Equal("F64", tensor.DType));

        ParameterLayout layout = shape.Layout;
        for (int k = 0; k < layers; k++)
        {
            // Layer k + 1 of API.md section 7 is PyTorch's _l{k}; layers above the first read h of the one below.
            LayerParameterBlocks blocks = layout.Layer(k + 1);
            AssertTransposeOf(tensors[$"rnn.weight_ih_l{k}"], [gates, k == 0 ? shape.Inputs : shape.Hidden], network, blocks.InputWeights);
            AssertTransposeOf(tensors[$"rnn.weight_hh_l{k}"], [gates, shape.Hidden], network, blocks.RecurrentWeights);
            if (bias)
            {
                AssertVector(tensors[$"rnn.bias_ih_l{k}"], network.Parameters.Slice(blocks.HiddenBias.Offset, gates).ToArray());
                AssertVector(tensors[$"rnn.bias_hh_l{k}"], cell == CellKind.Gru ? network.Parameters.Slice(blocks.RecurrentBias.Offset, gates).ToArray() : new double[gates]);
            }
        }
        AssertTransposeOf(tensors["fc.weight"], [shape.Outputs, shape.Hidden], network, layout.OutputWeights);
        if (bias)
            AssertVector(tensors["fc.bias"], network.Parameters.Slice(layout.OutputBias.Offset, shape.Outputs).ToArray());

        Assert.NotNull(metadata);
        Assert.Equal("pt", (string?)metadata["format"]);
        Assert.Equal(cell.ToString(), (string?)metadata["rnngen.cell"]);
        Assert.Equal("4", (string?)metadata["rnngen.hidden"]);
        Assert.Equal(bias ? "true" : "false", (string?)metadata["rnngen.bias"]);
        Assert.Equal(layers.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)metadata["rnngen.layers"]);
    }

    [Theory]
    [MemberData(nameof(CellsBiasAndLayers))]
    public void Round_trips_in_every_element_type(CellKind cell, bool bias, int layers)
    {
        NetworkShape shape = Shape(cell, bias, cell == CellKind.Elman && bias ? Activation.Relu : Activation.Tanh, layers + (layers - 1));
        RoundTrip(new ReferenceNetwork<double>(shape, 1), new ReferenceNetwork<double>(shape), "F64");
        RoundTrip(new ReferenceNetwork<float>(shape, 2), new ReferenceNetwork<float>(shape), "F32");
        RoundTrip(new ReferenceNetwork<Half>(shape, 3), new ReferenceNetwork<Half>(shape), "F16");
    }

    [Theory]
    [InlineData("F16")]
    [InlineData("BF16")]
    [InlineData("F32")]
    [InlineData("F64")]
    public void Every_dtype_loads_into_every_element_type(string dtype)
    {
        NetworkShape shape = Shape(CellKind.Gru, bias: true);
        (Dictionary<string, TestTensor> tensors, _) = SafeTensorsBytes.Tensors(SafeTensorsBytes.Save(new ReferenceNetwork<double>(shape, 5)));
        var converted = tensors.ToDictionary(pair => pair.Key, pair => SafeTensorsBytes.Convert(pair.Value, dtype));
        byte[] file = SafeTensorsBytes.Build(converted);

        // The network holds each stored value rounded to its element type: weights transposed, GRU biases as they are.
        var reference = new ReferenceNetwork<double>(shape);
        SafeTensors.Load(reference, new MemoryStream(file));
        AssertLoads<double>(file, reference.Parameters.ToArray());
        AssertLoads<float>(file, reference.Parameters.ToArray());
        AssertLoads<Half>(file, reference.Parameters.ToArray());

        for (int e = 0; e < 12; e++)
            Assert.Equal(SafeTensorsBytes.Element(converted["rnn.weight_ih_l0"], (e * 3) + 1), reference.Parameters[shape.Layout.InputWeights.Offset + (1 * 12) + e]);
    }

    [Theory]
    [InlineData(CellKind.Elman)]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    public void Elman_and_LSTM_load_the_sum_of_both_biases_and_GRU_keeps_both(CellKind cell)
    {
        NetworkShape shape = Shape(cell, bias: true);
        (Dictionary<string, TestTensor> tensors, _) = SafeTensorsBytes.Tensors(SafeTensorsBytes.Save(new ReferenceNetwork<double>(shape, 8)));
        int gates = ParameterLayout.GateCount(cell) * shape.Hidden;
        double[] biasIh = Enumerable.Range(0, gates).Select(i => 0.25 * i).ToArray();
        double[] biasHh = Enumerable.Range(0, gates).Select(i => -1.0 + (0.5 * i)).ToArray();
        tensors["rnn.bias_ih_l0"] = Vector(biasIh);
        tensors["rnn.bias_hh_l0"] = Vector(biasHh);

        var network = new ReferenceNetwork<double>(shape);
        SafeTensors.Load(network, new MemoryStream(SafeTensorsBytes.Build(tensors)));
        ParameterLayout layout = shape.Layout;
        if (cell == CellKind.Gru)
        {
            Assert.Equal(biasIh, network.Parameters.Slice(layout.HiddenBias.Offset, gates).ToArray());
            Assert.Equal(biasHh, network.Parameters.Slice(layout.RecurrentBias.Offset, gates).ToArray());
        }
        else
        {
            Assert.Equal(biasIh.Zip(biasHh, (a, b) => a + b).ToArray(), network.Parameters.Slice(layout.HiddenBias.Offset, gates).ToArray());
            Assert.Equal(0, layout.RecurrentBias.Length);
        }
    }

    [Fact]
    public void Generated_networks_save_and_load()
    {
        var trained = new LstmAdder<float>(5);
        string path = Path.Combine(Path.GetTempPath(), $"rnngen-{Guid.NewGuid():N}.safetensors");
        try
        {
            SafeTensors.Save(trained, path);
            var loaded = new ReferenceNetwork<float>(trained.Shape);
            SafeTensors.Load(loaded, path);
            Assert.Equal(trained.Parameters.ToArray(), loaded.Parameters.ToArray());

            var gru = new GruAdder<double>();
            Assert.Throws<ArgumentException>(() => SafeTensors.Load(gru, path));
            Assert.True(gru.Parameters.IndexOfAnyExcept(0.0) < 0);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Module_names_are_configurable_and_may_be_empty()
    {
        NetworkShape shape = Shape(CellKind.Lstm, bias: true);
        var network = new ReferenceNetwork<float>(shape, 4);
        var names = new PyTorchNames(Rnn: "encoder.lstm", Linear: "head");
        byte[] file = SafeTensorsBytes.Save(network, names);
        Assert.Equal(["encoder.lstm.weight_ih_l0", "encoder.lstm.weight_hh_l0", "encoder.lstm.bias_ih_l0", "encoder.lstm.bias_hh_l0", "head.weight", "head.bias"],
            SafeTensorsBytes.Tensors(file).Tensors.Keys);

        var loaded = new ReferenceNetwork<float>(shape);
        var exception = Assert.Throws<ArgumentException>(() => SafeTensors.Load(loaded, new MemoryStream(file)));
        Assert.Contains("'rnn.weight_ih_l0'", exception.Message);
        Assert.Contains("encoder.lstm.weight_ih_l0", exception.Message);
        Assert.Contains("PyTorchNames", exception.Message);
        SafeTensors.Load(loaded, new MemoryStream(file), names);
        Assert.Equal(network.Parameters.ToArray(), loaded.Parameters.ToArray());

        var bare = new PyTorchNames(Rnn: "", Linear: "out");
        Assert.Equal("weight_ih_l0", bare.WeightIh(0));
        Assert.Equal("out.bias", bare.LinearBias);
        Assert.Equal("rnn.bias_hh_l2", PyTorchNames.Default.BiasHh(2));
        Assert.Contains("weight_hh_l0", SafeTensorsBytes.Tensors(SafeTensorsBytes.Save(network, bare)).Tensors.Keys);
    }

    [Theory]
    [InlineData(Activation.Sigmoid)]
    [InlineData(Activation.Identity)]
    public void An_Elman_network_PyTorch_cannot_express_is_refused_both_ways(Activation hidden)
    {
        NetworkShape shape = Shape(CellKind.Elman, bias: true, hidden);
        var network = new ReferenceNetwork<double>(shape, 3);
        double[] before = network.Parameters.ToArray();
        var stream = new MemoryStream();
        var exception = Assert.Throws<ArgumentException>(() => SafeTensors.Save(network, stream));
        Assert.Contains("nn.RNN", exception.Message);
        Assert.Contains(hidden.ToString(), exception.Message);
        Assert.Equal(0, stream.Length);

        string path = Path.Combine(Path.GetTempPath(), $"rnngen-{Guid.NewGuid():N}.safetensors");
        Assert.Throws<ArgumentException>(() => SafeTensors.Save(network, path));
        Assert.False(File.Exists(path), "a refused save creates no file");

        byte[] tanhFile = SafeTensorsBytes.Save(new ReferenceNetwork<double>(shape with { HiddenActivation = Activation.Tanh }, 4));
        Assert.Throws<ArgumentException>(() => SafeTensors.Load(network, new MemoryStream(tanhFile)));
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void RnnGen_metadata_must_describe_the_same_weights_but_steps_and_loss_may_differ()
    {
        NetworkShape shape = Shape(CellKind.Elman, bias: true, Activation.Tanh) with { OutputActivation = Activation.Softmax };
        byte[] file = SafeTensorsBytes.Save(new ReferenceNetwork<double>(shape, 4));

        var generator = new ReferenceNetwork<double>(shape with { Steps = 1, Loss = LossKind.CrossEntropy, LossReduction = LossReduction.Mean });
        SafeTensors.Load(generator, new MemoryStream(file));
        Assert.True(generator.Parameters.IndexOfAnyExcept(0.0) >= 0);

        foreach (NetworkShape other in new[] { shape with { HiddenActivation = Activation.Relu }, shape with { OutputActivation = Activation.Identity } })
        {
            var network = new ReferenceNetwork<double>(other, 9);
            double[] before = network.Parameters.ToArray();
            var exception = Assert.Throws<ArgumentException>(() => SafeTensors.Load(network, new MemoryStream(file)));
            Assert.Contains(shape.ToString(), exception.Message);
            Assert.Contains(other.ToString(), exception.Message);
            Assert.Contains("in the file", exception.Message);
            Assert.Equal(before, network.Parameters.ToArray());
        }
    }

    [Fact]
    public void A_value_too_large_for_the_element_type_is_an_error_naming_it()
    {
        NetworkShape shape = Shape(CellKind.Gru, bias: false);
        var source = new ReferenceNetwork<double>(shape, 7);
        source.Parameters[3] = 1e6;
        var target = new ReferenceNetwork<Half>(shape, 2);
        Half[] before = target.Parameters.ToArray();
        var exception = Assert.Throws<ArgumentException>(() => SafeTensors.Load(target, new MemoryStream(SafeTensorsBytes.Save(source))));
        Assert.Contains("Half", exception.Message);
        Assert.Equal(before, target.Parameters.ToArray());
    }

    [Fact]
    public void Other_element_types_load_but_do_not_save()
    {
        var source = new ReferenceNetwork<double>(new ReluNetwork<decimal>().Shape, 3);
        var loaded = new ReluNetwork<decimal>();
        SafeTensors.Load(loaded, new MemoryStream(SafeTensorsBytes.Save(source)));
        for (int p = 0; p < source.Parameters.Length; p++)
            Assert.Equal(decimal.CreateTruncating(source.Parameters[p]), loaded.Parameters[p]);
        Assert.Throws<NotSupportedException>(() => SafeTensors.Save(loaded, new MemoryStream()));
    }

    private static void RoundTrip<T>(ReferenceNetwork<T> source, ReferenceNetwork<T> target, string dtype)
        where T : IFloatingPointIeee754<T>, IExponentialFunctions<T>, ILogarithmicFunctions<T>, IHyperbolicFunctions<T>
    {
        byte[] file = SafeTensorsBytes.Save(source);
        Assert.All(SafeTensorsBytes.Tensors(file).Tensors.Values, tensor => Assert.Equal(dtype, tensor.DType));
        SafeTensors.Load(target, new MemoryStream(file));
        Assert.Equal(source.Parameters.ToArray(), target.Parameters.ToArray());
    }

    private static void AssertLoads<T>(byte[] file, double[] exact)
        where T : IFloatingPointIeee754<T>, IExponentialFunctions<T>, ILogarithmicFunctions<T>, IHyperbolicFunctions<T>
    {
        var network = new ReferenceNetwork<T>(Shape(CellKind.Gru, bias: true));
        SafeTensors.Load(network, new MemoryStream(file));
        Assert.Equal(exact.Select(T.CreateChecked).ToArray(), network.Parameters.ToArray());
    }

    private static void AssertTransposeOf(TestTensor tensor, long[] shape, ReferenceNetwork<double> network, ParameterBlock block)
    {
        Assert.Equal(shape, tensor.Shape);
        for (int r = 0; r < shape[0]; r++)
        {
            for (int c = 0; c < shape[1]; c++)
                Assert.Equal(network.Parameters[block.Offset + (c * block.Columns) + r], SafeTensorsBytes.Element(tensor, (int)((r * shape[1]) + c)));
        }
    }

    private static void AssertVector(TestTensor tensor, double[] expected)
    {
        Assert.Equal([expected.Length], tensor.Shape);
        Assert.Equal(expected, Enumerable.Range(0, expected.Length).Select(i => SafeTensorsBytes.Element(tensor, i)));
    }

    private static TestTensor Vector(double[] values) =>
        SafeTensorsBytes.Convert(new TestTensor("F64", [values.Length], values.SelectMany(BitConverter.GetBytes).ToArray()), "F64");
}
