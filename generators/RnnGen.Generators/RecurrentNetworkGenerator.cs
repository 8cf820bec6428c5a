using System;
using Microsoft.CodeAnalysis;
using RnnGen.Generators.Model;

namespace RnnGen.Generators;

/// <summary>
/// The RnnGen source generator: for every class marked <c>[RecurrentNetwork(...)]</c> it parses the declaration into a
/// <see cref="NetworkSpec"/> (<see cref="Parser"/>) and writes the network's code from it (<see cref="Emitter"/>).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class RecurrentNetworkGenerator : IIncrementalGenerator
{
    /// <summary>Full name of the attribute that marks a network class.</summary>
    public const string AttributeName = "RnnGen.RecurrentNetworkAttribute";

    /// <summary>The version written into <c>[GeneratedCode]</c> and the file header.</summary>
    public static readonly string GeneratorVersion = typeof(RecurrentNetworkGenerator).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> networks = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeName,
                predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
                transform: static (context, cancellationToken) => ParseSafely(context, cancellationToken))
            .WithTrackingName(TrackingNames.Networks);

        context.RegisterSourceOutput(networks, static (output, result) => Emit(output, result));
    }

    private static ParseResult ParseSafely(GeneratorAttributeSyntaxContext context, System.Threading.CancellationToken cancellationToken)
    {
        try
        {
            return Parser.Parse(context, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The generator never throws into the compiler: a bug becomes a diagnostic on the declaration.
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, context.TargetNode.GetLocation(), context.TargetSymbol.Name, exception.Message);
            return new ParseResult(null, new EquatableArray<DiagnosticInfo>(new[] { diagnostic }));
        }
    }

    /// <summary>
    /// Reports the diagnostics and adds the source. Nothing here may throw into the compiler either: a failure of the
    /// emitter, or a source Roslyn refuses, becomes RNNG015 and the network is left out.
    /// </summary>
    private static void Emit(SourceProductionContext output, ParseResult result)
    {
        try
        {
            foreach (DiagnosticInfo diagnostic in result.Diagnostics)
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            if (result.Network is { } network)
                output.AddSource(network.HintName, Emitter.Emit(network));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GeneratorFailure, null, result.Network?.TypeName ?? "a network", exception.Message));
        }
    }
}
