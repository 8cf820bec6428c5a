using System.Collections.Generic;
using Spectre.Console;

namespace RnnGen.Demo.Commands;

/// <summary>
/// The smallest recurrent network there is (one input, one sigmoid unit, one sigmoid output, biases, cross-entropy)
/// learns the stream 001001001…; the table shows each input bit beside the predicted probability that the next is 1.
/// </summary>
internal sealed class NextBitCommand : IDemoCommand
{
    private static readonly string[] CsvHeader = ["step", "input_bit", "p_next_is_1", "next_bit"];

    public CommandSpec Spec { get; } = new("nextbit", "a one-neuron network learns to predict the next bit of 001001001...",
    [
        OptionSpec.Integer("--iterations", "passes over the 12-step sequence", 3000, 1, 10_000_000),
        CommonOptions.LearningRate(0.5),
        CommonOptions.WeightSeed,
        CommonOptions.Out,
    ]);

    public void Execute(ParsedCommand command, DemoContext context)
    {
        int iterations = command.Integer("--iterations");
        double learningRate = command.Real("--lr");
        IAnsiConsole console = context.Console;
        var network = new NextBitPredictor<double>(command.Integer("--seed"));
        var inputs = new double[NextBitTask.Steps];
        var targets = new double[NextBitTask.Steps];
        var outputs = new double[NextBitTask.Steps];
        NextBitTask.Encode<double>(inputs, targets);

        double firstLoss = network.Train(inputs, targets, learningRate), lastLoss = firstLoss;
        ProgressBars.Run(console, progress =>
        {
            ProgressTask bar = progress.AddTask("training", maxValue: iterations);
            for (int iteration = 2; iteration <= iterations; iteration++)
            {
                lastLoss = network.Train(inputs, targets, learningRate);
                bar.Report(iteration);
            }
            bar.Value = iterations;
        });
        network.Forward(inputs, outputs);

        console.WriteLine($"{network.Shape}: {NextBitPredictor<double>.ParameterCount} parameters, {iterations} passes at learning rate {learningRate}.");
        console.WriteLine($"Cross-entropy over the {NextBitTask.Steps} steps: {Formatting.Loss(firstLoss)} on the first pass, {Formatting.Loss(lastLoss)} on the last.");
        console.Show(PredictionTable(inputs, outputs));
        WriteParameters(console, network);
        Csv.Write(context.Files.PathOf(OutputFiles.NextBitCsv), CsvHeader, Rows(outputs));
        console.WriteLine($"Wrote {context.Files.PathOf(OutputFiles.NextBitCsv)}");
    }

    private static Table PredictionTable(double[] inputs, double[] outputs)
    {
        var table = Tables.Create("After training", "step", "input bit", "P(next bit = 1)", "next bit", "");
        for (int t = 0; t < NextBitTask.Steps; t++)
        {
            int next = NextBitTask.Bit(t + 1);
            bool right = outputs[t] > 0.5 == (next == 1);
            table.AddRow($"{t}", $"{inputs[t]:0}", Formatting.Value(outputs[t]), $"{next}", right ? "right" : "wrong");
        }
        return table;
    }

    private static void WriteParameters(IAnsiConsole console, NextBitPredictor<double> network)
    {
        var names = new List<string>();
        for (int p = 0; p < NextBitPredictor<double>.ParameterCount; p++)
            names.Add($"{ParameterComparison.NameOf(network.Shape, p)} = {network.Parameters[p]:0.000}");
        console.WriteLine($"Learned parameters: {string.Join(", ", names)}");
    }

    private static IEnumerable<IReadOnlyList<object>> Rows(double[] outputs)
    {
        for (int t = 0; t < NextBitTask.Steps; t++)
            yield return [t, NextBitTask.Bit(t), outputs[t], NextBitTask.Bit(t + 1)];
    }
}
