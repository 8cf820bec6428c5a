using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading.Tasks;
using CsCheck;
using Microsoft.CodeAnalysis;
using RnnGen.Tests.Generator.Fuzzing;
using RnnGen.Tests.Numerics;
using Xunit;
using Xunit.Abstractions;

namespace RnnGen.Tests.Generator;

/// <summary>
/// Property-based fuzzing of the generator (issue 18): random declarations (<see cref="FuzzDeclarations"/>), many to a
/// compilation, run through the generator. It never throws and never reports RNNG015; every declaration gets exactly the
/// diagnostics the catalogue says (<see cref="FuzzDeclaration.ExpectedIds"/>); a sample of batches is compiled, where
/// every accepted declaration compiles with no error or warning and nothing is ever wrong inside generated code; and the
/// small accepted networks of those batches match <see cref="ReferenceNetwork{T}"/> in double.
/// </summary>
/// <remarks>
/// The cases are fixed: each comes from its own seed, derived from <see cref="Seed"/>. A failing case is handed back to
/// CsCheck, which shrinks it to a smaller failing batch and prints its source and seed.
/// </remarks>
public class GeneratorFuzzTests(ITestOutputHelper output)
{
    private const ulong Seed = 19_18_2026;

    /// <summary>What the cases covered, for the test output: declarations by outcome and diagnostic.</summary>
    private readonly ConcurrentDictionary<string, int> tally = new();

    private void Count(string what, int amount = 1) => tally.AddOrUpdate(what, amount, (_, count) => count + amount);

    private void ReportTally() =>
        output.WriteLine(string.Join(", ", tally.OrderBy(entry => entry.Key, StringComparer.Ordinal).Select(entry => $"{entry.Key}: {entry.Value}")));

    [Fact]
    public void Every_declaration_gets_exactly_the_catalogues_diagnostics()
    {
        Fuzz(FuzzDeclarations.Batch(size: 40, tamePercent: 30, small: true), CheckDiagnostics, cases: 120, stream: 1);
        ReportTally();
    }

    [Fact]
    public void Accepted_declarations_compile_and_small_ones_match_the_reference()
    {
        Fuzz(FuzzDeclarations.Batch(size: 12, tamePercent: 75, small: true), CheckCompilation, cases: 12, stream: 2);
        ReportTally();
    }

    /// <summary>Larger accepted shapes (sizes up to 40, up to 160 steps, unrolled where the policy allows) compile cleanly too.</summary>
    [Fact]
    public void Larger_accepted_declarations_compile()
    {
        Fuzz(FuzzDeclarations.Batch(size: 6, tamePercent: 90), CheckCompilation, cases: 4, stream: 3);
        ReportTally();
    }

    /// <summary>Runs <paramref name="cases"/> fixed cases in parallel; the first failure is shrunk by CsCheck and reported.</summary>
    private static void Fuzz(Gen<FuzzDeclaration[]> batches, Action<FuzzDeclaration[]> property, int cases, uint stream)
    {
        // A seed a failure printed reruns exactly that batch (run the one test that printed it).
        if (Environment.GetEnvironmentVariable("CsCheck_Seed") is { Length: > 0 } rerun)
        {
            Check.Sample(batches, property, seed: rerun, iter: 1, threads: 1, print: Print);
            return;
        }
        var failures = new ConcurrentBag<(int Case, string Seed, Exception Error)>();
        Parallel.For(0, cases, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, index =>
        {
            string seed = new PCG(stream, Seed + (ulong)index).ToString();
            try
            {
                Check.Sample(batches, property, seed: seed, iter: 1, threads: 1, print: Print);
            }
            catch (Exception error)
            {
                failures.Add((index, seed, error));
            }
        });
        if (failures.IsEmpty)
            return;
        (_, string first, Exception original) = failures.OrderBy(failure => failure.Case).First();
        try
        {
            // Starting from the failing seed, CsCheck looks for smaller failing batches for a while and throws with the
            // smallest it found, printed with its seed.
            Check.Sample(batches, property, seed: first, iter: 1000, time: 60, threads: 1, print: Print);
        }
        catch (Exception shrunk)
        {
            throw new Xunit.Sdk.XunitException($"{failures.Count} of {cases} fuzz cases failed. The smallest failing batch CsCheck found:\n{Describe(shrunk)}");
        }
        throw new Xunit.Sdk.XunitException($"{failures.Count} of {cases} fuzz cases failed:\n{Describe(original)}");
    }

    /// <summary>CsCheck's message (the seed and the printed batch) and what the property found wrong.</summary>
    private static string Describe(Exception error) =>
        error.InnerException is { } cause ? $"{error.Message}\n{cause.Message}" : error.Message;

    private static string Print(FuzzDeclaration[] batch) =>
        "\n" + string.Join("\n", batch.Select((declaration, index) => $"// {declaration}\n{declaration.Source(index)}"));

    private static GeneratorRun Generate(FuzzDeclaration[] batch) =>
        GeneratorHarness.Run(batch.Select((declaration, index) => GeneratorHarness.Usings + declaration.Source(index)).ToArray());

    private static string FileOf(int index) => index == 0 ? "Networks.cs" : $"Networks{index + 1}.cs";

    private void CheckDiagnostics(FuzzDeclaration[] batch) => CheckDiagnostics(batch, Generate(batch));

    /// <summary>The generator's diagnostics and sources, declaration by declaration, against the catalogue.</summary>
    private void CheckDiagnostics(FuzzDeclaration[] batch, GeneratorRun run)
    {
        Assert.DoesNotContain(run.GeneratorDiagnostics, diagnostic => diagnostic.Id == "RNNG015");
        Assert.All(run.GeneratorDiagnostics, diagnostic => Assert.True(diagnostic.Location.Kind != LocationKind.None, $"{diagnostic} has no location"));
        var problems = new List<string>();
        for (int i = 0; i < batch.Length; i++)
        {
            FuzzDeclaration declaration = batch[i];
            string[] actual = run.GeneratorDiagnostics.Where(diagnostic => diagnostic.Location.GetLineSpan().Path == FileOf(i))
                .Select(diagnostic => diagnostic.Id).OrderBy(id => id, StringComparer.Ordinal).ToArray();
            bool[] outcomes = declaration.TooLarge is bool certain ? new[] { certain } : new[] { false, true };
            bool? tooLarge = outcomes.Select(outcome => (bool?)outcome)
                .FirstOrDefault(outcome => declaration.ExpectedIds(outcome!.Value).OrderBy(id => id, StringComparer.Ordinal).SequenceEqual(actual));
            if (tooLarge is null)
            {
                problems.Add($"declaration {i}: expected [{string.Join(", ", declaration.ExpectedIds(outcomes[0]).OrderBy(id => id, StringComparer.Ordinal))}], "
                    + $"got [{string.Join(", ", actual)}]:\n{declaration.Source(i)}");
                continue;
            }
            int generated = run.Sources.Count(source => source.HintName.StartsWith($"Fuzz{i}.", StringComparison.Ordinal));
            int expected = declaration.Accepted(tooLarge.Value) ? 1 : 0;
            Count(declaration.OnlyCompilerError ? "on a struct" : expected == 1 ? "accepted" : "rejected");
            foreach (string id in actual.Distinct())
                Count(id);
            if (generated != expected)
                problems.Add($"declaration {i}: {generated} sources generated, expected {expected}:\n{declaration.Source(i)}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// Everything compiled: no error or warning inside generated code or in an accepted declaration's file, CS0592
    /// alone where the attribute is on a struct. The accepted declarations and the generated code are compiled once,
    /// into an assembly (the rejected ones apart: a rejected declaration may leave the user's own code with errors),
    /// and the small networks in it are run against the reference.
    /// </summary>
    private void CheckCompilation(FuzzDeclaration[] batch)
    {
        GeneratorRun run = Generate(batch);
        CheckDiagnostics(batch, run);
        int[] accepted = Enumerable.Range(0, batch.Length)
            .Where(i => run.Sources.Any(source => source.HintName.StartsWith($"Fuzz{i}.", StringComparison.Ordinal))).ToArray();
        bool IsAcceptedOrGenerated(SyntaxTree tree) =>
            tree.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) || accepted.Any(i => tree.FilePath == FileOf(i));

        Compilation rest = run.Output.RemoveSyntaxTrees(run.Output.SyntaxTrees.Where(IsAcceptedOrGenerated));
        for (int i = 0; i < batch.Length; i++)
        {
            if (!batch[i].OnlyCompilerError)
                continue;
            string[] ids = rest.GetDiagnostics()
                .Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning && diagnostic.Location.SourceTree?.FilePath == FileOf(i))
                .Select(diagnostic => diagnostic.Id).ToArray();
            Assert.True(ids.SequenceEqual(new[] { "CS0592" }), $"declaration {i}: expected only CS0592, got {string.Join(", ", ids)}:\n{batch[i].Source(i)}");
        }

        Compilation compilation = run.Output.RemoveSyntaxTrees(run.Output.SyntaxTrees.Where(tree => !IsAcceptedOrGenerated(tree)));
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = compilation.Emit(image);
        Diagnostic[] problems = emitted.Diagnostics.Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, "Accepted declarations must compile cleanly, and generated code always:\n" + string.Join("\n", problems.Take(10).Select(problem =>
            accepted.FirstOrDefault(i => problem.Location.SourceTree?.FilePath == FileOf(i) || problem.Location.SourceTree?.FilePath.Contains($"/Fuzz{i}.") == true, -1) is int at and >= 0
                ? $"{problem}\n{batch[at].Source(at)}" : problem.ToString())));
        Count("compiled accepted", accepted.Length);
        image.Position = 0;
        CompareWithReference(batch, image, accepted.Where(i => batch[i].Settings is { Inputs: <= 6, Hidden: <= 6, Outputs: <= 6, Steps: <= 6 }));
    }

    /// <summary>The accepted networks with every size at most 6 against the reference, in double: outputs, loss and gradients.</summary>
    private void CompareWithReference(FuzzDeclaration[] batch, Stream image, IEnumerable<int> small)
    {
        var context = new AssemblyLoadContext("Fuzz", isCollectible: true);
        try
        {
            Assembly assembly = context.LoadFromStream(image);
            foreach (int i in small)
            {
                FuzzDeclaration declaration = batch[i];
                Type definition = assembly.GetType(declaration.MetadataName(i), throwOnError: true)!;
                Type[] arguments = Enumerable.Repeat(typeof(int), declaration.ContainerTypeParameterCount).Append(typeof(double)).ToArray();
                var network = (IRecurrentNetwork<double>)Activator.CreateInstance(definition.MakeGenericType(arguments))!;
                CompareOnePass(network, $"declaration {i}:\n{declaration.Source(i)}");
                Count("matched the reference");
            }
        }
        finally
        {
            context.Unload();
        }
    }

    private static void CompareOnePass(IRecurrentNetwork<double> network, string what)
    {
        var random = new Random(5);
        NetworkShape shape = network.Shape;
        for (int p = 0; p < shape.ParameterCount; p++)
            network.Parameters[p] = (2 * random.NextDouble()) - 1;
        var reference = new ReferenceNetwork<double>(shape);
        network.Parameters.CopyTo(reference.Parameters);
        double[] inputs = TestData.Inputs(shape, random), targets = TestData.Targets(shape, random);
        double[] outputs = new double[shape.Steps * shape.Outputs], expectedOutputs = new double[outputs.Length];
        network.Forward(inputs, outputs);
        reference.Forward(inputs, expectedOutputs);
        TestData.AssertClose(expectedOutputs, outputs, ReferenceAgreementTests.DoubleTolerance, $"outputs of {what}");
        network.ZeroGradients();
        reference.ZeroGradients();
        double loss = network.Backward(targets), expectedLoss = reference.Backward(targets);
        TestData.AssertClose(expectedLoss, loss, ReferenceAgreementTests.DoubleTolerance, $"loss of {what}");
        TestData.AssertClose(reference.Gradients.ToArray(), network.Gradients.ToArray(), ReferenceAgreementTests.DoubleTolerance, $"gradients of {what}");
    }
}
