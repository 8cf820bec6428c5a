using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Xunit;

namespace RnnGen.Tests.Interchange;

/// <summary>
/// Exported models run in ONNX Runtime and give what <c>Forward</c> gives: every cell and Elman activation, every output
/// activation, with and without bias, float and double, several sequences in one batch, with and without initial states.
/// </summary>
public class OnnxExportTests
{
    private static readonly Activation[] outputActivations = [Activation.Sigmoid, Activation.Tanh, Activation.Identity, Activation.Softmax];

    /// <summary>Every cell (Elman with each hidden activation) with one, two and three layers.</summary>
    public static TheoryData<CellKind, Activation, int> CellsAndLayers
    {
        get
        {
            var data = new TheoryData<CellKind, Activation, int>();
            (CellKind, Activation)[] cells =
            [
                (CellKind.Elman, Activation.Tanh), (CellKind.Elman, Activation.Relu), (CellKind.Elman, Activation.Sigmoid), (CellKind.Elman, Activation.Identity),
                (CellKind.Lstm, Activation.Tanh), (CellKind.Gru, Activation.Tanh),
            ];
            foreach ((CellKind cell, Activation hidden) in cells)
            {
                for (int layers = 1; layers <= 3; layers++)
                    data.Add(cell, hidden, layers);
            }
            return data;
        }
    }

    private static NetworkShape Shape(CellKind cell, Activation hidden, Activation output, bool bias, int layers = 1) =>
        new(cell, 3, 5, 4, 6, bias, hidden, output, LossKind.SquaredError, layers);

    [Theory]
    [MemberData(nameof(CellsAndLayers))]
    public void OnnxRuntime_gives_Forwards_outputs_and_final_states(CellKind cell, Activation hidden, int layers)
    {
        int seed = 0;
        foreach (Activation output in outputActivations)
        {
            foreach (bool bias in new[] { false, true })
            {
                NetworkShape shape = Shape(cell, hidden, output, bias, layers);
                // The model computes in float whatever its element type (ONNX Runtime's recurrent kernels are float only).
                CheckAgainstForward(Initialized(new ReferenceNetwork<double>(shape), ++seed), tolerance: 1e-5);
                CheckAgainstForward(Initialized(new ReferenceNetwork<float>(shape), ++seed), tolerance: 1e-5);
            }
        }
    }

    [Fact]
    public void A_Half_network_has_float16_inputs_and_outputs_and_computes_in_float()
    {
        NetworkShape shape = Shape(CellKind.Lstm, Activation.Tanh, Activation.Softmax, bias: true, layers: 2);
        var half = new ReferenceNetwork<Half>(shape, 3);
        var widened = new ReferenceNetwork<float>(shape);
        for (int p = 0; p < widened.Parameters.Length; p++)
            widened.Parameters[p] = (float)half.Parameters[p];

        Onnx.ModelProto halfModel = Onnx.ModelProto.Parser.ParseFrom(Model(half)), floatModel = Onnx.ModelProto.Parser.ParseFrom(Model(widened));
        Assert.All(halfModel.Graph.Input.Concat(halfModel.Graph.Output), value => Assert.Equal((int)Onnx.TensorProto.Types.DataType.Float16, value.Type.TensorType.ElemType));
        foreach (string weights in new[] { "W_l0", "R_l0", "B_l0", "W_l1", "R_l1", "B_l1", "W_hy", "b_y" })
            Assert.Equal(floatModel.Graph.Initializer.Single(i => i.Name == weights), halfModel.Graph.Initializer.Single(i => i.Name == weights));

        // ONNX Runtime rounds its float results to Half once; the Half network rounds at every operation.
        CheckAgainstForward(half, tolerance: 1e-2);
    }

    [Fact]
    public void Generated_networks_export()
    {
        var adder = new LstmAdder<float>(4);
        CheckAgainstForward(adder, tolerance: 1e-5);
        var gru = new GruAdder<double>(5);
        CheckAgainstForward(gru, tolerance: 1e-5);

        string path = Path.Combine(Path.GetTempPath(), $"rnngen-{Guid.NewGuid():N}.onnx");
        try
        {
            OnnxExport.Save(adder, path);
            Assert.Equal(Model(adder), File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(CellKind.Elman, "RNN", 1)]
    [InlineData(CellKind.Lstm, "LSTM", 1)]
    [InlineData(CellKind.Gru, "GRU", 1)]
    [InlineData(CellKind.Lstm, "LSTM", 3)]
    [InlineData(CellKind.Gru, "GRU", 2)]
    public void The_model_is_one_ONNX_operator_per_layer_then_the_output_layer(CellKind cell, string operatorName, int layers)
    {
        NetworkShape shape = Shape(cell, Activation.Tanh, Activation.Softmax, bias: true, layers);
        Onnx.ModelProto model = Onnx.ModelProto.Parser.ParseFrom(Model(new ReferenceNetwork<float>(shape, 1)));

        Assert.True(model.OpsetImport.Single(opset => opset.Domain == "").Version >= 14);
        Assert.Equal("RnnGen", model.ProducerName);
        Assert.Contains(model.MetadataProps, entry => entry.Key == "rnngen.cell" && entry.Value == cell.ToString());
        Assert.Contains(model.MetadataProps, entry => entry.Key == "rnngen.layers" && entry.Value == layers.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Onnx.NodeProto[] recurrent = model.Graph.Node.Where(node => node.OpType is "RNN" or "LSTM" or "GRU").ToArray();
        Assert.Equal(layers, recurrent.Length);
        Assert.All(recurrent, node => Assert.Equal(operatorName, node.OpType));
        Assert.All(recurrent, node => Assert.Equal(shape.Hidden, node.Attribute.Single(a => a.Name == "hidden_size").I));
        if (cell == CellKind.Gru)
            Assert.All(recurrent, node => Assert.Equal(1, node.Attribute.Single(a => a.Name == "linear_before_reset").I));
        // Layer k + 1 reads the squeezed output sequence of layer k.
        for (int k = 1; k < layers; k++)
            Assert.Equal($"h_l{k - 1}", recurrent[k].Input[0]);
        Assert.Equal(["MatMul", "Add", "Softmax"], model.Graph.Node.SkipWhile(node => node != recurrent[^1]).Skip(1).Where(node => node.OpType is not ("Squeeze" or "Concat" or "Identity")).Select(node => node.OpType));

        string[] states = cell == CellKind.Lstm ? ["h_0", "c_0"] : ["h_0"];
        Assert.Equal(["x", .. states], model.Graph.Input.Select(input => input.Name));
        Assert.Equal(["y", .. states.Select(state => state.Replace("_0", "_n", StringComparison.Ordinal))], model.Graph.Output.Select(output => output.Name));
        Assert.All(model.Graph.Input.Concat(model.Graph.Output), value => Assert.Equal((int)Onnx.TensorProto.Types.DataType.Float, value.Type.TensorType.ElemType));
    }

    [Fact]
    public void Other_element_types_are_not_supported()
    {
        Assert.Throws<NotSupportedException>(() => OnnxExport.Save(new LinearNetwork<decimal>(), new MemoryStream()));
    }

    private static ReferenceNetwork<T> Initialized<T>(ReferenceNetwork<T> network, int seed)
        where T : INumber<T>, IExponentialFunctions<T>, ILogarithmicFunctions<T>, IHyperbolicFunctions<T>
    {
        network.Initialize(new Random(seed), 0.7);
        return network;
    }

    private static byte[] Model<T>(IRecurrentNetwork<T> network) where T : INumber<T>
    {
        var stream = new MemoryStream();
        OnnxExport.Save(network, stream);
        return stream.ToArray();
    }

    /// <summary>
    /// Runs a batch of three sequences (the first from the zero state, the others from random states) through ONNX
    /// Runtime and each sequence through <c>Forward</c>; then two sequences with the states left out.
    /// </summary>
    private static void CheckAgainstForward<T>(IRecurrentNetwork<T> network, double tolerance) where T : unmanaged, INumber<T>
    {
        NetworkShape shape = network.Shape;
        using var session = new InferenceSession(Model(network));
        var random = new Random(17);

        const int batch = 3;
        T[][] inputs = Enumerable.Range(0, batch).Select(_ => RandomValues<T>(random, shape.Steps * shape.Inputs)).ToArray();
        T[][] initialStates = Enumerable.Range(0, batch).Select(b => b == 0 ? new T[shape.StateSize] : RandomValues<T>(random, shape.StateSize)).ToArray();
        (T[] y, T[] hn, T[]? cn) = Run(session, shape, inputs, initialStates);
        var outputs = new T[shape.Steps * shape.Outputs];
        var finalState = new T[shape.StateSize];
        for (int b = 0; b < batch; b++)
        {
            network.Forward(inputs[b], outputs, initialStates[b], finalState);
            string what = $"{shape} {typeof(T).Name} sequence {b} of {batch}";
            SafeTensorsPyTorchTests.AssertClose(ToDouble(outputs), Sequence(y, b, batch, shape.Steps, shape.Outputs), tolerance, what + ": y");
            SafeTensorsPyTorchTests.AssertClose(ToDouble(finalState), State(hn, cn, b, batch, shape), tolerance, what + ": final state");
        }

        // Without h_0 and c_0 the model starts from zeros of x's batch size, as Forward(inputs, outputs) does.
        (y, hn, cn) = Run(session, shape, inputs[1..], initialStates: null);
        for (int b = 0; b < 2; b++)
        {
            network.Forward(inputs[b + 1], outputs, new T[shape.StateSize], finalState);
            string what = $"{shape} {typeof(T).Name} sequence {b} of 2 without initial states";
            SafeTensorsPyTorchTests.AssertClose(ToDouble(outputs), Sequence(y, b, 2, shape.Steps, shape.Outputs), tolerance, what + ": y");
            SafeTensorsPyTorchTests.AssertClose(ToDouble(finalState), State(hn, cn, b, 2, shape), tolerance, what + ": final state");
        }
    }

    /// <summary>Runs x [steps, batch, inputs] and, when given, h_0 and c_0 [layers, batch, hidden]; returns y, h_n and c_n.</summary>
    private static (T[] Y, T[] Hn, T[]? Cn) Run<T>(InferenceSession session, NetworkShape shape, T[][] inputs, T[][]? initialStates) where T : unmanaged, INumber<T>
    {
        int batch = inputs.Length, layers = shape.Layers, hidden = shape.Hidden, perLayer = shape.LayerStateSize;
        bool lstm = shape.Cell == CellKind.Lstm;
        var x = new T[shape.Steps * batch * shape.Inputs];
        for (int b = 0; b < batch; b++)
        {
            for (int t = 0; t < shape.Steps; t++)
                inputs[b].AsSpan(t * shape.Inputs, shape.Inputs).CopyTo(x.AsSpan(((t * batch) + b) * shape.Inputs));
        }

        var names = new List<string> { "x" };
        var values = new List<OrtValue> { Tensor(x, [shape.Steps, batch, shape.Inputs]) };
        if (initialStates is not null)
        {
            var h0 = new T[layers * batch * hidden];
            var c0 = new T[layers * batch * hidden];
            for (int l = 0; l < layers; l++)
            {
                for (int b = 0; b < batch; b++)
                {
                    initialStates[b].AsSpan(l * perLayer, hidden).CopyTo(h0.AsSpan(((l * batch) + b) * hidden));
                    if (lstm)
                        initialStates[b].AsSpan((l * perLayer) + hidden, hidden).CopyTo(c0.AsSpan(((l * batch) + b) * hidden));
                }
            }
            names.Add("h_0");
            values.Add(Tensor(h0, [layers, batch, hidden]));
            if (lstm)
            {
                names.Add("c_0");
                values.Add(Tensor(c0, [layers, batch, hidden]));
            }
        }

        try
        {
            using var options = new RunOptions();
            using IDisposableReadOnlyCollection<OrtValue> results = session.Run(options, names, values, session.OutputNames);
            Assert.Equal([shape.Steps, batch, shape.Outputs], results[0].GetTensorTypeAndShape().Shape);
            Assert.Equal([layers, batch, hidden], results[1].GetTensorTypeAndShape().Shape);
            return (Values<T>(results[0]), Values<T>(results[1]), lstm ? Values<T>(results[2]) : null);
        }
        finally
        {
            foreach (OrtValue value in values)
                value.Dispose();
        }
    }

    /// <summary>A tensor of ONNX Runtime; its C# API takes Half as its own Float16, which has the same bits.</summary>
    private static OrtValue Tensor<T>(T[] data, long[] shape) where T : unmanaged =>
        typeof(T) == typeof(Half)
            ? OrtValue.CreateTensorValueFromMemory(MemoryMarshal.Cast<T, Float16>(data).ToArray(), shape)
            : OrtValue.CreateTensorValueFromMemory(data, shape);

    private static T[] Values<T>(OrtValue value) where T : unmanaged =>
        typeof(T) == typeof(Half) ? MemoryMarshal.Cast<Float16, T>(value.GetTensorDataAsSpan<Float16>()).ToArray() : value.GetTensorDataAsSpan<T>().ToArray();

    private static T[] Sequence<T>(T[] y, int b, int batch, int steps, int width)
    {
        var sequence = new T[steps * width];
        for (int t = 0; t < steps; t++)
            y.AsSpan(((t * batch) + b) * width, width).CopyTo(sequence.AsSpan(t * width));
        return sequence;
    }

    /// <summary>RnnGen's state of sequence b from ONNX's h_n and c_n: for each layer, h then (LSTM) c.</summary>
    private static T[] State<T>(T[] hn, T[]? cn, int b, int batch, NetworkShape shape)
    {
        int hidden = shape.Hidden, layers = shape.Layers, perLayer = shape.LayerStateSize;
        var state = new T[shape.StateSize];
        for (int l = 0; l < layers; l++)
        {
            hn.AsSpan(((l * batch) + b) * hidden, hidden).CopyTo(state.AsSpan(l * perLayer));
            cn?.AsSpan(((l * batch) + b) * hidden, hidden).CopyTo(state.AsSpan((l * perLayer) + hidden));
        }
        return state;
    }

    private static T[] RandomValues<T>(Random random, int count) where T : INumber<T> =>
        Enumerable.Range(0, count).Select(_ => T.CreateChecked((2 * random.NextDouble()) - 1)).ToArray();

    private static double[] ToDouble<T>(T[] values) where T : INumber<T> => values.Select(double.CreateChecked).ToArray();
}
