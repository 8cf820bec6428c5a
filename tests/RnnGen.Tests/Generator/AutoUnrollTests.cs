using System.Linq;
using Xunit;

namespace RnnGen.Tests.Generator;

/// <summary>
/// <see cref="Unroll.Auto"/> is a choice, not a third code shape: for each shape it writes byte for byte the code of the
/// explicit mode it picks, so it can never be slower than that mode. The shapes sit on both sides of every threshold
/// of UnrollPolicy (hidden width, sequence length, row terms per step method, cell kind).
/// </summary>
public class AutoUnrollTests
{
    [Theory]
    [InlineData("Elman", 2, 16, 1, 8, "Full")]      // the seed task
    [InlineData("Elman", 2, 32, 1, 128, "None")]    // within the size limits, but 128 × 77 = 9,856 terms, past the budget of 1,800
    [InlineData("Elman", 2, 32, 1, 23, "Full")]     // 23 × (34 + 33 + 10) = 1,771 terms (10: two methods' own lines)
    [InlineData("Elman", 2, 32, 1, 24, "None")]     // 1,848 terms
    [InlineData("Elman", 2, 16, 1, 40, "Full")]     // 40 × (18 + 17 + 10) = 1,800 terms
    [InlineData("Elman", 2, 16, 1, 41, "None")]     // 1,845 terms
    [InlineData("Elman", 2, 4, 1, 85, "Full")]      // 85 × (6 + 5 + 10) = 1,785 terms
    [InlineData("Elman", 2, 4, 1, 86, "None")]      // 1,806 terms
    [InlineData("Elman", 2, 33, 1, 8, "None")]      // one unit too wide for Auto (though Full could still unroll it)
    [InlineData("Elman", 2, 1, 1, 129, "None")]     // one step too long (and 129 × 15 terms past the budget)
    [InlineData("Elman", 2, 4, 40, 8, "Full")]      // backward: 40 outputs + 4 recurrent rows = 44 terms
    [InlineData("Elman", 2, 4, 45, 8, "None")]      // 49 terms, past the 48 per step method
    [InlineData("Lstm", 2, 10, 1, 8, "Full")]       // 4 gates × 12 = 48 terms
    [InlineData("Lstm", 2, 11, 1, 8, "None")]
    [InlineData("Gru", 2, 14, 1, 8, "Full")]        // 3 gates × 16 = 48 terms
    [InlineData("Gru", 2, 15, 1, 8, "None")]
    [InlineData("Elman", 2, 16, 1, 64, "None", 2)]  // 2 × 64 = 128 step methods each way, within the limit, but 2 × 64 × 45 = 5,760 terms
    [InlineData("Elman", 2, 16, 1, 20, "Full", 2)]  // every layer counts: 2 × 20 × 45 = 1,800 terms
    [InlineData("Elman", 2, 16, 1, 43, "None", 3)]  // 3 × 43 = 129
    [InlineData("Lstm", 2, 10, 1, 6, "Full", 3)]   // the layers above the first have as many terms per step as the first: 3 × 6 × 99 = 1,782
    [InlineData("Lstm", 2, 10, 1, 8, "None", 3)]   // 3 × 8 × 99 = 2,376 terms
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
    /// The cost of the code Auto writes: for the largest shapes within its budget of every cell (and of many outputs),
    /// the generated source stays under 400 KB.
    /// </summary>
    [Theory]
    [InlineData("Elman", 2, 32, 1, 23)]
    [InlineData("Elman", 2, 16, 1, 40)]
    [InlineData("Elman", 2, 4, 1, 85)]
    [InlineData("Elman", 16, 16, 1, 40)]
    [InlineData("Elman", 2, 4, 40, 30)]
    [InlineData("Lstm", 2, 10, 1, 18)]
    [InlineData("Gru", 2, 14, 1, 17)]
    public void Auto_writes_at_most_400_KB_of_source(string cell, int inputs, int hidden, int outputs, int steps)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings +
            $"[RecurrentNetwork(inputs: {inputs}, hidden: {hidden}, outputs: {outputs}, steps: {steps}, Cell = CellKind.{cell}, Bias = true)]\n" +
            "public partial class Network<T> where T : unmanaged, IFloatingPointIeee754<T>;\n");

        string source = run.Sources.Single().Source;
        Assert.Contains("Unroll.Full)", source);
        Assert.True(source.Length <= 400_000, $"{source.Length:N0} characters");
    }

    /// <summary>Every layer counts toward the budget: two layers of 2-16-1 unroll over 20 steps (2 × 20 × 45 = 1,800 terms), not 21.</summary>
    [Theory]
    [InlineData(20, "Full")]
    [InlineData(21, "None")]
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
