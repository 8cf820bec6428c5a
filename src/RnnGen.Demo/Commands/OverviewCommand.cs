using System;
using System.Diagnostics;
using Spectre.Console;

namespace RnnGen.Demo.Commands;

/// <summary>
/// What runs with no command: the 8-bit adder trained in float and in double from the same initial weights on the same
/// pairs, then what each learned and how far apart they ended.
/// </summary>
internal sealed class OverviewCommand : IDemoCommand
{
    private const int Bits = 8;
    private const double LearningRate = 0.1;
    private const int LossWindowSize = 1000;
    private const int ExampleCount = 6;

    public CommandSpec Spec { get; } = new(CommandLine.DefaultCommand,
        "train the 8-bit adder in float and double side by side and compare what they learned",
        [CommonOptions.Samples(10_000), CommonOptions.Seed]);

    public void Execute(ParsedCommand command, DemoContext context)
    {
        int samples = command.Integer("--samples"), seed = command.Integer("--seed");
        IAnsiConsole console = context.Console;
        var task = new BinaryAddition(Bits);
        console.WriteLine($"RnnGen demo: a 2-16-1 recurrent network learns 8-bit binary addition (bits least significant first,");
        console.WriteLine($"sigmoid units, squared error, learning rate {LearningRate}, random a, b < {task.OperandLimit}), once in float and once in double,");
        console.WriteLine($"from the same initial weights (seed {seed}) on the same {Formatting.Count(samples)} pairs.");
        console.WriteLine();

        var single = new AdderTrainer<float>(new Adder8<float>(seed), task, LearningRate, seed + 1000);
        var wide = new AdderTrainer<double>(new Adder8<double>(seed), task, LearningRate, seed + 1000);
        (double singleLoss, double wideLoss, TimeSpan singleTime, TimeSpan wideTime) = Train(console, single, wide, samples);

        var pairs = task.TestPairs();
        int singleExact = task.CountExactSums(single.Network, pairs), wideExact = task.CountExactSums(wide.Network, pairs);
        var results = Tables.Create("What each learned", "", "float", "double");
        results.AddRow($"exact sums (of all {Formatting.Count(pairs.Length)} pairs)", Formatting.Count(singleExact), Formatting.Count(wideExact));
        results.AddRow($"mean loss, last {Math.Min(LossWindowSize, samples)} samples", Formatting.Loss(singleLoss), Formatting.Loss(wideLoss));
        results.AddRow("training time", Formatting.Seconds(singleTime), Formatting.Seconds(wideTime));
        console.Show(results);

        console.Show(Examples(task, single.Network, wide.Network, new Random(seed + 2000)));
        WriteDifference(console, single.Network, wide.Network);
        WriteWhatNext(console);
    }

    private static (double, double, TimeSpan, TimeSpan) Train(IAnsiConsole console, AdderTrainer<float> single, AdderTrainer<double> wide, int samples)
    {
        var singleWindow = new LossWindow();
        var wideWindow = new LossWindow();
        var singleClock = new Stopwatch();
        var wideClock = new Stopwatch();
        ProgressBars.Run(console, progress =>
        {
            ProgressTask bar = progress.AddTask("training float and double", maxValue: samples);
            for (int sample = 1; sample <= samples; sample++)
            {
                bool lastWindow = samples - sample < LossWindowSize;
                singleClock.Start();
                double singleLoss = single.TrainNext();
                singleClock.Stop();
                wideClock.Start();
                double wideLoss = wide.TrainNext();
                wideClock.Stop();
                if (lastWindow)
                {
                    singleWindow.Add(singleLoss);
                    wideWindow.Add(wideLoss);
                }
                bar.Report(sample);
            }
        });
        return (singleWindow.TakeMean(), wideWindow.TakeMean(), singleClock.Elapsed, wideClock.Elapsed);
    }

    private static Table Examples(BinaryAddition task, IRecurrentNetwork<float> single, IRecurrentNetwork<double> wide, Random random)
    {
        var table = Tables.Create("A few sums", "a + b", "true sum", "float says", "double says");
        for (int example = 0; example < ExampleCount; example++)
        {
            long a = task.RandomOperand(random), b = task.RandomOperand(random);
            table.AddRow($"{a} + {b}", $"{a + b}", Answer(task, single, a, b), Answer(task, wide, a, b));
        }
        return table;
    }

    private static string Answer<T>(BinaryAddition task, IRecurrentNetwork<T> network, long a, long b) where T : System.Numerics.INumber<T>
    {
        var inputs = new T[2 * task.Bits];
        var targets = new T[task.Bits];
        var outputs = new T[task.Bits];
        task.Encode<T>(a, b, inputs, targets);
        network.Forward(inputs, outputs);
        long sum = task.Decode<T>(outputs);
        return sum == a + b ? $"{sum}" : $"{sum} (wrong)";
    }

    private static void WriteDifference(IAnsiConsole console, IRecurrentNetwork<float> single, IRecurrentNetwork<double> wide)
    {
        (double difference, int index) = ParameterComparison.LargestDifference<float, double>(single.Parameters, wide.Parameters);
        console.WriteLine($"How they differ: the largest parameter difference |float - double| is {Formatting.Scientific(difference)},");
        console.WriteLine($"at {ParameterComparison.NameOf(wide.Shape, index)} (double {Numbers.ToDouble(wide.Parameters[index]):0.000000}, " +
            $"float {single.Parameters[index]:0.000000}); both started from the same weights, rounded to float.");
        console.WriteLine();
    }

    private static void WriteWhatNext(IAnsiConsole console)
    {
        console.WriteLine("More: adder (the classic blog-post reports), nextbit, precision (half/float/double and a plot),");
        console.WriteLine($"bench, lstm, memory. Run `{Usage.Invocation} --help` for the options.");
    }
}
