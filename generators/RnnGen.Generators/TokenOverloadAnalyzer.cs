using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace RnnGen.Generators;

/// <summary>
/// RNNG023: a call whose overloads cannot be told apart. A network's dense methods take spans of T and its token
/// methods spans of int, so with an int element type <c>Forward(ReadOnlySpan&lt;T&gt; inputs, …)</c> and
/// <c>Forward(ReadOnlySpan&lt;int&gt; tokens, …)</c> take the same arguments. C# then picks the token overload (the
/// less generic one), while the same call through <c>IRecurrentNetwork&lt;int&gt;</c> runs the dense one. The warning
/// stands at each such call until an argument is named (<c>tokens:</c> or <c>inputs:</c>), which selects one overload.
/// </summary>
/// <remarks>
/// The generator cannot prevent this at the declaration: <c>where T : INumber&lt;T&gt;</c> admits int, and renaming
/// the token methods or ranking the overloads (<c>OverloadResolutionPriority</c>) would change the public contract or
/// silently turn the other intent wrong. The check is general: any method of a network type (a class with
/// <c>[RecurrentNetwork]</c>, or a type of the RnnGen library) with an overload whose parameters become the same
/// types under the type arguments, so batch overloads added later are covered too.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TokenOverloadAnalyzer : DiagnosticAnalyzer
{
    private static readonly SymbolDisplayFormat signatureFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameOnly,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeParameters,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.AmbiguousIntegerCall);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? attribute = start.Compilation.GetTypeByMetadataName(RecurrentNetworkGenerator.AttributeName);
            if (attribute is not null)
                start.RegisterOperationAction(operation => AnalyzeInvocation(operation, attribute), OperationKind.Invocation);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol attribute)
    {
        var invocation = (IInvocationOperation)context.Operation;
        IMethodSymbol called = invocation.TargetMethod;
        if (called.ContainingType is not { } type || !IsNetworkType(type.OriginalDefinition, attribute))
            return;
        foreach (IMethodSymbol twin in type.GetMembers(called.Name).OfType<IMethodSymbol>())
        {
            if (SymbolEqualityComparer.Default.Equals(twin, called) || !SameParameterTypes(twin, called))
                continue;
            // The positions where the declarations differ (ReadOnlySpan<T> against ReadOnlySpan<int>); a named argument
            // at one of them already says which overload is meant.
            int[] differing = Enumerable.Range(0, called.Parameters.Length)
                .Where(i => !SymbolEqualityComparer.Default.Equals(called.OriginalDefinition.Parameters[i].Type, twin.OriginalDefinition.Parameters[i].Type))
                .ToArray();
            if (differing.Length == 0 || differing.Any(i => IsNamed(invocation, called.Parameters[i])))
                continue;
            IParameterSymbol chosen = called.OriginalDefinition.Parameters[differing[0]], other = twin.OriginalDefinition.Parameters[differing[0]];
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AmbiguousIntegerCall, invocation.Syntax.GetLocation(),
                called.OriginalDefinition.ToDisplayString(signatureFormat), twin.OriginalDefinition.ToDisplayString(signatureFormat), chosen.Name, other.Name));
            return;
        }
    }

    private static bool IsNetworkType(INamedTypeSymbol type, INamedTypeSymbol attribute) =>
        type.ContainingNamespace is { Name: "RnnGen", ContainingNamespace.IsGlobalNamespace: true }
        || type.GetAttributes().Any(applied => SymbolEqualityComparer.Default.Equals(applied.AttributeClass, attribute));

    /// <summary>Same arity, parameter types and ref kinds once the type arguments are in: two overloads one call cannot tell apart.</summary>
    private static bool SameParameterTypes(IMethodSymbol left, IMethodSymbol right) =>
        left.TypeParameters.Length == right.TypeParameters.Length
        && left.Parameters.Length == right.Parameters.Length
        && left.Parameters.Zip(right.Parameters, (a, b) => a.RefKind == b.RefKind && SymbolEqualityComparer.Default.Equals(a.Type, b.Type)).All(same => same);

    private static bool IsNamed(IInvocationOperation invocation, IParameterSymbol parameter) =>
        invocation.Arguments.Any(argument =>
            SymbolEqualityComparer.Default.Equals(argument.Parameter, parameter) && argument.Syntax is ArgumentSyntax { NameColon: not null });
}
