using System;
using System.Collections.Generic;
using System.Numerics;
using System.Numerics.Tensors;

namespace RnnGen;

/// <summary>
/// The weight matrices and bias vectors of a network by the names API.md section 4 gives them, as spans and as 2-D
/// views over <c>Parameters</c> (or <c>Gradients</c>): <c>network.Matrix("W_hh")[k, j]</c> is W_hh[k, j].
/// </summary>
/// <remarks>
/// <para>Names, in layout order:</para>
/// <list type="table">
/// <listheader><term>cell</term><description>blocks</description></listheader>
/// <item><term>Elman</term><description><c>W_xh</c> (also <c>W_x</c>) [Inputs × H], <c>W_hh</c> (also <c>W_h</c>) [H × H], <c>W_hy</c> [H × Outputs], with Bias <c>b_h</c> [H], <c>b_y</c> [Outputs]</description></item>
/// <item><term>LSTM</term><description><c>W_x</c> [Inputs × 4H], <c>W_h</c> [H × 4H], <c>W_hy</c>, with Bias <c>b</c> [4H], <c>b_y</c>; gate columns i, f, g, o</description></item>
/// <item><term>GRU</term><description><c>W_x</c> [Inputs × 3H], <c>W_h</c> [H × 3H], <c>W_hy</c>, with Bias <c>b_x</c> [3H] (input side: added to x·W_x) and <c>b_h</c> [3H] (recurrent side: added to h·W_h, inside r ⊙ (…) for n), <c>b_y</c>; gate columns r, z, n</description></item>
/// </list>
/// <para>
/// A bias is a view of one row. The <c>layer</c> argument (1-based, as W_x^l in API.md section 7) picks the layer of
/// the recurrent blocks; it is 1, the first layer, unless given. Above the first layer <c>W_x</c> (<c>W_xh</c>) is
/// [H × G·H]: its input is h_t of the layer below. <c>W_hy</c> and <c>b_y</c> belong to the output layer, which reads
/// the last layer, and are the same for every <c>layer</c>.
/// </para>
/// </remarks>
public static class ParameterBlocks
{
    /// <summary>The names of <paramref name="shape"/>'s blocks, in layout order (without the Elman aliases <c>W_x</c> and <c>W_h</c>).</summary>
    public static IReadOnlyList<string> BlockNames(this NetworkShape shape)
    {
        var names = new List<string>(6);
        foreach ((string name, ParameterBlock block) in Blocks(shape, 1))
        {
            if (block.Length > 0)
                names.Add(name);
        }
        return names;
    }

    /// <summary>Where the block <paramref name="name"/> sits in <c>Parameters</c> (and <c>Gradients</c>): its offset, rows and columns.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not one of this shape's blocks; the message lists them.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layer"/> is not a layer of this network.</exception>
    public static ParameterBlock Block(this NetworkShape shape, string name, int layer = 1)
    {
        ArgumentNullException.ThrowIfNull(name);
        int layers = shape.Layers;
        if (layer < 1 || layer > layers)
            throw new ArgumentOutOfRangeException(nameof(layer), layer, $"This network has {layers} layer{(layers == 1 ? "" : "s")}; layers are numbered from 1.");
        string canonical = shape.Cell == CellKind.Elman ? name switch { "W_x" => "W_xh", "W_h" => "W_hh", _ => name } : name;
        foreach ((string blockName, ParameterBlock block) in Blocks(shape, layer))
        {
            if (blockName == canonical && block.Length > 0)
                return block;
        }
        string reason = !shape.Bias && canonical.StartsWith("b", StringComparison.Ordinal) ? " (this network has no biases: Bias is false)" : "";
        throw new ArgumentException($"'{name}' is not a parameter block of {shape}{reason}; its blocks are {string.Join(", ", shape.BlockNames())}.", nameof(name));
    }

    /// <summary>The block <paramref name="name"/> of <paramref name="network"/>'s <c>Parameters</c>, flat and row-major.</summary>
    public static Span<T> Block<T>(this IRecurrentNetwork<T> network, string name, int layer = 1) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.Shape.Block(name, layer).Of(network.Parameters);
    }

    /// <summary>The block <paramref name="name"/> of <paramref name="network"/>'s <c>Parameters</c> as a [rows, columns] view: <c>view[r, c]</c> is element [r, c].</summary>
    public static TensorSpan<T> Matrix<T>(this IRecurrentNetwork<T> network, string name, int layer = 1) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.Shape.Block(name, layer).MatrixOf(network.Parameters);
    }

    /// <summary>The part of <paramref name="values"/> (<c>Parameters</c> or <c>Gradients</c>) that holds <paramref name="block"/>.</summary>
    public static Span<T> Of<T>(this ParameterBlock block, Span<T> values) => values.Slice(block.Offset, block.Length);

    /// <summary>The part of <paramref name="values"/> that holds <paramref name="block"/>, as a [rows, columns] view.</summary>
    public static TensorSpan<T> MatrixOf<T>(this ParameterBlock block, Span<T> values) =>
        new(values.Slice(block.Offset, block.Length), [block.Rows, block.Columns], []);

    /// <summary>Every block of the layout under its API.md name, the recurrent ones of <paramref name="layer"/>; blocks the shape does not have have length 0.</summary>
    private static (string Name, ParameterBlock Block)[] Blocks(NetworkShape shape, int layer)
    {
        ParameterLayout layout = shape.Layout;
        LayerParameterBlocks blocks = layout.Layer(layer);
        return shape.Cell switch
        {
            CellKind.Lstm => [("W_x", blocks.InputWeights), ("W_h", blocks.RecurrentWeights), ("W_hy", layout.OutputWeights), ("b", blocks.HiddenBias), ("b_y", layout.OutputBias)],
            CellKind.Gru => [("W_x", blocks.InputWeights), ("W_h", blocks.RecurrentWeights), ("W_hy", layout.OutputWeights), ("b_x", blocks.HiddenBias), ("b_h", blocks.RecurrentBias), ("b_y", layout.OutputBias)],
            _ => [("W_xh", blocks.InputWeights), ("W_hh", blocks.RecurrentWeights), ("W_hy", layout.OutputWeights), ("b_h", blocks.HiddenBias), ("b_y", layout.OutputBias)],
        };
    }
}
