using System.Linq;
using Xunit;

namespace RnnGen.Tests.Generator;

/// <summary>The generated source of representative declarations, compared strictly with checked-in files in Snapshots/.</summary>
public class SnapshotTests
{
    [Theory]
    [InlineData("Full")]
    [InlineData("None")]
    public void Binary_adder(string unroll) => Verify($"BinaryAdder.{unroll}", $$"""
        namespace Demo;

        [RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8, Unroll = Unroll.{{unroll}})]
        public partial class BinaryAdder<T> where T : unmanaged, IFloatingPointIeee754<T>;
        """);

    /// <summary>The adder's network over 64 steps: past Auto's budget of written-out code, one step in a loop.</summary>
    [Fact]
    public void Long_binary_adder_with_the_step_in_a_loop() => Verify("BinaryAdder.StepsInLoop", """
        namespace Demo;

        [RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 64)]
        public partial class LongBinaryAdder<T> where T : unmanaged, IFloatingPointIeee754<T>;
        """);

    [Theory]
    [InlineData("Full")]
    [InlineData("None")]
    public void Classifier_with_bias_softmax_and_cross_entropy(string unroll) => Verify($"Classifier.{unroll}", $$"""
        namespace Demo.Text;

        public partial class Models
        {
            [RecurrentNetwork(inputs: 3, hidden: 4, outputs: 3, steps: 2, HiddenActivation = Activation.Tanh,
                OutputActivation = Activation.Softmax, Loss = LossKind.CrossEntropy, Bias = true, Unroll = Unroll.{{unroll}})]
            internal partial class Classifier<TNumber> where TNumber : IFloatingPointIeee754<TNumber>;
        }
        """);

    [Theory]
    [InlineData("Lstm", "Full")]
    [InlineData("Lstm", "None")]
    [InlineData("Gru", "Full")]
    [InlineData("Gru", "None")]
    public void Gated_cell_with_bias_and_identity_output(string cell, string unroll) => Verify($"{cell}.{unroll}", $$"""
        namespace Demo.Gated;

        [RecurrentNetwork(inputs: 2, hidden: 4, outputs: 1, steps: 3, Cell = CellKind.{{cell}},
            OutputActivation = Activation.Identity, Bias = true, Unroll = Unroll.{{unroll}})]
        public partial class Memory<T> where T : unmanaged, IFloatingPointIeee754<T>;
        """);

    [Fact]
    public void Loss_averaged_over_the_steps() => Verify("MeanLoss.Full", """
        namespace Demo;

        [RecurrentNetwork(inputs: 2, hidden: 4, outputs: 2, steps: 3, HiddenActivation = Activation.Tanh,
            OutputActivation = Activation.Identity, LossReduction = LossReduction.Mean, Unroll = Unroll.Full)]
        public partial class Forecaster<T> where T : unmanaged, IFloatingPointIeee754<T>;
        """);

    [Theory]
    [InlineData("Lstm", "Full")]
    [InlineData("Lstm", "None")]
    [InlineData("Gru", "Full")]
    [InlineData("Gru", "None")]
    public void Two_layer_gated_cell(string cell, string unroll) => Verify($"{cell}.TwoLayers.{unroll}", $$"""
        namespace Demo.Gated;

        [RecurrentNetwork(inputs: 2, hidden: 4, outputs: 1, steps: 3, Cell = CellKind.{{cell}}, Layers = 2,
            OutputActivation = Activation.Identity, Bias = true, Unroll = Unroll.{{unroll}})]
        public partial class StackedMemory<T> where T : unmanaged, IFloatingPointIeee754<T>;
        """);

    private static void Verify(string name, string source)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + source);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        Snapshot.Match(name, run.Sources.Single().Source);
    }
}
