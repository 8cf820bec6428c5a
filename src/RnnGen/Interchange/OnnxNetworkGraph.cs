using System;
using System.Collections.Generic;
using static RnnGen.OnnxGraphBuilder;

namespace RnnGen;

/// <summary>
/// The ONNX graph of a network: the recurrent layers as ONNX <c>RNN</c>/<c>LSTM</c>/<c>GRU</c> operators and the output
/// layer as <c>MatMul</c>, <c>Add</c> and the output activation. ONNX's operators compute
/// <c>X·Wᵀ + H·Rᵀ + Wb + Rb</c> with W [G·H × In] (PyTorch's <c>weight_ih</c>), so RnnGen's W_x and W_h go in
/// transposed, and with their own gate orders: LSTM i, o, f, c (RnnGen i, f, g, o) and GRU z, r, h (RnnGen r, z, n).
/// </summary>
internal static class OnnxNetworkGraph
{
    // For each ONNX gate, the RnnGen gate whose rows it takes.
    private static readonly int[] ElmanGates = [0], LstmGates = [0, 3, 1, 2], GruGates = [1, 0, 2];

    /// <summary>Writes the whole graph of <paramref name="shape"/>'s network with <paramref name="parameters"/> (in RnnGen's layout) into <paramref name="graph"/>.</summary>
    public static void Write(OnnxGraphBuilder graph, NetworkShape shape, double[] parameters)
    {
        int layers = shape.Layers, hidden = shape.Hidden;
        bool lstm = shape.Cell == CellKind.Lstm;
        graph.Input("x", "steps", "batch", shape.Inputs);
        graph.Input("h_0", layers, "batch", hidden);
        if (lstm)
            graph.Input("c_0", layers, "batch", hidden);

        // The initial states default to zeros of batch 1, broadcast to x's batch: a caller may leave them out.
        string stateShape = graph.Node("Concat",
            [graph.Int64s("state_layers", layers), graph.Node("Shape", ["x"], ["batch_size"], Attribute("start", 1), Attribute("end", 2)), graph.Int64s("state_hidden", hidden)],
            ["state_shape"], Attribute("axis", 0));
        string initialHidden = InitialState(graph, "h_0", layers, hidden, stateShape);
        string? initialCell = lstm ? InitialState(graph, "c_0", layers, hidden, stateShape) : null;

        string layerInput = graph.ToCompute("x");
        var finalHidden = new List<string>();
        var finalCell = new List<string>();
        for (int layer = 1; layer <= layers; layer++)
        {
            (layerInput, string hiddenOut, string? cellOut) = Layer(graph, shape, parameters, layer, layerInput, initialHidden, initialCell);
            finalHidden.Add(hiddenOut);
            if (cellOut is not null)
                finalCell.Add(cellOut);
        }

        graph.Output("y", OutputLayer(graph, shape, parameters, layerInput), "steps", "batch", shape.Outputs);
        graph.Output("h_n", graph.Node("Concat", [.. finalHidden], ["h_n_float"], Attribute("axis", 0)), layers, "batch", hidden);
        if (lstm)
            graph.Output("c_n", graph.Node("Concat", [.. finalCell], ["c_n_float"], Attribute("axis", 0)), layers, "batch", hidden);
    }

    private static string InitialState(OnnxGraphBuilder graph, string name, int layers, int hidden, string stateShape)
    {
        graph.Initializer(name, [layers, 1, hidden], new double[layers * hidden], graph.InterfaceType);
        return graph.ToCompute(graph.Node("Expand", [name, stateShape], [name + "_batch"]));
    }

    /// <summary>Recurrent layer <paramref name="layer"/> (from 1): its operator, then its sequence of h_t with the direction axis squeezed out, [steps, batch, H].</summary>
    private static (string Sequence, string FinalHidden, string? FinalCell) Layer(OnnxGraphBuilder graph, NetworkShape shape, double[] parameters,
        int layer, string input, string initialHidden, string? initialCell)
    {
        // ONNX has no layer numbers of its own; the names follow PyTorch's _l{k}, k = layer − 1.
        LayerParameterBlocks blocks = shape.Layout.Layer(layer);
        int k = layer - 1, hidden = shape.Hidden;
        int[] gates = shape.Cell switch { CellKind.Lstm => LstmGates, CellKind.Gru => GruGates, _ => ElmanGates };
        int width = gates.Length * hidden;

        string w = graph.Initializer($"W_l{k}", [1, width, blocks.InputWeights.Rows], Transposed(parameters, blocks.InputWeights, gates, hidden));
        string r = graph.Initializer($"R_l{k}", [1, width, hidden], Transposed(parameters, blocks.RecurrentWeights, gates, hidden));
        string b = "";
        if (shape.Bias)
        {
            // B = [Wb, Rb]. Elman and LSTM have one bias: it goes in Wb, and Rb is zero. GRU's b_h is Rb, inside r ⊙ (…).
            var bias = new double[2 * width];
            Reordered(parameters, blocks.HiddenBias, gates, hidden, bias.AsSpan(0, width));
            if (shape.Cell == CellKind.Gru)
                Reordered(parameters, blocks.RecurrentBias, gates, hidden, bias.AsSpan(width));
            b = graph.Initializer($"B_l{k}", [1, 2 * width], bias);
        }

        string[] layerRange = [graph.Int64s($"l{k}_begin", k), graph.Int64s($"l{k}_end", k + 1), graph.Int64s($"l{k}_axis", 0)];
        var inputs = new List<string> { input, w, r, b, "", graph.Node("Slice", [initialHidden, .. layerRange], [$"h_0_l{k}"]) };
        var outputs = new List<string> { $"Y_l{k}", $"h_n_l{k}" };
        var attributes = new List<Onnx.AttributeProto> { Attribute("hidden_size", hidden) };
        switch (shape.Cell)
        {
            case CellKind.Lstm:
                inputs.Add(graph.Node("Slice", [initialCell!, .. layerRange], [$"c_0_l{k}"]));
                outputs.Add($"c_n_l{k}");
                break;
            case CellKind.Gru:
                attributes.Add(Attribute("linear_before_reset", 1));
                break;
            default:
                attributes.AddRange(ElmanActivation(shape.HiddenActivation));
                break;
        }
        graph.Node(shape.Cell switch { CellKind.Lstm => "LSTM", CellKind.Gru => "GRU", _ => "RNN" }, [.. inputs], [.. outputs], [.. attributes]);

        string sequence = graph.Node("Squeeze", [$"Y_l{k}", graph.Int64s($"Y_l{k}_direction_axis", 1)], [$"h_l{k}"]);
        return (sequence, $"h_n_l{k}", shape.Cell == CellKind.Lstm ? $"c_n_l{k}" : null);
    }

    /// <summary>ONNX's RNN takes f by name; Identity is <c>Affine</c> with α = 1, β = 0.</summary>
    private static Onnx.AttributeProto[] ElmanActivation(Activation activation) => activation switch
    {
        Activation.Sigmoid => [Attribute("activations", ["Sigmoid"])],
        Activation.Relu => [Attribute("activations", ["Relu"])],
        Activation.Identity => [Attribute("activations", ["Affine"]), Attribute("activation_alpha", [1f]), Attribute("activation_beta", [0f])],
        _ => [Attribute("activations", ["Tanh"])],
    };

    /// <summary>z = h·W_hy (+ b_y), then ŷ = g(z); returns ŷ's name.</summary>
    private static string OutputLayer(OnnxGraphBuilder graph, NetworkShape shape, double[] parameters, string hidden)
    {
        ParameterLayout layout = shape.Layout;
        string outputWeights = graph.Initializer("W_hy", [shape.Hidden, shape.Outputs], parameters.AsSpan(layout.OutputWeights.Offset, layout.OutputWeights.Length));
        string logits = graph.Node("MatMul", [hidden, outputWeights], ["h_W_hy"]);
        if (shape.Bias)
            logits = graph.Node("Add", [logits, graph.Initializer("b_y", [shape.Outputs], parameters.AsSpan(layout.OutputBias.Offset, layout.OutputBias.Length))], ["logits"]);
        return shape.OutputActivation switch
        {
            Activation.Sigmoid => graph.Node("Sigmoid", [logits], ["y_float"]),
            Activation.Tanh => graph.Node("Tanh", [logits], ["y_float"]),
            Activation.Softmax => graph.Node("Softmax", [logits], ["y_float"], Attribute("axis", -1)),
            _ => logits,
        };
    }

    /// <summary>A gate block [In × G·H] transposed to [G·H × In] with its gates in ONNX's order.</summary>
    private static double[] Transposed(double[] parameters, ParameterBlock block, int[] gates, int hidden)
    {
        var rows = new double[block.Length];
        int inputs = block.Rows;
        for (int gate = 0; gate < gates.Length; gate++)
        {
            for (int j = 0; j < hidden; j++)
            {
                int column = (gates[gate] * hidden) + j, row = (gate * hidden) + j;
                for (int i = 0; i < inputs; i++)
                    rows[(row * inputs) + i] = parameters[block.Offset + (i * block.Columns) + column];
            }
        }
        return rows;
    }

    /// <summary>A gate bias [G·H] with its gates in ONNX's order.</summary>
    private static void Reordered(double[] parameters, ParameterBlock block, int[] gates, int hidden, Span<double> destination)
    {
        for (int gate = 0; gate < gates.Length; gate++)
            parameters.AsSpan(block.Offset + (gates[gate] * hidden), hidden).CopyTo(destination.Slice(gate * hidden, hidden));
    }
}
