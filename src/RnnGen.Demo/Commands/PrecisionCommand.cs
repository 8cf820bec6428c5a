using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using Spectre.Console;

namespace RnnGen.Demo.Commands;

/// <summary>
/// The same initial weights and the same stream of pairs, trained in Half, float and double (and double once more in
/// <see cref="ReferenceNetwork{T}"/>): loss, exact-sum accuracy and distance from the double network's parameters at
/// every checkpoint, as a table, a CSV file and a PNG plot.
/// </summary>
internal sealed class PrecisionCommand : IDemoCommand
{
    /// <summary>Random test pairs each checkpoint scores exact sums on (Half is emulated in software, so not all of them).</summary>
    public const int CheckpointTestPairs = 2048;

    /// <summary>Most checkpoint rows the console table shows; the CSV file has them all.</summary>
    private const int MaxTableRows = 12;

    private static readonly string[] CsvHeader = ["samples", "network", "mean_loss", "exact_sum_accuracy", "max_parameter_difference_from_double"];

    public CommandSpec Spec { get; } = new("precision", "train in half, float and double from the same start; table, CSV and plot of how they part ways",
    [
        CommonOptions.Bits("16"),
        CommonOptions.LearningRate(0.5),
        CommonOptions.Samples(20_000),
        CommonOptions.Every(500, "samples between checkpoints"),
        CommonOptions.Seed,
        CommonOptions.Out,
    ]);

    public void Execute(ParsedCommand command, DemoContext context)
    {
        var task = new BinaryAddition(int.Parse(command.Text("--bits"), CultureInfo.InvariantCulture));
        int samples = command.Integer("--samples"), every = command.Integer("--every"), seed = command.Integer("--seed");
        double learningRate = command.Real("--lr");
        IAnsiConsole console = context.Console;
        console.WriteLine($"{AdderNetworks.Shape(task.Bits)}, learning rate {learningRate}, {Formatting.Count(samples)} pairs a, b < {task.OperandLimit}:");
        console.WriteLine($"Half, float and double start from Initialize(new Random({seed}), 1) (rounded to each type) and see the same pairs.");

        var race = new PrecisionRace(task, learningRate, seed);
        var checkpoints = new List<Checkpoint>();
        ProgressBars.Run(console, progress =>
        {
            ProgressTask bar = progress.AddTask("training 4 networks", maxValue: samples);
            for (int sample = 1; sample <= samples; sample++)
            {
                race.TrainNext();
                if (sample % every == 0 || sample == samples)
                    checkpoints.AddRange(race.Checkpoint(sample));
                bar.Report(sample);
            }
        });

        console.Show(LossTable(checkpoints));
        console.Show(DivergenceTable(checkpoints));
        WriteFindings(console, checkpoints);
        string csv = context.Files.PathOf(OutputFiles.PrecisionCsv), png = context.Files.PathOf(OutputFiles.PrecisionPng);
        Csv.Write(csv, CsvHeader, checkpoints.Select(c => (IReadOnlyList<object>)[c.Samples, c.Network, c.MeanLoss, c.Accuracy, c.MaxDifference]));
        Plotting.SavePng(png, Charts(checkpoints, task, learningRate), 1000, 420);
        console.WriteLine($"Wrote {csv}");
        console.WriteLine($"Wrote {png}");
    }

    private static readonly string[] Networks = ["half", "float", "double", "reference"];

    private static Table LossTable(List<Checkpoint> checkpoints) => CheckpointTable(checkpoints,
        $"Loss (mean since the previous checkpoint) and exact sums (of {CheckpointTestPairs} random pairs)",
        ["loss half", "loss float", "loss double", "loss ref", "exact half", "exact float", "exact double", "exact ref"],
        at => [.. Networks.Select(n => Formatting.Loss(at[n].MeanLoss)), .. Networks.Select(n => Formatting.Percent(at[n].Accuracy))]);

    private static Table DivergenceTable(List<Checkpoint> checkpoints) => CheckpointTable(checkpoints,
        "Largest parameter difference from the double network",
        ["half", "float", "ReferenceNetwork<double>"],
        at => [.. Networks.Where(n => n != "double").Select(n => Formatting.Scientific(at[n].MaxDifference))]);

    /// <summary>One row per checkpoint (at most <see cref="MaxTableRows"/>, evenly spread, always the last).</summary>
    private static Table CheckpointTable(List<Checkpoint> checkpoints, string title, string[] headers, Func<Dictionary<string, Checkpoint>, string[]> cells)
    {
        var table = Tables.Create(title, ["samples", .. headers]);
        int[] sampleCounts = checkpoints.Select(c => c.Samples).Distinct().ToArray();
        int stride = (sampleCounts.Length + MaxTableRows - 1) / MaxTableRows;
        for (int index = 0; index < sampleCounts.Length; index++)
        {
            if (index % stride != 0 && index != sampleCounts.Length - 1)
                continue;
            Dictionary<string, Checkpoint> at = checkpoints.Where(c => c.Samples == sampleCounts[index]).ToDictionary(c => c.Network);
            table.AddRow([Formatting.Count(sampleCounts[index]), .. cells(at)]);
        }
        return table;
    }

    private static void WriteFindings(IAnsiConsole console, List<Checkpoint> checkpoints)
    {
        foreach (string network in new[] { "half", "float", "reference" })
        {
            Checkpoint? parted = checkpoints.FirstOrDefault(c => c.Network == network && !(c.MaxDifference < 0.1));
            Checkpoint last = checkpoints.Last(c => c.Network == network);
            console.WriteLine(parted is null
                ? $"{network}: stays within 0.1 of double in every parameter (finally {Formatting.Scientific(last.MaxDifference)})."
                : $"{network}: first more than 0.1 away from double in some parameter at {Formatting.Count(parted.Samples)} samples; finally {Formatting.Scientific(last.MaxDifference)}.");
        }
    }

    private static Chart[] Charts(List<Checkpoint> checkpoints, BinaryAddition task, double learningRate)
    {
        Series Line(string network, Func<Checkpoint, double> value) => new(
            network == "reference" ? "ReferenceNetwork<double>" : network,
            checkpoints.Where(c => c.Network == network).Select(c => (double)c.Samples).ToArray(),
            checkpoints.Where(c => c.Network == network).Select(value).ToArray(),
            ColorIndex: Array.IndexOf(Networks, network),
            Dashed: network == "reference");
        return
        [
            new Chart($"{task.Bits}-bit adder, learning rate {learningRate.ToString(CultureInfo.InvariantCulture)}: loss per sample (mean between checkpoints)",
                "samples", "loss", Networks.Select(n => Line(n, c => c.MeanLoss)).ToArray(), LogY: true),
            new Chart("Largest parameter difference from the double network",
                "samples", "max |p - p_double|", Networks.Where(n => n != "double").Select(n => Line(n, c => c.MaxDifference)).ToArray(), LogY: true,
                LegendAt: ScottPlot.Alignment.LowerRight),
        ];
    }

    /// <summary>One network's state at one checkpoint.</summary>
    internal sealed record Checkpoint(int Samples, string Network, double MeanLoss, double Accuracy, double MaxDifference);

    /// <summary>The four networks, their trainers, and what a checkpoint measures.</summary>
    private sealed class PrecisionRace
    {
        private readonly AdderTrainer<Half> half;
        private readonly AdderTrainer<float> single;
        private readonly AdderTrainer<double> wide, reference;
        private readonly LossWindow halfLoss = new(), singleLoss = new(), wideLoss = new(), referenceLoss = new();
        private readonly (long A, long B)[] testPairs;

        public PrecisionRace(BinaryAddition task, double learningRate, int seed)
        {
            half = new AdderTrainer<Half>(AdderNetworks.Create<Half>(task.Bits, Unroll.Auto, seed), task, learningRate, seed + 1000);
            single = new AdderTrainer<float>(AdderNetworks.Create<float>(task.Bits, Unroll.Auto, seed), task, learningRate, seed + 1000);
            wide = new AdderTrainer<double>(AdderNetworks.Create<double>(task.Bits, Unroll.Auto, seed), task, learningRate, seed + 1000);
            reference = new AdderTrainer<double>(new ReferenceNetwork<double>(AdderNetworks.Shape(task.Bits), seed), task, learningRate, seed + 1000);
            testPairs = task.RandomTestPairs(CheckpointTestPairs);
        }

        public void TrainNext()
        {
            halfLoss.Add(half.TrainNext());
            singleLoss.Add(single.TrainNext());
            wideLoss.Add(wide.TrainNext());
            referenceLoss.Add(reference.TrainNext());
        }

        public Checkpoint[] Checkpoint(int samples) =>
        [
            Measure(samples, "half", half, halfLoss),
            Measure(samples, "float", single, singleLoss),
            Measure(samples, "double", wide, wideLoss),
            Measure(samples, "reference", reference, referenceLoss),
        ];

        private Checkpoint Measure<T>(int samples, string name, AdderTrainer<T> trainer, LossWindow loss) where T : INumber<T>
        {
            double accuracy = (double)trainer.Task.CountExactSums(trainer.Network, testPairs) / testPairs.Length;
            (double difference, _) = ParameterComparison.LargestDifference<T, double>(trainer.Network.Parameters, wide.Network.Parameters);
            return new Checkpoint(samples, name, loss.TakeMean(), accuracy, difference);
        }
    }
}
