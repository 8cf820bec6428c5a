using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using Spectre.Console;

namespace RnnGen.Demo.Commands;

/// <summary>
/// A quick in-process timing of one training step of the 8-bit adder: unrolled and looped generated code against
/// <see cref="ReferenceNetwork{T}"/>, in float and double; then the batch path's throughput, TrainBatch on 64 sums at
/// once on one thread and on every thread, per sum. For the full picture use BenchmarkDotNet (benchmarks/RnnGen.Benchmarks).
/// </summary>
internal sealed class BenchCommand : IDemoCommand
{
    private const int Bits = 8;
    private const string Unrolled = "Unroll.Full", Looped = "Unroll.None", Reference = "ReferenceNetwork";

    private const int Batch = 64;

    private static readonly string[] CsvHeader = ["precision", "code", "median_ns_per_step", "speedup_vs_reference"];
    private static readonly string[] BatchCsvHeader = ["precision", "batch", "threads", "median_ns_per_sequence", "sequences_per_second", "speedup_vs_train"];

    public CommandSpec Spec { get; } = new("bench", "quick timing of one training step: Unroll.Full, Unroll.None and ReferenceNetwork; then TrainBatch",
    [
        OptionSpec.Integer("--rounds", "timed rounds; the median counts", 15, 1, 10_000),
        OptionSpec.Integer("--steps", "training steps per round", 2000, 1, 10_000_000),
        OptionSpec.Integer("--warmup", "least milliseconds of warm-up per network, so the JIT reaches its optimized code", 1500, 0, 60_000),
        CommonOptions.Out,
    ]);

    public void Execute(ParsedCommand command, DemoContext context)
    {
        var timer = new TrainingStepTimer(command.Integer("--rounds"), command.Integer("--steps"), TimeSpan.FromMilliseconds(command.Integer("--warmup")));
        IAnsiConsole console = context.Console;
        console.WriteLine($"One Train call on an 8-bit sum: {AdderNetworks.Shape(Bits)}.");
        console.WriteLine($"Median of {command.Integer("--rounds")} rounds of {Formatting.Count(command.Integer("--steps"))} steps after at least " +
            $"{command.Integer("--warmup")} ms of warm-up per network; {Environment.ProcessorCount} cores.");

        var timings = new List<Timing>();
        var batchTimings = new List<BatchTiming>();
        ProgressBars.Run(console, progress =>
        {
            ProgressTask bar = progress.AddTask("timing 6 networks, then 4 batch settings", maxValue: 10);
            timings.AddRange(Measure<float>(Precision.Float, timer, bar));
            timings.AddRange(Measure<double>(Precision.Double, timer, bar));
            batchTimings.AddRange(MeasureBatches<float>(Precision.Float, timer, bar, timings));
            batchTimings.AddRange(MeasureBatches<double>(Precision.Double, timer, bar, timings));
        });

        console.Show(Table(timings));
        console.Show(BatchTable(batchTimings));
        console.WriteLine("These are a quick look, not a benchmark: for allocation counts, confidence intervals and more shapes run");
        console.WriteLine("the BenchmarkDotNet suite: dotnet run --project benchmarks/RnnGen.Benchmarks -c Release");
        string csv = context.Files.PathOf(OutputFiles.BenchCsv);
        Csv.Write(csv, CsvHeader, timings.Select(t => (IReadOnlyList<object>)[t.Precision.Name(), t.Code, t.Nanoseconds, SpeedUp(timings, t)]));
        console.WriteLine($"Wrote {csv}");
        string batchCsv = context.Files.PathOf(OutputFiles.BenchBatchCsv);
        Csv.Write(batchCsv, BatchCsvHeader, batchTimings.Select(t => (IReadOnlyList<object>)[t.Precision.Name(), Batch, t.Threads, t.Nanoseconds, 1e9 / t.Nanoseconds, t.SpeedUp]));
        console.WriteLine($"Wrote {batchCsv}");
    }

    /// <summary>TrainBatch on <see cref="Batch"/> sums of the looped adder, on one thread and on all, against its own Train per sum.</summary>
    private static IEnumerable<BatchTiming> MeasureBatches<T>(Precision precision, TrainingStepTimer timer, ProgressTask bar, List<Timing> timings)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var task = new BinaryAddition(Bits);
        double train = timings.Single(t => t.Precision == precision && t.Code == Looped).Nanoseconds;
        var batchTimings = new List<BatchTiming>();
        foreach (int threads in new[] { 1, Environment.ProcessorCount })
        {
            var network = new Adder8Looped<T>(0) { MaxDegreeOfParallelism = threads };
            double nanoseconds = timer.MedianNanosecondsPerSequence(network, task, Batch);
            batchTimings.Add(new BatchTiming(precision, threads, nanoseconds, train / nanoseconds));
            bar.Increment(1);
        }
        return batchTimings;
    }

    private static Table BatchTable(List<BatchTiming> timings)
    {
        var table = Tables.Create($"TrainBatch on {Batch} sums at once (Unroll.None), per sum", "precision", "threads", "ns per sum", "sums per second",
            "speed-up vs Train");
        foreach (BatchTiming timing in timings)
        {
            table.AddRow(timing.Precision.Name(), timing.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
                timing.Nanoseconds.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                (1e9 / timing.Nanoseconds).ToString("N0", System.Globalization.CultureInfo.InvariantCulture), Formatting.Ratio(timing.SpeedUp));
        }
        return table;
    }

    private static IEnumerable<Timing> Measure<T>(Precision precision, TrainingStepTimer timer, ProgressTask bar) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var task = new BinaryAddition(Bits);
        (string Code, IRecurrentNetwork<T> Network)[] candidates =
        [
            (Unrolled, new Adder8Unrolled<T>(0)),
            (Looped, new Adder8Looped<T>(0)),
            (Reference, new ReferenceNetwork<T>(AdderNetworks.Shape(Bits), 0)),
        ];
        var timings = new List<Timing>();
        foreach ((string code, IRecurrentNetwork<T> network) in candidates)
        {
            timings.Add(new Timing(precision, code, timer.MedianNanoseconds(network, task)));
            bar.Increment(1);
        }
        return timings;
    }

    private static Table Table(List<Timing> timings)
    {
        var table = Tables.Create("Time per training step", "precision", "code", "ns per step", "speed-up vs ReferenceNetwork", "speed-up vs Unroll.None");
        foreach (Timing timing in timings)
        {
            double looped = timings.Single(t => t.Precision == timing.Precision && t.Code == Looped).Nanoseconds;
            table.AddRow(timing.Precision.Name(), timing.Code, timing.Nanoseconds.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                Formatting.Ratio(SpeedUp(timings, timing)), Formatting.Ratio(looped / timing.Nanoseconds));
        }
        return table;
    }

    /// <summary>How many times faster than the reference network of the same precision.</summary>
    private static double SpeedUp(List<Timing> timings, Timing timing) =>
        timings.Single(t => t.Precision == timing.Precision && t.Code == Reference).Nanoseconds / timing.Nanoseconds;

    private sealed record Timing(Precision Precision, string Code, double Nanoseconds);

    private sealed record BatchTiming(Precision Precision, int Threads, double Nanoseconds, double SpeedUp);
}
