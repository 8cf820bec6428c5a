using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RnnGen.CodeFixes;

/// <summary>
/// RNNG004: cross-entropy over an output that is not a probability. Offers a Sigmoid output, a Softmax output when
/// there are two or more outputs (one output under softmax is RNNG016), or the squared error loss instead.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CrossEntropyOutputCodeFixProvider)), Shared]
public sealed class CrossEntropyOutputCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.CrossEntropyNeedsProbabilities);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (root is null || model is null || AttributeSettings.At(root, diagnostic) is not { } attribute)
                continue;
            void Offer(string title, string name, string enumType, string member)
            {
                if (AttributeSettings.WithEnumSetting(attribute, name, enumType, member) is not { } fixedAttribute)
                    return;
                context.RegisterCodeFix(
                    CodeAction.Create(title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(attribute, fixedAttribute))),
                        equivalenceKey: $"{nameof(CrossEntropyOutputCodeFixProvider)}.{name}.{member}"),
                    diagnostic);
            }
            Offer("Use OutputActivation = Activation.Sigmoid", "OutputActivation", "Activation", "Sigmoid");
            if (AttributeSettings.Outputs(attribute, model) is >= 2)
                Offer("Use OutputActivation = Activation.Softmax", "OutputActivation", "Activation", "Softmax");
            Offer("Use Loss = LossKind.SquaredError", "Loss", "LossKind", "SquaredError");
        }
    }
}
