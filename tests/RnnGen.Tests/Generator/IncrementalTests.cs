using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RnnGen.Generators;
using Xunit;

namespace RnnGen.Tests.Generator;

/// <summary>
/// The generator is incremental and deterministic: the same input gives byte-identical output, an unrelated edit
/// re-runs nothing, and no pipeline step holds a compilation, symbol or syntax node.
/// </summary>
public class IncrementalTests
{
    private const string Source = GeneratorHarness.Usings + """
        namespace Demo;

        [RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8)]
        public partial class BinaryAdder<T> where T : unmanaged, IFloatingPointIeee754<T>;

        [RecurrentNetwork(inputs: 3, hidden: 40, outputs: 5, steps: 100, Bias = true)]
        public partial class Long<T> where T : unmanaged, IFloatingPointIeee754<T>;

        [RecurrentNetwork(inputs: 2, hidden: 0, outputs: 1, steps: 8)]
        public partial class Broken<T> where T : unmanaged, IFloatingPointIeee754<T>;
        """;

    [Fact]
    public void Same_input_gives_byte_identical_output()
    {
        GeneratorRun first = GeneratorHarness.Run(Source);
        GeneratorRun second = GeneratorHarness.Run(Source);
        Assert.Equal(2, first.Sources.Length);
        // ImmutableArray compares by reference; compare the contents.
        Assert.Equal(first.Sources.ToArray(), second.Sources.ToArray());
        Assert.Equal(first.GeneratorDiagnostics.Select(d => d.ToString()), second.GeneratorDiagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Unrelated_edit_reuses_every_cached_step()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();

        CSharpCompilation edited = compilation.Clone().AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace Demo; public static class Unrelated { public const int Answer = 42; }", GeneratorHarness.ParseOptions, path: "Unrelated.cs"));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Equal(first.GeneratedSources.Select(s => s.SourceText.ToString()), second.GeneratedSources.Select(s => s.SourceText.ToString()));
        IncrementalGeneratorRunStep[] networkSteps = second.TrackedSteps[TrackingNames.Networks].ToArray();
        Assert.NotEmpty(networkSteps);
        Assert.All(networkSteps.SelectMany(step => step.Outputs), output =>
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step output was {output.Reason}"));
        Assert.All(second.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs), output =>
            Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Editing_one_network_re_emits_only_that_network()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SyntaxTree edited = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(tree.ToString().Replace("hidden: 40", "hidden: 41")));
        GeneratorRunResult result = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, edited)).GetRunResult().Results.Single();

        IncrementalStepRunReason[] reasons = result.TrackedSteps[TrackingNames.Networks].SelectMany(step => step.Outputs).Select(output => output.Reason).ToArray();
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
        Assert.Contains(IncrementalStepRunReason.Unchanged, reasons);
    }

    [Fact]
    public void No_step_holds_a_compilation_symbol_or_syntax_node()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Source);
        GeneratorRunResult result = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation).GetRunResult().Results.Single();
        foreach (IncrementalGeneratorRunStep step in result.TrackedSteps[TrackingNames.Networks])
        {
            foreach ((object value, _) in step.Outputs)
                AssertHoldsNoRoslynObjects(value, new HashSet<object>(ReferenceEqualityComparer.Instance), $"{step.Name}");
        }
    }

    private static void AssertHoldsNoRoslynObjects(object? value, HashSet<object> seen, string path)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
            return;
        Assert.False(value is Compilation or ISymbol or SyntaxNode or SyntaxTree or SemanticModel or Location,
            $"{path} holds a {value.GetType().Name}");
        if (value is IEnumerable items)
        {
            int index = 0;
            foreach (object? item in items)
                AssertHoldsNoRoslynObjects(item, seen, $"{path}[{index++}]");
        }
        foreach (FieldInfo field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            AssertHoldsNoRoslynObjects(field.GetValue(value), seen, $"{path}.{field.Name}");
    }
}
