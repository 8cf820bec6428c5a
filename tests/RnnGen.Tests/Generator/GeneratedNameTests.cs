using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace RnnGen.Tests.Generator;

/// <summary>
/// Every identifier the generated code declares (members, nested types, locals, parameters, type parameters), read from
/// the generated code itself so that names added later are covered too, gives way to a user's name: the containing
/// type's type parameters are named like all of them at once, and the class declares a member named like every private
/// member, so every generated declaration must be renamed, with every reference to it, and the code must still compile.
/// The user's element type and class name go through the same renaming (see <see cref="BuildSafetyTests"/>); the public
/// members cannot be renamed, so those names are RNNG017 for a class and RNNG018 for an element type.
/// </summary>
public class GeneratedNameTests
{
    /// <summary>Declarations that together reach every emitter path: looped and unrolled, each cell, one and several outputs, bias, softmax, written-out and looped products.</summary>
    private static readonly string[] scenarios =
    {
        "[RecurrentNetwork(1, 1, 2, 2, Unroll = Unroll.None, Bias = true, OutputActivation = Activation.Softmax)]",
        "[RecurrentNetwork(1, 1, 2, 2, Cell = CellKind.Lstm, Unroll = Unroll.None)]",
        "[RecurrentNetwork(1, 1, 2, 2, Cell = CellKind.Gru, Unroll = Unroll.None, Bias = true)]",
        "[RecurrentNetwork(1, 1, 1, 2, Unroll = Unroll.Full)]",
        "[RecurrentNetwork(17, 1, 1, 2, Unroll = Unroll.Full, Bias = true)]",
        "[RecurrentNetwork(1, 1, 2, 2, Unroll = Unroll.Full, Bias = true, OutputActivation = Activation.Softmax, Loss = LossKind.CrossEntropy)]",
        "[RecurrentNetwork(1, 1, 2, 17, Unroll = Unroll.Full, HiddenActivation = Activation.Tanh)]",
        "[RecurrentNetwork(1, 2, 1, 2, Cell = CellKind.Lstm, Unroll = Unroll.Full, Bias = true)]",
        "[RecurrentNetwork(1, 2, 1, 2, Cell = CellKind.Gru, Unroll = Unroll.Full, Bias = true)]",
    };

    [Fact]
    public void Every_generated_name_gives_way_to_the_users_names_in_scope()
    {
        var files = new List<string>();
        var everyName = new List<HashSet<string>>();
        foreach (string scenario in scenarios)
        {
            GeneratedNames names = GeneratedNames.Of(scenario);
            everyName.Add(names.All);
            string typeParameters = string.Join(", ", names.All.OrderBy(name => name, System.StringComparer.Ordinal));
            string members = string.Concat(names.MemberLevel.Select(name => $"public static int {name}() => 0; "));
            files.Add($"namespace Case{files.Count} {{ public partial class Outer<{typeParameters}> {{ {scenario}\n"
                + $"public partial class Net<TElement> where TElement : IFloatingPointIeee754<TElement> {{ {members} }} }} }}\n");
        }

        GeneratorRun run = BuildSafety.AssertCompilesCleanly(string.Concat(files));

        // Not a test that cannot fail: every generated declaration was in fact renamed.
        for (int i = 0; i < scenarios.Length; i++)
        {
            string source = run.Sources.Single(generated => generated.HintName.StartsWith($"Case{i}.", System.StringComparison.Ordinal)).Source;
            GeneratedNames renamed = GeneratedNames.Read(source);
            Assert.Empty(renamed.All.Intersect(everyName[i]).Except(renamed.Overrides));
            Assert.Contains("ref TElement p_", source);
        }
    }

    [Fact]
    public void A_public_member_name_is_RNNG017_for_the_class_and_RNNG018_for_the_element_type()
    {
        GeneratedNames names = GeneratedNames.Of(scenarios[0]);
        Assert.Contains("Forward", names.Public);
        Assert.Contains("StateSize", names.Public);
        foreach (string name in names.Public)
        {
            BuildSafety.AssertReported($"{scenarios[0]} public partial class {name}<T> where T : IFloatingPointIeee754<T>;", "RNNG017");
            BuildSafety.AssertReported($"{scenarios[0]} public partial class Net<{name}> where {name} : IFloatingPointIeee754<{name}>;", "RNNG018");
        }
    }

    /// <summary>The names a generated network class declares, by where.</summary>
    private sealed class GeneratedNames
    {
        /// <summary>Every name but the public members' and the class's own.</summary>
        public readonly HashSet<string> All = new();

        /// <summary>The private members of the class itself.</summary>
        public readonly HashSet<string> MemberLevel = new();

        /// <summary>The public members: the contract.</summary>
        public readonly HashSet<string> Public = new();

        /// <summary>Overrides (of the library's BatchRunner) in nested classes: their base fixes the names, which compile beside any user name.</summary>
        public readonly HashSet<string> Overrides = new();

        public static GeneratedNames Of(string scenario)
        {
            GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.Usings + scenario + " public partial class Net<T> where T : IFloatingPointIeee754<T>;");
            GeneratedNames names = Read(run.Sources.Single().Source);
            Assert.Contains("p", names.All);
            Assert.Contains("Computation", names.MemberLevel);
            Assert.True(names.All.Count > 30, $"only {names.All.Count} generated names found");
            return names;
        }

        public static GeneratedNames Read(string source)
        {
            var names = new GeneratedNames();
            ClassDeclarationSyntax network = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().First();
            foreach (MemberDeclarationSyntax member in network.Members)
                (member.Modifiers.Any(SyntaxKind.PublicKeyword) ? names.Public : names.MemberLevel).UnionWith(DeclaredIdentifiers(member));
            foreach (SyntaxNode node in network.DescendantNodes())
            {
                if (!(node is TypeParameterSyntax { Parent.Parent: ClassDeclarationSyntax owner } && owner == network))
                    names.All.UnionWith(DeclaredIdentifiers(node));
                if (node is MethodDeclarationSyntax or PropertyDeclarationSyntax && ((MemberDeclarationSyntax)node).Modifiers.Any(SyntaxKind.OverrideKeyword))
                    names.Overrides.UnionWith(DeclaredIdentifiers(node));
            }
            names.All.ExceptWith(names.Public);
            names.MemberLevel.ExceptWith(names.Public);
            return names;
        }

        private static IEnumerable<string> DeclaredIdentifiers(SyntaxNode node)
        {
            SyntaxToken identifier = node switch
            {
                BaseTypeDeclarationSyntax type => type.Identifier,
                MethodDeclarationSyntax method => method.Identifier,
                PropertyDeclarationSyntax property => property.Identifier,
                VariableDeclaratorSyntax variable => variable.Identifier,
                ParameterSyntax parameter => parameter.Identifier,
                TypeParameterSyntax typeParameter => typeParameter.Identifier,
                SingleVariableDesignationSyntax designation => designation.Identifier,
                ForEachStatementSyntax loop => loop.Identifier,
                _ => default,
            };
            if (identifier.ValueText.Length > 0)
                yield return identifier.ValueText;
            if (node is BaseFieldDeclarationSyntax field)
            {
                foreach (VariableDeclaratorSyntax variable in field.Declaration.Variables)
                    yield return variable.Identifier.ValueText;
            }
        }
    }
}
