using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RnnGen.CodeFixes;

/// <summary>
/// RNNG001 and RNNG006: adds <c>partial</c> to the network class, or to the containing type the diagnostic names, in
/// every part of it that lacks the modifier (a type is partial in all its parts or in none).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPartialCodeFixProvider)), Shared]
public sealed class AddPartialCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NotPartial, DiagnosticIds.ContainingTypeNotPartial);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            // Both diagnostics stand on the identifier of the type that must become partial.
            if (root?.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault() is not { } declaration)
                continue;
            context.RegisterCodeFix(
                CodeAction.Create($"Make '{declaration.Identifier.ValueText}' partial",
                    cancellationToken => AddPartialAsync(context.Document, declaration, cancellationToken),
                    equivalenceKey: nameof(AddPartialCodeFixProvider)),
                diagnostic);
        }
    }

    private static async Task<Solution> AddPartialAsync(Document document, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        INamedTypeSymbol? type = model?.GetDeclaredSymbol(declaration, cancellationToken);
        TypeDeclarationSyntax[] parts = type is null
            ? new[] { declaration }
            : type.DeclaringSyntaxReferences.Select(reference => reference.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>().ToArray();

        Solution solution = document.Project.Solution;
        foreach (IGrouping<SyntaxTree, TypeDeclarationSyntax> inOneFile in parts.Where(part => !part.Modifiers.Any(SyntaxKind.PartialKeyword)).GroupBy(part => part.SyntaxTree))
        {
            DocumentId? file = solution.GetDocumentId(inOneFile.Key);
            if (file is null)
                continue;
            SyntaxNode root = await inOneFile.Key.GetRootAsync(cancellationToken).ConfigureAwait(false);
            solution = solution.WithDocumentSyntaxRoot(file, root.ReplaceNodes(inOneFile, (original, _) => WithPartial(original)));
        }
        return solution;
    }

    /// <summary><c>partial</c> as the last modifier, where C# requires it: just before <c>class</c>, <c>struct</c>, <c>record</c> or <c>interface</c>.</summary>
    private static TypeDeclarationSyntax WithPartial(TypeDeclarationSyntax declaration)
    {
        SyntaxToken partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (declaration.Modifiers.Count > 0)
            return declaration.AddModifiers(partial);
        // Without modifiers the indentation (and any comment) before the declaration sits on its keyword: keep it in front.
        SyntaxToken keyword = declaration.Keyword;
        return declaration.WithKeyword(keyword.WithLeadingTrivia())
            .WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
    }
}
