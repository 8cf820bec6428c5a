using System;
using System.IO;
using Xunit;

namespace RnnGen.Tests.Runtime;

/// <summary>What makes two shapes the same network: every field that changes the equations or the layout, and nothing else.</summary>
public class NetworkShapeTests
{
    private static readonly NetworkShape Gru = new(CellKind.Gru, 2, 16, 1, 8, true, Activation.Sigmoid, Activation.Sigmoid, LossKind.SquaredError);

    [Theory]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    public void Gated_cells_ignore_the_hidden_activation(CellKind cell)
    {
        NetworkShape sigmoid = Gru with { Cell = cell }, tanh = sigmoid with { HiddenActivation = Activation.Tanh };
        Assert.Equal(sigmoid, tanh);
        Assert.True(sigmoid == tanh);
        Assert.False(sigmoid != tanh);
        Assert.Equal(sigmoid.GetHashCode(), tanh.GetHashCode());
        Assert.Equal(sigmoid.ToString(), tanh.ToString());
    }

    [Fact]
    public void Elman_cells_compare_the_hidden_activation()
    {
        NetworkShape sigmoid = Gru with { Cell = CellKind.Elman };
        Assert.NotEqual(sigmoid, sigmoid with { HiddenActivation = Activation.Tanh });
        Assert.True(sigmoid != (sigmoid with { HiddenActivation = Activation.Tanh }));
    }

    [Fact]
    public void Every_other_field_makes_a_different_shape()
    {
        NetworkShape[] others =
        {
            Gru with { Cell = CellKind.Lstm }, Gru with { Inputs = 3 }, Gru with { Hidden = 15 }, Gru with { Outputs = 2 },
            Gru with { Steps = 9 }, Gru with { Bias = false }, Gru with { OutputActivation = Activation.Tanh },
            Gru with { Loss = LossKind.CrossEntropy },
        };
        foreach (NetworkShape other in others)
            Assert.NotEqual(Gru, other);
    }

    [Fact]
    public void A_gru_saved_from_a_tanh_reference_loads_into_the_generated_gru()
    {
        // The first user's case: the reference was built with Activation.Tanh, which a GRU ignores.
        var reference = new ReferenceNetwork<double>(new GruAdder<double>().Shape with { HiddenActivation = Activation.Tanh }, seed: 3);
        var stream = new MemoryStream();
        NetworkFile.Save(reference, stream);
        var generated = new GruAdder<double>();
        NetworkFile.Load(generated, new MemoryStream(stream.ToArray()));
        Assert.Equal(reference.Parameters.ToArray(), generated.Parameters.ToArray());
    }
}
