using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using Spectre.Console;

namespace RnnGen.Demo.Commands;

/// <summary>
/// A quick in-process timing of one training step of the 8-bit adder: unrolled and looped generated code against
/// <see cref="ReferenceNetwork{T}"/>, in float and double. For the full picture use BenchmarkDotNet (benchmarks/RnnGen.Benchmarks).
/// </summary>
internal sealed class BenchCommand : IDemoCommand
{
    private const int Bits = 8;
    private const string Unrolled = "Unroll.Full", Looped = "Unroll.None", Reference = "ReferenceNetwork";

    private static readonly string[] CsvHeader = ["precision", "code", "median_ns_per_step", "speedup_vs_reference"];

    public CommandSpec Spec { get; } = new("bench", "quick timing of one training step: Unroll.Full, Unroll.None and ReferenceNetwork",
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
        ProgressBars.Run(console, progress =>
        {
            ProgressTask bar = progress.AddTask("timing 6 networks", maxValue: 6);
            timings.AddRange(Measure<float>(Precision.Float, timer, bar));
            timings.AddRange(Measure<double>(Precision.Double, timer, bar));
        });

        console.Show(Table(timings));
        console.WriteLine("These are a quick look, not a benchmark: for allocation counts, confidence intervals and more shapes run");
        console.WriteLine("the BenchmarkDotNet suite: dotnet run --project benchmarks/RnnGen.Benchmarks -c Release");
        string csv = context.Files.PathOf(OutputFiles.BenchCsv);
        Csv.Write(csv, CsvHeader, timings.Select(t => (IReadOnlyList<object>)[t.Precision.Name(), t.Code, t.Nanoseconds, SpeedUp(timings, t)]));
        console.WriteLine($"Wrote {csv}");
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
}
