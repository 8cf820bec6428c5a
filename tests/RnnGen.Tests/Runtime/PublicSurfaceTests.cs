using System;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using Xunit;

namespace RnnGen.Tests.Runtime;

/// <summary>
/// What IntelliSense shows a user of the library: the contract and the tools around it. The plumbing generated code
/// calls (operators, kernels, chunks, throw helpers, …) must stay public for that code to compile, but is marked
/// <c>[EditorBrowsable(Never)]</c> so that it does not crowd the root namespace.
/// </summary>
public class PublicSurfaceTests
{
    /// <summary>The types users are meant to see. A new public type goes here, or gets [EditorBrowsable(EditorBrowsableState.Never)].</summary>
    private static readonly string[] UserFacing =
    {
        "RecurrentNetworkAttribute", "CellKind", "Activation", "LossKind", "LossReduction", "Unroll",
        "NetworkShape", "ParameterBlock", "ParameterLayout", "LayerParameterBlocks",
        "IRecurrentNetwork`1", "ITokenNetwork`1", "ReferenceNetwork`1", "GradientCheck", "GradientCheckResult",
        "NetworkFile", "NetworkFileHeader", "SafeTensors", "PyTorchNames", "OnnxExport",
        "IBatchNetwork`1", "IOptimizer`1", "SgdOptimizer`1", "AdagradOptimizer`1", "AdamOptimizer`1", "OptimizerKind", "GradientClipping",
        "ParameterBlocks", "Initializers", "LearningRateSchedule", "TokenSampler",
    };

    [Fact]
    public void Plumbing_is_hidden_from_IntelliSense()
    {
        Type[] visible = typeof(IRecurrentNetwork<>).Assembly.GetExportedTypes()
            .Where(type => type.DeclaringType is null)
            .Where(type => type.GetCustomAttribute<EditorBrowsableAttribute>()?.State != EditorBrowsableState.Never)
            .ToArray();
        string[] unexpected = visible.Select(type => type.Name).Except(UserFacing).OrderBy(name => name, StringComparer.Ordinal).ToArray();
        Assert.True(unexpected.Length == 0,
            $"Public types shown to users that are not part of the contract: {string.Join(", ", unexpected)}. Mark plumbing "
            + "[EditorBrowsable(EditorBrowsableState.Never)] (or make it internal), or add a user-facing type to UserFacing.");
        Assert.All(visible, type => Assert.Equal("RnnGen", type.Namespace));
    }

    [Theory]
    [InlineData(typeof(SigmoidOperator<>))]
    [InlineData(typeof(TanhOperator<>))]
    [InlineData(typeof(IActivationOperator<>))]
    [InlineData(typeof(OutputLayer))]
    [InlineData(typeof(Kernels))]
    [InlineData(typeof(ThrowHelper))]
    [InlineData(typeof(AlignedArray<>))]
    public void The_plumbing_a_first_user_saw_is_hidden(Type type) =>
        Assert.Equal(EditorBrowsableState.Never, type.GetCustomAttribute<EditorBrowsableAttribute>()?.State);

    [Fact]
    public void Network_rules_are_internal() =>
        Assert.False(typeof(IRecurrentNetwork<>).Assembly.GetType("RnnGen.NetworkRules", throwOnError: true)!.IsPublic);

    [Fact]
    public void The_format_version_is_documented_as_a_version()
    {
        // Its summary once described the eight-byte magic instead of the constant itself.
        string documentation = Path.ChangeExtension(typeof(NetworkFile).Assembly.Location, ".xml");
        string summary = XDocument.Load(documentation).Descendants("member")
            .Single(member => (string?)member.Attribute("name") == "F:RnnGen.NetworkFile.FormatVersion")
            .Element("summary")!.Value;
        Assert.Contains("version", summary, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("eight bytes", summary, StringComparison.OrdinalIgnoreCase);
    }
}
