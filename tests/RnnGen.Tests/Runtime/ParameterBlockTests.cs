using System;
using System.Numerics.Tensors;
using Xunit;

namespace RnnGen.Tests.Runtime;

/// <summary>Parameter blocks by their API.md names: where each sits, its 2-D view, and the errors for names a shape does not have.</summary>
public class ParameterBlockTests
{
    private static readonly NetworkShape Elman = new(CellKind.Elman, 3, 4, 2, 5, true, Activation.Tanh, Activation.Identity, LossKind.SquaredError);

    [Fact]
    public void Names_follow_the_layout_of_each_cell()
    {
        Assert.Equal(new[] { "W_xh", "W_hh", "W_hy", "b_h", "b_y" }, Elman.BlockNames());
        Assert.Equal(new[] { "W_xh", "W_hh", "W_hy" }, (Elman with { Bias = false }).BlockNames());
        Assert.Equal(new[] { "W_x", "W_h", "W_hy", "b", "b_y" }, (Elman with { Cell = CellKind.Lstm }).BlockNames());
        Assert.Equal(new[] { "W_x", "W_h", "W_hy", "b_x", "b_h", "b_y" }, (Elman with { Cell = CellKind.Gru }).BlockNames());
    }

    [Fact]
    public void Blocks_are_where_the_layout_puts_them()
    {
        ParameterLayout layout = Elman.Layout;
        Assert.Equal(layout.InputWeights, Elman.Block("W_xh"));
        Assert.Equal(layout.InputWeights, Elman.Block("W_x"));
        Assert.Equal(layout.RecurrentWeights, Elman.Block("W_hh"));
        Assert.Equal(layout.RecurrentWeights, Elman.Block("W_h"));
        Assert.Equal(layout.OutputWeights, Elman.Block("W_hy"));
        Assert.Equal(layout.HiddenBias, Elman.Block("b_h"));
        Assert.Equal(layout.OutputBias, Elman.Block("b_y"));

        NetworkShape gru = Elman with { Cell = CellKind.Gru };
        Assert.Equal(new ParameterBlock(92, 1, 12), gru.Block("b_x"));   // input side: added to x·W_x
        Assert.Equal(new ParameterBlock(104, 1, 12), gru.Block("b_h"));  // recurrent side: added to h·W_h
        Assert.Equal(new ParameterBlock(120, 1, 16), (Elman with { Cell = CellKind.Lstm }).Block("b"));
    }

    [Fact]
    public void Views_read_and_write_the_parameters()
    {
        var network = new GruAdder<double>(3);   // 2 inputs, 16 units, 1 output, bias
        TensorSpan<double> recurrent = network.Matrix("W_h");
        Assert.Equal(new nint[] { 16, 48 }, recurrent.Lengths.ToArray());
        // Element [k, gate * H + j] of W_h is at offset + k * 3H + gate * H + j.
        ParameterBlock block = network.Shape.Block("W_h");
        Assert.Equal(network.Parameters[block.Offset + (5 * 48) + (2 * 16) + 7], recurrent[5, (2 * 16) + 7]);
        recurrent[5, 39] = 42;
        Assert.Equal(42, network.Parameters[block.Offset + (5 * 48) + 39]);

        Span<double> recurrentBias = network.Block("b_h");
        Assert.Equal(48, recurrentBias.Length);
        recurrentBias[0] = -1;
        Assert.Equal(-1, network.Parameters[network.Shape.Block("b_h").Offset]);
        Assert.Equal(-1, network.Matrix("b_h")[0, 0]);

        network.Forward(new double[16], new double[8]);
        network.Backward(new double[8]);
        TensorSpan<double> gradient = block.MatrixOf(network.Gradients);
        Assert.Equal(network.Gradients[block.Offset + 48 + 3], gradient[1, 3]);
        Assert.Equal(block.Length, block.Of(network.Gradients).Length);
    }

    [Fact]
    public void Layers_pick_each_layer_s_recurrent_blocks()
    {
        NetworkShape stacked = Elman with { Cell = CellKind.Gru, Layers = 3 };
        ParameterLayout layout = stacked.Layout;
        for (int layer = 1; layer <= 3; layer++)
        {
            LayerParameterBlocks blocks = layout.Layer(layer);
            Assert.Equal(blocks.InputWeights, stacked.Block("W_x", layer));
            Assert.Equal(blocks.RecurrentWeights, stacked.Block("W_h", layer));
            Assert.Equal(blocks.HiddenBias, stacked.Block("b_x", layer));
            Assert.Equal(blocks.RecurrentBias, stacked.Block("b_h", layer));
            Assert.Equal(layout.OutputWeights, stacked.Block("W_hy", layer));
        }
        Assert.Equal(new ParameterBlock(stacked.Block("W_h", 1).End, 4, 12), stacked.Block("W_x", 2));   // layer 2 reads h of layer 1
        Assert.Equal(stacked.Block("W_x"), stacked.Block("W_x", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => stacked.Block("W_x", layer: 4));

        var network = new StackedLstm<float>(2);
        network.Matrix("W_h", layer: 2)[3, 5] = 7;
        Assert.Equal(7, network.Parameters[network.Shape.Layout.Layer(2).RecurrentWeights.Offset + (3 * 32) + 5]);
    }

    [Fact]
    public void Unknown_and_missing_blocks_say_which_there_are()
    {
        var exception = Assert.Throws<ArgumentException>(() => Elman.Block("W_xy"));
        Assert.Contains("W_xh, W_hh, W_hy, b_h, b_y", exception.Message);
        exception = Assert.Throws<ArgumentException>(() => (Elman with { Bias = false }).Block("b_y"));
        Assert.Contains("no biases", exception.Message);
        Assert.Throws<ArgumentException>(() => (Elman with { Cell = CellKind.Lstm }).Block("b_h"));
        Assert.Throws<ArgumentException>(() => (Elman with { Cell = CellKind.Lstm }).Block("W_hh"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Elman.Block("W_hh", layer: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Elman.Block("W_hh", layer: 0));
    }
}
