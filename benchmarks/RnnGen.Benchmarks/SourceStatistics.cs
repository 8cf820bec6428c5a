using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RnnGen.Generators;

namespace RnnGen.Benchmarks;

/// <summary>
/// `-- --source-stats [--timings]`: for each shape of the sweep (the seed adder's 2-16-1 x8 first) in Full, None and Auto,
/// the size of the generated source and the time Roslyn takes to generate and compile it (median of 5 runs of generator +
/// emit, in process, against .NET 10 reference assemblies, after one untimed pass over every network so that Roslyn's
/// own code is jitted before the first measurement). With <c>--timings</c>, each network's first <c>Train</c> and its
/// steady state, measured in fresh processes of benchmarks/RnnGen.Timings (<see cref="TimingsProgram"/>); the options
/// are in <see cref="SourceStatisticsOptions.Usage"/>.
/// </summary>
public static class SourceStatistics
{
    private static readonly string[] unrollModes = { "Full", "None", "Auto" };

    private static readonly MetadataReference[] references = Basic.Reference.Assemblies.Net100.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(ReferenceNetwork<>).Assembly.Location))
        .ToArray();

    /// <param name="arguments">The arguments after <c>--source-stats</c>.</param>
    public static int Run(IReadOnlyList<string> arguments, TextWriter output, TextWriter log)
    {
        (SourceStatisticsOptions? options, string? error) = SourceStatisticsOptions.Parse(arguments, SweepNetworks.HiddenSizes, SweepNetworks.StepCounts);
        if (options is null)
        {
            log.WriteLine($"--source-stats: {error}");
            log.WriteLine(SourceStatisticsOptions.Usage);
            return 2;
        }
        if (options.Help)
        {
            output.WriteLine(SourceStatisticsOptions.Usage);
            return 0;
        }

        var shapes = new List<(int Hidden, int Steps)> { (16, 8) };
        foreach (int hidden in SweepNetworks.HiddenSizes)
            foreach (int steps in SweepNetworks.StepCounts)
                shapes.Add((hidden, steps));
        shapes = (options.Shapes ?? shapes).Distinct().ToList();

        // Built before anything is measured, so that the builds do not run alongside a measurement.
        TimingsProgram? jit = null, aot = null;
        if (options.Timings)
        {
            jit = TimingsProgram.Prepare(nativeAot: false, options.JitTimings, log);
            aot = options.NoAot ? TimingsProgram.Missing("left out (--no-aot)") : TimingsProgram.Prepare(nativeAot: true, options.AotTimings, log);
        }

        foreach ((int hidden, int steps) in shapes)
            foreach (string unroll in unrollModes)
                Compile(Declaration(hidden, steps, unroll));

        var rows = new List<SourceStatisticsRow>();
        foreach ((int hidden, int steps) in shapes)
        {
            foreach (string unroll in unrollModes)
            {
                (string generated, double milliseconds) = Measure(Declaration(hidden, steps, unroll));
                var row = new SourceStatisticsRow(hidden, steps, unroll, SourceStatisticsTable.GeneratedLayout(generated), generated.Length, generated.Count(c => c == '\n'), milliseconds);
                if (jit is not null && aot is not null)
                {
                    string network = $"{hidden}:{steps}:{unroll}";
                    log.WriteLine($"source-stats: timing {network}");
                    row = row with
                    {
                        FirstCall = jit.Measure("first-call", network, options.FirstCalls),
                        SteadyJit = jit.Measure("steady", network, options.SteadyRuns),
                        SteadyAot = aot.Measure("steady", network, options.SteadyRuns),
                    };
                }
                rows.Add(row);
            }
        }

        if (options.Timings)
        {
            output.WriteLine($"First Train: {(options.FirstCalls == 1 ? "one fresh process" : $"median (range) of {options.FirstCalls} fresh processes")} under the JIT, float. Steady Train: best of 15 windows " +
                $"after warm-up in {(options.SteadyRuns == 1 ? "one process" : $"{options.SteadyRuns} processes (median and range)")}, float, under the JIT " +
                "and under Native AOT with the default instruction set (benchmarks/RnnGen.Timings).");
            output.WriteLine();
        }
        SourceStatisticsTable.Write(output, rows, options.Timings);
        return 0;
    }

    private static string Declaration(int hidden, int steps, string unroll) =>
        "using System.Numerics; using RnnGen;\n" +
        $"[RecurrentNetwork(inputs: 2, hidden: {hidden}, outputs: 1, steps: {steps}, Unroll = Unroll.{unroll})]\n" +
        "public partial class Network<T> where T : unmanaged, IFloatingPointIeee754<T>;\n";

    private static (string Source, double Milliseconds) Measure(string source)
    {
        var times = new List<double>();
        string generated = "";
        for (int run = 0; run < 5; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            generated = Compile(source);
            stopwatch.Stop();
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (generated, times[times.Count / 2]);
    }

    /// <summary>Runs the generator on <paramref name="source"/>, compiles the result to IL and returns the generated source.</summary>
    private static string Compile(string source)
    {
        var compilation = CSharpCompilation.Create("Network", new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
            references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new RecurrentNetworkGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        using var image = new MemoryStream();
        var result = output.Emit(image);
        if (!result.Success)
            throw new InvalidOperationException(string.Join("\n", result.Diagnostics));
        return driver.GetRunResult().GeneratedTrees.Single().ToString();
    }
}
