using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RnnGen.CodeFixes;

/// <summary>RNNG008: the network was too large to unroll and got looped code; <c>Unroll = Unroll.None</c> asks for what it gets.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SetUnrollNoneCodeFixProvider)), Shared]
public sealed class SetUnrollNoneCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.TooLargeToUnroll);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root is null || AttributeSettings.At(root, diagnostic) is not { } attribute
                || AttributeSettings.WithEnumSetting(attribute, "Unroll", "Unroll", "None") is not { } fixedAttribute)
                continue;
            context.RegisterCodeFix(
                CodeAction.Create("Set Unroll = Unroll.None (looped code)",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(attribute, fixedAttribute))),
                    equivalenceKey: nameof(SetUnrollNoneCodeFixProvider)),
                diagnostic);
        }
    }
}
