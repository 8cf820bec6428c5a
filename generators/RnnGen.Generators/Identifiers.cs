using Microsoft.CodeAnalysis.CSharp;

namespace RnnGen.Generators;

/// <summary>How the user's names are written back into generated code.</summary>
internal static class Identifiers
{
    /// <summary>
    /// The name as an identifier token: with '@' when it is a keyword (<c>@class</c>) or a contextual keyword
    /// (<c>@record</c>, <c>@var</c>), which the parser could otherwise read as the keyword in some position.
    /// </summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
            ? "@" + name
            : name;
}
