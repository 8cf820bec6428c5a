using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace RnnGen.CodeFixes;

/// <summary>Reads and rewrites the settings of a <c>[RecurrentNetwork(…)]</c> attribute, for the fixes that change one.</summary>
internal static class AttributeSettings
{
    /// <summary>The attribute a diagnostic of the settings stands on (the generator reports them on the attribute).</summary>
    public static AttributeSyntax? At(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault();

    /// <summary>
    /// The attribute with its setting <paramref name="name"/> changed to <paramref name="enumType"/>.<paramref name="member"/>,
    /// or null when the attribute does not write that setting (the diagnostics fixed here all come from a written one).
    /// <c>Name = Kind.Value</c> keeps its qualification and changes only the member; anything else, such as a cast
    /// <c>(Unroll)1</c>, becomes the fully qualified value simplified to what the file's usings allow.
    /// </summary>
    public static AttributeSyntax? WithEnumSetting(AttributeSyntax attribute, string name, string enumType, string member)
    {
        AttributeArgumentSyntax? written = attribute.ArgumentList?.Arguments.FirstOrDefault(argument => argument.NameEquals?.Name.Identifier.ValueText == name);
        if (written is null)
            return null;
        ExpressionSyntax value = written.Expression is MemberAccessExpressionSyntax access
            ? access.WithName(SyntaxFactory.IdentifierName(member))
            : SyntaxFactory.ParseExpression($"global::RnnGen.{enumType}.{member}").WithAdditionalAnnotations(Simplifier.Annotation);
        return attribute.ReplaceNode(written, written.WithExpression(value.WithTriviaFrom(written.Expression)));
    }

    /// <summary>The constant value of the <c>outputs</c> constructor argument (third, or named <c>outputs:</c>), if there is one.</summary>
    public static int? Outputs(AttributeSyntax attribute, SemanticModel model)
    {
        var positional = attribute.ArgumentList?.Arguments.Where(argument => argument.NameEquals is null).ToArray() ?? new AttributeArgumentSyntax[0];
        AttributeArgumentSyntax? outputs = positional.FirstOrDefault(argument => argument.NameColon?.Name.Identifier.ValueText == "outputs")
            ?? (positional.Length > 2 && positional.Take(3).All(argument => argument.NameColon is null) ? positional[2] : null);
        return outputs is not null && model.GetConstantValue(outputs.Expression) is { HasValue: true, Value: int value } ? value : null;
    }
}
