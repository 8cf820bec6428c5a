using System;
using System.Collections.Generic;
using System.Linq;
using Spectre.Console;

namespace RnnGen.Demo.Commands;

/// <summary>
/// The classic LSTM toy: 50 inputs, 100 cells, 4 steps, a linear output unit; trained to answer −0.5, 0.2, 0.1, −0.5 to
/// four fixed random vectors, from uniform ±0.1 weights at learning rate 0.1. Prints the loss and the outputs as they go.
/// </summary>
internal sealed class LstmCommand : IDemoCommand
{
    private static readonly string[] CsvHeader = ["iteration", "loss", "y0", "y1", "y2", "y3"];

    public CommandSpec Spec { get; } = new("lstm", "the classic LSTM toy: 50 inputs, 100 cells, 4 steps, answers -0.5, 0.2, 0.1, -0.5",
    [
        OptionSpec.Integer("--iterations", "training steps on the four vectors", 300, 1, 1_000_000),
        CommonOptions.Every(10, "iterations between printed rows"),
        CommonOptions.LearningRate(0.1),
        CommonOptions.Seed,
        CommonOptions.Out,
    ]);

    public void Execute(ParsedCommand command, DemoContext context)
    {
        int iterations = command.Integer("--iterations"), every = command.Integer("--every"), seed = command.Integer("--seed");
        double learningRate = command.Real("--lr");
        IAnsiConsole console = context.Console;
        var network = new LstmToy<double>();
        network.Initialize(new Random(seed), 0.1);
        double[] inputs = LstmToyTask.Inputs(new Random(seed + 1000));
        console.WriteLine($"{network.Shape}: {LstmToy<double>.ParameterCount:N0} parameters,");
        console.WriteLine($"uniform +-0.1 initialization, learning rate {learningRate}, in double.");
        console.WriteLine($"Targets per step: {string.Join(", ", LstmToyTask.Targets)}; loss = 1/2 sum over the 4 steps of (y - target)^2.");

        List<Iteration> history = Train(console, network, inputs, iterations, learningRate);
        console.Show(Table(history, every));
        WriteSummary(console, history);
        string csv = context.Files.PathOf(OutputFiles.LstmCsv), png = context.Files.PathOf(OutputFiles.LstmPng);
        Csv.Write(csv, CsvHeader, history.Select(i => (IReadOnlyList<object>)[i.Number, i.Loss, i.Outputs[0], i.Outputs[1], i.Outputs[2], i.Outputs[3]]));
        Plotting.SavePng(png, [LossChart(history, learningRate)], 900, 450);
        console.WriteLine($"Wrote {csv}");
        console.WriteLine($"Wrote {png}");
    }

    /// <summary>Each iteration's loss and outputs, both from the forward pass before that iteration's update.</summary>
    private static List<Iteration> Train(IAnsiConsole console, LstmToy<double> network, double[] inputs, int iterations, double learningRate)
    {
        double[] targets = LstmToyTask.Targets;
        var history = new List<Iteration>(iterations);
        ProgressBars.Run(console, progress =>
        {
            ProgressTask bar = progress.AddTask("training", maxValue: iterations);
            for (int iteration = 1; iteration <= iterations; iteration++)
            {
                var outputs = new double[LstmToy<double>.Steps];
                network.Forward(inputs, outputs);
                history.Add(new Iteration(iteration, network.Train(inputs, targets, learningRate), outputs));
                bar.Report(iteration);
            }
        });
        return history;
    }

    private static Table Table(List<Iteration> history, int every)
    {
        var table = Tables.Create("Loss and outputs before each printed iteration's update", "iteration", "loss", "y0 (-0.5)", "y1 (0.2)", "y2 (0.1)", "y3 (-0.5)");
        foreach (Iteration iteration in history.Where(i => i.Number == 1 || i.Number % every == 0 || i.Number == history.Count))
        {
            table.AddRow($"{iteration.Number}", Formatting.Scientific(iteration.Loss),
                Formatting.Value(iteration.Outputs[0]), Formatting.Value(iteration.Outputs[1]), Formatting.Value(iteration.Outputs[2]), Formatting.Value(iteration.Outputs[3]));
        }
        return table;
    }

    private static void WriteSummary(IAnsiConsole console, List<Iteration> history)
    {
        Iteration first = history[0], last = history[^1];
        double orders = Math.Log10(first.Loss / last.Loss);
        console.WriteLine($"Loss {Formatting.Scientific(first.Loss)} at iteration 1, {Formatting.Scientific(last.Loss)} at iteration {last.Number}: " +
            $"{orders:0.0} orders of magnitude lower.");
    }

    private static Chart LossChart(List<Iteration> history, double learningRate) => new(
        $"LSTM toy (50 inputs, 100 cells, 4 steps), learning rate {learningRate.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        "iteration", "loss",
        [new Series("loss", history.Select(i => (double)i.Number).ToArray(), history.Select(i => i.Loss).ToArray(), ColorIndex: 1)],
        LogY: true);

    private sealed record Iteration(int Number, double Loss, double[] Outputs);
}
