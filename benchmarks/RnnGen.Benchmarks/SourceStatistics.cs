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
/// `-- --source-stats`: for each shape of the sweep (and the seed task) in Full and None, the size of the generated
/// source and the time Roslyn takes to generate and compile it (median of 5 runs of generator + emit, in-process,
/// against .NET 10 reference assemblies, after one untimed pass over every shape so that Roslyn's own code is jitted
/// before the first measurement).
/// </summary>
public static class SourceStatistics
{
    private static readonly MetadataReference[] references = Basic.Reference.Assemblies.Net100.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(ReferenceNetwork<>).Assembly.Location))
        .ToArray();

    public static int Run(TextWriter output)
    {
        var shapes = new List<(int Hidden, int Steps)> { (16, 8) };
        foreach (int hidden in SweepNetworks.HiddenSizes)
            foreach (int steps in SweepNetworks.StepCounts)
                shapes.Add((hidden, steps));

        foreach ((int hidden, int steps) in shapes.Distinct())
            foreach (string unroll in new[] { "Full", "None" })
                Compile(Declaration(hidden, steps, unroll));

        output.WriteLine("| shape | unroll | generated | bytes | lines | generate + compile (ms) |");
        output.WriteLine("|---|---|---|---:|---:|---:|");
        foreach ((int hidden, int steps) in shapes.Distinct())
        {
            foreach (string unroll in new[] { "Full", "None" })
            {
                (string generated, double milliseconds) = Measure(Declaration(hidden, steps, unroll));
                string layout = generated.Contains("Unroll.Full", StringComparison.Ordinal) ? "Full" : "None";
                output.WriteLine($"| 2-{hidden}-1 x{steps} | {unroll} | {layout} | {generated.Length:N0} | {generated.Count(c => c == '\n'):N0} | {milliseconds:F0} |");
            }
        }
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
