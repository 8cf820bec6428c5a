using System;
using System.Collections.Generic;
using System.Linq;
using Spectre.Console;

namespace RnnGen.Demo.Commands;

/// <summary>
/// Remember one bit across a long gap full of distractors: Elman, LSTM and GRU networks of the same width trained the
/// same way on the same sequences, from several seeds, scored on fresh sequences.
/// </summary>
internal sealed class MemoryCommand : IDemoCommand
{
    private const int TestSequences = 2000;
    private const int LossWindowSize = 1000;

    /// <summary>A run that gets at least this share of test sequences right counts as remembering.</summary>
    private const double RemembersAt = 0.95;

    private static readonly string[] Cells = ["Elman", "LSTM", "GRU"];
    private static readonly string[] CsvHeader = ["cell", "seed", "parameters", "samples", "mean_loss_last_window", "accuracy"];

    public CommandSpec Spec { get; } = new("memory", $"remember a bit for {MemoryTask.Steps - 1} steps: Elman against LSTM and GRU",
    [
        CommonOptions.Samples(20_000),
        OptionSpec.Integer("--runs", "training runs per cell, from seeds seed, seed + 1, ...", 5, 1, 100),
        CommonOptions.LearningRate(0.3),
        CommonOptions.Seed,
        CommonOptions.Out,
    ]);

    public void Execute(ParsedCommand command, DemoContext context)
    {
        int samples = command.Integer("--samples"), runs = command.Integer("--runs"), seed = command.Integer("--seed");
        double learningRate = command.Real("--lr");
        IAnsiConsole console = context.Console;
        WriteTask(console, learningRate);

        var results = new List<MemoryResult>();
        ProgressBars.Run(console, progress =>
        {
            ProgressTask bar = progress.AddTask("training", maxValue: (double)runs * Cells.Length * samples);
            for (int run = 0; run < runs; run++)
            {
                foreach (string cell in Cells)
                    results.Add(Train(cell, seed + run, samples, learningRate, bar));
            }
        });

        console.Show(Table(results, runs));
        string csv = context.Files.PathOf(OutputFiles.MemoryCsv);
        Csv.Write(csv, CsvHeader, results.Select(r => (IReadOnlyList<object>)[r.Cell, r.Seed, r.Parameters, samples, r.MeanLoss, r.Accuracy]));
        console.WriteLine($"Wrote {csv}");
    }

    private static void WriteTask(IAnsiConsole console, double learningRate)
    {
        console.WriteLine("Step 0 shows a bit (+1 or -1 on input 0); every step shows a random distractor bit on input 1;");
        console.WriteLine($"the sigmoid output at step {MemoryTask.Steps - 1} must give the bit back. {MemoryTask.Hidden} units per network, " +
            $"learning rate {learningRate},");
        console.WriteLine($"weights uniform +-{MemoryTask.InitialScale}; LSTM forget and GRU update gates start with bias +{MemoryTask.KeepGateBias}, " +
            "so they start by keeping their state.");
        console.WriteLine("The loss is 1/2 (y_last - bit)^2 alone: every earlier step gets its own output as its target,");
        console.WriteLine("so it adds no loss and no gradient.");
    }

    private static IRecurrentNetwork<float> Create(string cell, int seed) => MemoryTask.Initialize(cell switch
    {
        "LSTM" => new LstmMemory<float>(),
        "GRU" => new GruMemory<float>(),
        _ => (IRecurrentNetwork<float>)new ElmanMemory<float>(),
    }, seed);

    private static MemoryResult Train(string cell, int seed, int samples, double learningRate, ProgressTask bar)
    {
        IRecurrentNetwork<float> network = Create(cell, seed);
        var trainer = new MemoryTrainer<float>(network, learningRate);
        var data = new Random(seed + 1000);
        var window = new LossWindow();
        for (int sample = 1; sample <= samples; sample++)
        {
            double loss = trainer.TrainNext(data);
            if (samples - sample < LossWindowSize)
                window.Add(loss);
            if (sample % ProgressBars.UpdateEvery == 0)
                bar.Increment(ProgressBars.UpdateEvery);
        }
        bar.Increment(samples % ProgressBars.UpdateEvery);
        double accuracy = trainer.Accuracy(new Random(seed + 2000), TestSequences);
        return new MemoryResult(cell, seed, network.Shape.ParameterCount, window.TakeMean(), accuracy);
    }

    private static Table Table(List<MemoryResult> results, int runs)
    {
        var table = Tables.Create($"Recall after {MemoryTask.Steps - 1} steps, on {Formatting.Count(TestSequences)} fresh sequences per run (chance: 50 %)",
            "cell", "parameters", $"runs that remember (>= {RemembersAt:P0})", "mean accuracy", "accuracy per run");
        foreach (string cell in Cells)
        {
            MemoryResult[] mine = results.Where(r => r.Cell == cell).ToArray();
            table.AddRow(cell, $"{mine[0].Parameters}", $"{mine.Count(r => r.Accuracy >= RemembersAt)} of {runs}",
                Formatting.Percent(mine.Average(r => r.Accuracy)), string.Join("  ", mine.Select(r => Formatting.Percent(r.Accuracy))));
        }
        return table;
    }

    private sealed record MemoryResult(string Cell, int Seed, int Parameters, double MeanLoss, double Accuracy);
}
