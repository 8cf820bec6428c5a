using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Numerics;
using Spectre.Console;

namespace RnnGen.Demo.Commands;

/// <summary>
/// Trains the binary adder with a progress bar and, every so many samples, the report of the classic
/// "anyone can learn to code an LSTM-RNN in Python" blog post (Error, Pred, True, a + b = c); then counts exact sums.
/// </summary>
internal sealed class AdderCommand : IDemoCommand
{
    private static readonly string[] CsvHeader = ["precision", "samples", "mean_loss", "error", "a", "b", "predicted_sum", "true_sum"];

    public CommandSpec Spec { get; } = new("adder", "train the binary adder, reporting every 1000 samples like the classic blog post",
    [
        OptionSpec.Choice("--precision", "element type", "float", ["half", "float", "double", "all"]),
        CommonOptions.Samples(10_000),
        CommonOptions.Seed,
        OptionSpec.Choice("--unroll", "code layout of the generated network (one class per mode)", "auto", ["full", "none", "auto"]),
        CommonOptions.Bits("8"),
        CommonOptions.LearningRate(0.1),
        CommonOptions.Every(1000, "samples between reports"),
        CommonOptions.Out,
    ]);

    public void Execute(ParsedCommand command, DemoContext context)
    {
        var settings = new AdderSettings(
            new BinaryAddition(int.Parse(command.Text("--bits"), System.Globalization.CultureInfo.InvariantCulture)),
            AdderNetworks.ParseUnroll(command.Text("--unroll")),
            command.Integer("--samples"), command.Integer("--seed"), command.Real("--lr"), command.Integer("--every"));
        IReadOnlyList<Precision> precisions = PrecisionNames.Parse(command.Text("--precision"));
        IAnsiConsole console = context.Console;
        console.WriteLine($"{AdderNetworks.ClassName(settings.Task.Bits, settings.Unroll)}: {AdderNetworks.Shape(settings.Task.Bits)}, " +
            $"learning rate {settings.LearningRate}, {Formatting.Count(settings.Samples)} random pairs a, b < {settings.Task.OperandLimit}.");

        var runs = new List<AdderRun>();
        ProgressBars.Run(console, progress =>
        {
            foreach (Precision precision in precisions)
                runs.Add(Train(precision, settings, progress.AddTask($"training in {precision.Name()}", maxValue: settings.Samples), console));
        });
        WriteSummary(console, settings, runs);
        WriteCsv(context.Files.PathOf(OutputFiles.AdderCsv), runs);
        console.WriteLine($"Wrote {context.Files.PathOf(OutputFiles.AdderCsv)}");
    }

    private static AdderRun Train(Precision precision, AdderSettings settings, ProgressTask bar, IAnsiConsole console) => precision switch
    {
        Precision.Half => Train<Half>(precision, settings, bar, console),
        Precision.Float => Train<float>(precision, settings, bar, console),
        _ => Train<double>(precision, settings, bar, console),
    };

    private static AdderRun Train<T>(Precision precision, AdderSettings settings, ProgressTask bar, IAnsiConsole console)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        IRecurrentNetwork<T> network = AdderNetworks.Create<T>(settings.Task.Bits, settings.Unroll, settings.Seed);
        var trainer = new AdderTrainer<T>(network, settings.Task, settings.LearningRate, settings.Seed + 1000);
        var window = new LossWindow();
        var reports = new List<AdderReport>();
        var clock = Stopwatch.StartNew();
        for (int sample = 1; sample <= settings.Samples; sample++)
        {
            if (sample % settings.Every == 0)
            {
                AdderSample answer = trainer.TrainNextAndReport();
                window.Add(answer.Loss);
                var report = new AdderReport(precision, sample, window.TakeMean(), answer);
                reports.Add(report);
                WriteReport(console, settings.Task, report);
            }
            else
            {
                window.Add(trainer.TrainNext());
            }
            bar.Report(sample);
        }
        clock.Stop();
        double lastLoss = reports.Count > 0 && settings.Samples % settings.Every == 0 ? reports[^1].MeanLoss : window.TakeMean();
        int exact = settings.Task.CountExactSums(network, settings.Task.TestPairs());
        return new AdderRun(precision, exact, lastLoss, clock.Elapsed, reports);
    }

    /// <summary>The block the blog post prints: Error, Pred and True bits (most significant first), and the sum as the network reads it.</summary>
    private static void WriteReport(IAnsiConsole console, BinaryAddition task, AdderReport report)
    {
        AdderSample answer = report.Answer;
        console.WriteLine($"{report.Precision.Name()}, sample {report.Samples} (mean loss since the last report {Formatting.Loss(report.MeanLoss)}):");
        console.WriteLine($"Error:[{answer.Error:0.00000000}]");
        console.WriteLine($"Pred:[{task.BitsOf(answer.PredictedSum)}]");
        console.WriteLine($"True:[{task.BitsOf(answer.A + answer.B)}]");
        console.WriteLine($"{answer.A} + {answer.B} = {answer.PredictedSum}");
        console.WriteLine("------------");
    }

    private static void WriteSummary(IAnsiConsole console, AdderSettings settings, List<AdderRun> runs)
    {
        int pairs = settings.Task.TestPairs().Length;
        string which = settings.Task.TestsEveryPair ? "all" : "random";
        var table = Tables.Create($"After {Formatting.Count(settings.Samples)} samples", "precision", "mean loss, last window",
            $"exact sums ({which} {Formatting.Count(pairs)} pairs)", "share", "training time");
        foreach (AdderRun run in runs)
        {
            table.AddRow(run.Precision.Name(), Formatting.Loss(run.FinalLoss), Formatting.Count(run.ExactSums),
                Formatting.Percent((double)run.ExactSums / pairs), Formatting.Seconds(run.TrainingTime));
        }
        console.Show(table);
    }

    private static void WriteCsv(string path, List<AdderRun> runs)
    {
        var rows = new List<IReadOnlyList<object>>();
        foreach (AdderRun run in runs)
        {
            foreach (AdderReport report in run.Reports)
            {
                AdderSample answer = report.Answer;
                rows.Add([run.Precision.Name(), report.Samples, report.MeanLoss, answer.Error, answer.A, answer.B, answer.PredictedSum, answer.A + answer.B]);
            }
        }
        Csv.Write(path, CsvHeader, rows);
    }

    private sealed record AdderSettings(BinaryAddition Task, Unroll Unroll, int Samples, int Seed, double LearningRate, int Every);

    private sealed record AdderReport(Precision Precision, int Samples, double MeanLoss, AdderSample Answer);

    private sealed record AdderRun(Precision Precision, int ExactSums, double FinalLoss, TimeSpan TrainingTime, List<AdderReport> Reports);
}
