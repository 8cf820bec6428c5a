using System;
using System.IO;
using System.Numerics;
using System.Reflection;
using Google.Protobuf;
using Onnx;
using static RnnGen.OnnxGraphBuilder;

namespace RnnGen;

/// <summary>
/// Writes a network as an ONNX model (API.md section 8) that runs in ONNX Runtime and anything else that runs ONNX.
/// </summary>
/// <remarks>
/// <para>
/// The graph is one ONNX <c>RNN</c>, <c>LSTM</c> or <c>GRU</c> operator per layer (GRU with <c>linear_before_reset = 1</c>,
/// which is RnnGen's and PyTorch's GRU), then the output layer: <c>MatMul</c>, <c>Add</c> (with Bias) and the output
/// activation (<c>Sigmoid</c>, <c>Tanh</c>, <c>Softmax</c> over the last axis, or nothing for Identity).
/// </para>
/// <para>
/// Inputs: <c>x</c> [steps, batch, Inputs], and the optional initial states <c>h_0</c> (and, for LSTM, <c>c_0</c>)
/// [Layers, batch, Hidden], zero when not given. Outputs: <c>y</c> [steps, batch, Outputs] after the output activation,
/// and the final states <c>h_n</c> (and <c>c_n</c>) [Layers, batch, Hidden]: the layout of PyTorch's <c>(h_0, c_0)</c>.
/// RnnGen's state of one sequence is the same numbers ordered by layer, h then c (API.md section 7). The model accepts
/// any number of steps; a network's <c>Forward</c> is the case steps = Steps.
/// </para>
/// <para>
/// The inputs and outputs have the network's element type (<c>float16</c>, <c>float</c> or <c>double</c>); the graph
/// computes in float, with <c>Cast</c> nodes at its edges for Half and double, because ONNX Runtime's CPU kernels for
/// RNN, LSTM and GRU are float only. A double network's model therefore agrees with its <c>Forward</c> to float
/// precision. The shape is in the model's <c>metadata_props</c>.
/// </para>
/// </remarks>
public static class OnnxExport
{
    /// <summary>The opset of the default ONNX domain the models import.</summary>
    public const int OpsetVersion = 17;

    /// <summary>The ONNX IR version of the models (IR 8 goes with opset 17).</summary>
    public const int IrVersion = 8;

    /// <summary>Writes <paramref name="network"/> as an ONNX model file, replacing it.</summary>
    /// <inheritdoc cref="Save{T}(IRecurrentNetwork{T}, Stream)"/>
    public static void Save<T>(IRecurrentNetwork<T> network, string path) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        ModelProto model = Build(network);
        using FileStream stream = File.Create(path);
        model.WriteTo(stream);
    }

    /// <summary>Writes <paramref name="network"/> as an ONNX model to <paramref name="stream"/>.</summary>
    /// <param name="network">The network to export; its parameters are copied into the model.</param>
    /// <param name="stream">Where the model goes.</param>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not Half, float or double.</exception>
    public static void Save<T>(IRecurrentNetwork<T> network, Stream stream) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        Build(network).WriteTo(stream);
    }

    private static ModelProto Build<T>(IRecurrentNetwork<T> network) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        NetworkShape shape = network.Shape;
        var parameters = new double[shape.ParameterCount];
        for (int p = 0; p < parameters.Length; p++)
            parameters[p] = double.CreateChecked(network.Parameters[p]);

        var graph = new OnnxGraphBuilder(TensorElements.Of<T>());
        OnnxNetworkGraph.Write(graph, shape, parameters);
        graph.Graph.Name = $"RnnGen {shape}";

        string version = typeof(OnnxExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "RnnGen",
            ProducerVersion = version,
            DocString = $"{shape}, exported by RnnGen: y = output layer of the last of {shape.Layers} {shape.Cell} layer(s).",
            Graph = graph.Graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        foreach ((string key, string value) in ShapeMetadata.Entries(shape))
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }
}
