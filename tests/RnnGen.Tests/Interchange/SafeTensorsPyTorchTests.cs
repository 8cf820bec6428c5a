using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using Xunit;

namespace RnnGen.Tests.Interchange;

// Generated networks of three fixtures' shapes: a model trained in PyTorch runs in generated code.

/// <summary>Fixture elman_tanh_bias_f32.</summary>
[RecurrentNetwork(3, 4, 2, 5, HiddenActivation = Activation.Tanh, Bias = true)]
public partial class TorchElman<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>Fixture lstm_bias_bf16.</summary>
[RecurrentNetwork(3, 4, 2, 5, Cell = CellKind.Lstm, OutputActivation = Activation.Softmax, Bias = true)]
public partial class TorchLstm<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>Fixture gru_bias_f16.</summary>
[RecurrentNetwork(3, 4, 2, 5, Cell = CellKind.Gru, Bias = true, Unroll = Unroll.None)]
public partial class TorchGru<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>Fixture lstm2_bias_f32: two stacked layers.</summary>
[RecurrentNetwork(3, 4, 2, 5, Cell = CellKind.Lstm, OutputActivation = Activation.Softmax, Bias = true, Layers = 2)]
public partial class TorchLstm2<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>
/// Files PyTorch 1.13 wrote (Fixtures/make_fixtures.py): RnnGen loads them and reproduces what PyTorch computed,
/// outputs and final states, from the zero state and from a given one.
/// </summary>
public class SafeTensorsPyTorchTests
{
    public static TheoryData<string> Cases => new(PyTorchFixture.All());

    private static readonly Dictionary<string, Func<IRecurrentNetwork<float>>> generated = new()
    {
        ["elman_tanh_bias_f32"] = () => new TorchElman<float>(),
        ["lstm_bias_bf16"] = () => new TorchLstm<float>(),
        ["gru_bias_f16"] = () => new TorchGru<float>(),
        ["lstm2_bias_f32"] = () => new TorchLstm2<float>(),
    };

    [Fact]
    public void Every_cell_bias_setting_and_dtype_has_a_fixture()
    {
        PyTorchFixture[] fixtures = PyTorchFixture.All().Select(PyTorchFixture.Load).ToArray();
        Assert.True(fixtures.Length >= 6, $"{fixtures.Length} fixtures copied to the test output");
        foreach (CellKind cell in Enum.GetValues<CellKind>())
        {
            Assert.Contains(fixtures, f => f.Shape.Cell == cell && f.Shape.Bias);
            Assert.Contains(fixtures, f => f.Shape.Cell == cell && !f.Shape.Bias);
        }
        Assert.Contains(fixtures, f => f.Shape.Cell == CellKind.Elman && f.Shape.HiddenActivation == Activation.Relu);
        Assert.Equal([1, 2, 3], fixtures.Select(f => f.Shape.Layers).Distinct().Order());
        Assert.Equal(["BF16", "F16", "F32", "F64"], fixtures.Select(f => f.DType).Distinct().Order());
        Assert.All(generated.Keys, name => Assert.Contains(name, fixtures.Select(f => f.Name)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reproduces_PyTorch_in_double(string name)
    {
        PyTorchFixture fixture = PyTorchFixture.Load(name);
        var network = new ReferenceNetwork<double>(fixture.Shape);
        SafeTensors.Load(network, fixture.SafeTensorsPath, fixture.Names);
        AssertReproduces(fixture, network, tolerance: 1e-12);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reproduces_PyTorch_in_float(string name)
    {
        PyTorchFixture fixture = PyTorchFixture.Load(name);
        var reference = new ReferenceNetwork<float>(fixture.Shape);
        SafeTensors.Load(reference, fixture.SafeTensorsPath, fixture.Names);
        AssertReproduces(fixture, reference, tolerance: 1e-5);

        if (generated.TryGetValue(name, out Func<IRecurrentNetwork<float>>? create))
        {
            IRecurrentNetwork<float> network = create();
            Assert.Equal(fixture.Shape, network.Shape);
            SafeTensors.Load(network, fixture.SafeTensorsPath, fixture.Names);
            AssertReproduces(fixture, network, tolerance: 1e-5);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Saving_gives_PyTorch_its_weights_back(string name)
    {
        PyTorchFixture fixture = PyTorchFixture.Load(name);
        var network = new ReferenceNetwork<double>(fixture.Shape);
        SafeTensors.Load(network, fixture.SafeTensorsPath, fixture.Names);
        (Dictionary<string, TestTensor> original, _) = SafeTensorsBytes.Tensors(File.ReadAllBytes(fixture.SafeTensorsPath));
        (Dictionary<string, TestTensor> saved, _) = SafeTensorsBytes.Tensors(SafeTensorsBytes.Save(network, fixture.Names));

        Assert.Equal(original.Keys.Order(), saved.Keys.Order());
        foreach ((string tensorName, TestTensor tensor) in original)
        {
            Assert.Equal(tensor.Shape, saved[tensorName].Shape);
            double[] expected = Elements(tensor);
            // Elman and LSTM keep one bias, b = bias_ih + bias_hh, and give it back as bias_ih with bias_hh = 0.
            if (fixture.Shape.Cell != CellKind.Gru && tensorName.Contains("bias_ih", StringComparison.Ordinal))
                expected = expected.Zip(Elements(original[tensorName.Replace("bias_ih", "bias_hh", StringComparison.Ordinal)]), (a, b) => a + b).ToArray();
            if (fixture.Shape.Cell != CellKind.Gru && tensorName.Contains("bias_hh", StringComparison.Ordinal))
                expected = new double[expected.Length];
            Assert.Equal(expected, Elements(saved[tensorName]));
        }
    }

    private static void AssertReproduces<T>(PyTorchFixture fixture, IRecurrentNetwork<T> network, double tolerance) where T : INumber<T>
    {
        NetworkShape shape = fixture.Shape;
        var outputs = new T[shape.Steps * shape.Outputs];
        var finalState = new T[fixture.InitialState<T>(0).Length];
        for (int b = 0; b < fixture.Batch; b++)
        {
            network.Forward(fixture.Inputs<T>(b), outputs, fixture.InitialState<T>(b), finalState);
            AssertClose(fixture.Outputs(b), outputs, tolerance, $"{fixture} sequence {b}: y");
            AssertClose(fixture.FinalState(b), finalState, tolerance, $"{fixture} sequence {b}: final state");
        }

        // Sequence 0 starts from the zero state, which is what Forward without a state does.
        network.Forward(fixture.Inputs<T>(0), outputs);
        AssertClose(fixture.Outputs(0), outputs, tolerance, $"{fixture} sequence 0 from the zero state: y");
    }

    internal static void AssertClose<T>(double[] expected, T[] actual, double tolerance, string what) where T : INumber<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double value = double.CreateChecked(actual[i]);
            Assert.True(Math.Abs(value - expected[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"{what}[{i}]: {value} where {expected[i]} was expected (tolerance {tolerance} relative)");
        }
    }

    private static double[] Elements(TestTensor tensor) =>
        Enumerable.Range(0, (int)tensor.Shape.Aggregate(1L, (a, b) => a * b)).Select(i => SafeTensorsBytes.Element(tensor, i)).ToArray();
}
