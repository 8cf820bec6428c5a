using System;
using System.Linq;
using System.Reflection;
using RnnGen.CodeFixes;
using Xunit;
using static RnnGen.Tests.Generator.BuildSafety;

namespace RnnGen.Tests.Generator;

/// <summary>
/// The code fixes of issue 18, each applied through <see cref="CodeFixHarness"/>: the fixed file is exactly what a
/// person would write, and it then builds with no diagnostic at all.
/// </summary>
public class CodeFixTests
{
    private const string Floating = "where T : IFloatingPointIeee754<T>";

    private static void AssertFixed(string[] expected, string[] actual)
    {
        Assert.Equal(expected, actual);
        AssertCompilesCleanly(actual);
    }

    /// <summary>
    /// The compiler loads the generator without the IDE's Workspaces layer, and drops an analyzer built against a newer
    /// Roslyn than its own (CS9057): the generator references neither, and the code fixes reference the same 4.14.
    /// </summary>
    [Fact]
    public void The_generator_loads_without_the_code_fixes_and_both_target_Roslyn_4_14()
    {
        AssemblyName[] generator = typeof(Generators.RecurrentNetworkGenerator).Assembly.GetReferencedAssemblies();
        Assert.DoesNotContain(generator, reference => reference.Name!.Contains("Workspaces", StringComparison.Ordinal) || reference.Name == "RnnGen.CodeFixes");
        foreach (AssemblyName[] references in new[] { generator, typeof(AddPartialCodeFixProvider).Assembly.GetReferencedAssemblies() })
        {
            AssemblyName[] roslyn = references.Where(reference => reference.Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)).ToArray();
            Assert.NotEmpty(roslyn);
            Assert.All(roslyn, reference => Assert.Equal(new Version(4, 14, 0, 0), reference.Version));
        }
    }

    [Theory]
    [InlineData("public sealed class", "public sealed partial class")]
    [InlineData("class", "partial class")]
    [InlineData("internal class", "internal partial class")]
    public void RNNG001_adds_partial_to_the_class(string before, string after)
    {
        string source = $"namespace Demo;\n\n// The adder.\n[RecurrentNetwork(2, 4, 1, 3)]\n{before} Net<T> {Floating};\n";
        AssertFixed(new[] { source.Replace(before + " Net", after + " Net") },
            CodeFixHarness.Apply(new AddPartialCodeFixProvider(), "RNNG001", "Make 'Net' partial", source));
    }

    [Fact]
    public void RNNG001_adds_partial_to_every_part_of_the_class()
    {
        string first = $"namespace Demo;\n[RecurrentNetwork(2, 4, 1, 3)]\npublic class Net<T> {Floating};\n";
        string second = "namespace Demo;\npublic partial class Net<T> { public int Extra => 1; }\n";
        AssertFixed(new[] { first.Replace("public class", "public partial class"), second },
            CodeFixHarness.Apply(new AddPartialCodeFixProvider(), "RNNG001", "Make 'Net' partial", first, second));
    }

    [Theory]
    [InlineData("public static class", "public static partial class")]
    [InlineData("public record struct", "public partial record struct")]
    [InlineData("interface", "partial interface")]
    public void RNNG006_adds_partial_to_the_containing_type(string before, string after)
    {
        string source = $"namespace Demo;\n{before} Models\n{{\n    [RecurrentNetwork(2, 4, 1, 3)]\n    public partial class Net<T> {Floating};\n}}\n";
        AssertFixed(new[] { source.Replace(before + " Models", after + " Models") },
            CodeFixHarness.Apply(new AddPartialCodeFixProvider(), "RNNG006", "Make 'Models' partial", source));
    }

    [Theory]
    [InlineData("Unroll.Full", "Unroll.None")]
    [InlineData("global::RnnGen.Unroll.Full", "global::RnnGen.Unroll.None")]
    [InlineData("(Unroll)1", "Unroll.None")]
    public void RNNG008_sets_Unroll_None(string before, string after)
    {
        string source = $"[RecurrentNetwork(2, 50, 1, 3, Unroll = {before}, Bias = true)]\npublic partial class Wide<T> {Floating};\n";
        AssertFixed(new[] { source.Replace(before, after) },
            CodeFixHarness.Apply(new SetUnrollNoneCodeFixProvider(), "RNNG008", "Set Unroll = Unroll.None (looped code)", source));
    }

    [Fact]
    public void RNNG004_offers_softmax_only_with_two_or_more_outputs()
    {
        var provider = new CrossEntropyOutputCodeFixProvider();
        string Declaration(string outputs) =>
            $"[RecurrentNetwork(2, 4, {outputs}, 3, OutputActivation = Activation.Tanh, Loss = LossKind.CrossEntropy)]\npublic partial class Net<T> {Floating};\n";
        Assert.Equal(new[] { "Use OutputActivation = Activation.Sigmoid", "Use Loss = LossKind.SquaredError" },
            CodeFixHarness.Titles(provider, "RNNG004", Declaration("1")));
        Assert.Equal(new[] { "Use OutputActivation = Activation.Sigmoid", "Use OutputActivation = Activation.Softmax", "Use Loss = LossKind.SquaredError" },
            CodeFixHarness.Titles(provider, "RNNG004", Declaration("3")));
        Assert.Equal(3, CodeFixHarness.Titles(provider, "RNNG004", Declaration("outputs: 3").Replace("2, 4, ", "inputs: 2, hidden: 4, ")).Length);
    }

    [Theory]
    [InlineData("Use OutputActivation = Activation.Sigmoid", "OutputActivation = Activation.Identity", "OutputActivation = Activation.Sigmoid")]
    [InlineData("Use OutputActivation = Activation.Softmax", "OutputActivation = Activation.Identity", "OutputActivation = Activation.Softmax")]
    [InlineData("Use Loss = LossKind.SquaredError", "Loss = LossKind.CrossEntropy", "Loss = LossKind.SquaredError")]
    public void RNNG004_picks_a_valid_output_or_loss(string title, string before, string after)
    {
        string source = "[RecurrentNetwork(2, 4, 3, 3, OutputActivation = Activation.Identity, Loss = LossKind.CrossEntropy)]\n"
            + $"public partial class Net<T> {Floating};\n";
        AssertFixed(new[] { source.Replace(before, after) },
            CodeFixHarness.Apply(new CrossEntropyOutputCodeFixProvider(), "RNNG004", title, source));
    }
}
