using System.Linq;
using Xunit;

namespace RnnGen.Tests.Generator;

/// <summary>
/// <see cref="Unroll.Auto"/> is a choice: within its budget of written-out code it writes byte for byte the code of the
/// explicit mode it picks, so it can never be slower than that mode; past the budget (but for a layer narrow enough and
/// a step that fits one method) it writes one step method each way in a loop over the steps, a layout of its own. The
/// shapes sit on both sides of every threshold of UnrollPolicy (hidden width, sequence length, row terms per step method,
/// cell kind).
/// </summary>
public class AutoUnrollTests
{
    [Theory]
    [InlineData("Elman", 2, 16, 1, 8, "Full")]      // the seed task
    [InlineData("Elman", 2, 32, 1, 9, "Full")]      // 9 × (34 + 33 + 10) = 693 terms (10: two methods' own lines)
    [InlineData("Elman", 2, 16, 1, 16, "Full")]     // 16 × (18 + 17 + 10) = 720 terms
    [InlineData("Elman", 2, 4, 1, 34, "Full")]      // 34 × (6 + 5 + 10) = 714 terms
    [InlineData("Elman", 2, 33, 1, 8, "None")]      // one unit too wide for Auto (though Full could still unroll it)
    [InlineData("Elman", 2, 33, 1, 200, "None")]    // too wide for the step in a loop as well
    [InlineData("Elman", 2, 4, 40, 8, "Full")]      // backward: 40 outputs + 4 recurrent rows = 44 terms; 8 × 60 = 480 in all
    [InlineData("Elman", 2, 4, 45, 8, "None")]      // 49 terms, past the 48 per step method
    [InlineData("Lstm", 2, 10, 1, 7, "Full")]       // 4 gates × 12 = 48 terms; 7 × 99 = 693 in all
    [InlineData("Lstm", 2, 11, 1, 8, "None")]
    [InlineData("Lstm", 2, 11, 1, 100, "None")]     // 4 × 13 = 52 terms: not even one step fits a method
    [InlineData("Gru", 2, 14, 1, 7, "Full")]        // 3 gates × 16 = 48 terms; 7 × 101 = 707 in all
    [InlineData("Gru", 2, 15, 1, 8, "None")]
    [InlineData("Gru", 2, 15, 1, 100, "None")]
    [InlineData("Elman", 2, 16, 1, 8, "Full", 2)]   // every layer counts: 2 × 8 × 45 = 720 terms
    [InlineData("Lstm", 2, 10, 1, 2, "Full", 3)]   // the layers above the first have as many terms per step as the first: 3 × 2 × 99 = 594
    public void Auto_writes_exactly_the_code_of_the_mode_it_picks(string cell, int inputs, int hidden, int outputs, int steps, string picked, int layers = 1)
    {
        string Declare(string unroll) => GeneratorHarness.Usings +
            $"[RecurrentNetwork(inputs: {inputs}, hidden: {hidden}, outputs: {outputs}, steps: {steps}, Cell = CellKind.{cell}, Layers = {layers}, Unroll = Unroll.{unroll})]\n" +
            "public partial class Network<T> where T : unmanaged, IFloatingPointIeee754<T>;\n";

        GeneratorRun automatic = GeneratorHarness.Run(Declare("Auto"));
        GeneratorRun explicitMode = GeneratorHarness.Run(Declare(picked));

        Assert.Empty(automatic.GeneratorDiagnostics);
        Assert.Empty(explicitMode.GeneratorDiagnostics);
        Assert.Equal(explicitMode.Sources.Single().Source, automatic.Sources.Single().Source);
        Assert.Contains($"Unroll.{picked})", automatic.Sources.Single().Source);
    }

    /// <summary>
    /// Past the budget of 720 written-out terms (or of 128 step methods), Auto writes out one step method each way and
    /// runs it in a loop over the steps: its own layout, named in the file header, with no method per step.
    /// </summary>
    [Theory]
    [InlineData("Elman", 2, 32, 1, 128)]    // within the size limits, but 128 × 77 = 9,856 terms, past the budget of 720
    [InlineData("Elman", 2, 32, 1, 10)]     // 770 terms
    [InlineData("Elman", 2, 16, 1, 17)]     // 765 terms
    [InlineData("Elman", 2, 4, 1, 35)]      // 735 terms
    [InlineData("Elman", 2, 1, 1, 129)]     // one step too long for a method per step
    [InlineData("Elman", 2, 16, 1, 64, 2)]  // 2 × 64 = 128 step methods each way, within the limit, but 2 × 64 × 45 = 5,760 terms
    [InlineData("Elman", 2, 16, 1, 43, 3)]  // 3 × 43 = 129
    [InlineData("Lstm", 2, 10, 1, 8, 3)]    // 3 × 8 × 99 = 2,376 terms
    [InlineData("Lstm", 2, 10, 1, 8)]       // 48 terms in the forward step, the most one method holds; 8 × 99 = 792 in all
    [InlineData("Gru", 2, 14, 1, 8)]        // 8 × 101 = 808 terms
    public void Auto_past_its_budget_writes_one_step_in_a_loop(string cell, int inputs, int hidden, int outputs, int steps, int layers = 1)
    {
        string source = StepsInLoopSource($"[RecurrentNetwork(inputs: {inputs}, hidden: {hidden}, outputs: {outputs}, steps: {steps}, Cell = CellKind.{cell}, Layers = {layers})]");
        Assert.DoesNotContain("ForwardStep2<TChunk>", source);
        Assert.DoesNotContain($"BackwardStep{steps - 1}<TChunk>", source);
    }

    /// <summary>The grid's cases of the step in a loop (NetworkGrid.StepsInLoopShapes) are what their name says.</summary>
    [Fact]
    public void The_grid_cases_of_the_step_in_a_loop_pick_it()
    {
        foreach (Numerics.GridCase shape in Numerics.NetworkGrid.StepsInLoopShapes)
            StepsInLoopSource(Numerics.NetworkGrid.Cases.Single(gridCase => gridCase.Unroll == Unroll.Auto && gridCase.Shape == shape.Shape).Declaration);
    }

    /// <summary>The source of a declaration for which Auto writes out one step in a loop, checked to be so.</summary>
    private static string StepsInLoopSource(string declaration)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + declaration.Trim() + (declaration.Contains("partial class") ? "\n" : "\npublic partial class Network<T> where T : unmanaged, IFloatingPointIeee754<T>;\n"));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics);
        string source = run.Sources.Single().Source;
        Assert.Contains("Unroll.Auto: written-out step in a loop)", source);
        Assert.Contains("static void ForwardStep<TChunk>(ref T p, ref T w, nint step", source);
        Assert.Contains("static void BackwardStep<TChunk>(ref T p, ref T w, nint step)", source);
        return source;
    }

    /// <summary>
    /// The cost of the code Auto writes: for the largest shapes within its budget of every cell (and of many outputs),
    /// the generated source stays under 400 KB.
    /// </summary>
    [Theory]
    [InlineData("Elman", 2, 32, 1, 9)]
    [InlineData("Elman", 2, 16, 1, 16)]
    [InlineData("Elman", 2, 4, 1, 34)]
    [InlineData("Elman", 16, 16, 1, 16)]
    [InlineData("Elman", 2, 4, 40, 12)]
    [InlineData("Lstm", 2, 10, 1, 7)]
    [InlineData("Gru", 2, 14, 1, 7)]
    [InlineData("Elman", 16, 32, 1, 1000)]   // past the budget: one step in a loop, whatever the length
    [InlineData("Elman", 2, 4, 40, 1000)]
    [InlineData("Lstm", 2, 10, 1, 1000)]
    [InlineData("Gru", 2, 14, 1, 1000)]
    public void Auto_writes_at_most_400_KB_of_source(string cell, int inputs, int hidden, int outputs, int steps)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings +
            $"[RecurrentNetwork(inputs: {inputs}, hidden: {hidden}, outputs: {outputs}, steps: {steps}, Cell = CellKind.{cell}, Bias = true)]\n" +
            "public partial class Network<T> where T : unmanaged, IFloatingPointIeee754<T>;\n");

        string source = run.Sources.Single().Source;
        Assert.Contains(steps > 128 ? "Auto: written-out step in a loop)" : "Unroll.Full)", source);
        Assert.True(source.Length <= 400_000, $"{source.Length:N0} characters");
    }

    /// <summary>Every layer counts toward the budget: two layers of 2-16-1 unroll over 8 steps (2 × 8 × 45 = 720 terms), not 9.</summary>
    [Theory]
    [InlineData(8, "Full")]
    [InlineData(9, "Auto: written-out step in a loop")]
    public void Auto_counts_every_layer_in_its_budget(int steps, string picked)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings +
            $"[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: {steps}, Layers = 2)]\n" +
            "public partial class Network<T> where T : unmanaged, IFloatingPointIeee754<T>;\n");

        Assert.Empty(run.GeneratorDiagnostics);
        string source = run.Sources.Single().Source;
        Assert.Contains($"Unroll.{picked})", source);
        Assert.True(source.Length <= 400_000, $"{source.Length:N0} characters");
    }
}
