using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RnnGen.Generators.Model;

namespace RnnGen.Generators;

/// <summary>
/// Keeps the generated code's own names apart from the user's, in one place. The emitter writes fixed names for its
/// locals, parameters, type parameters and private members (<c>p</c>, <c>w</c>, <c>step</c>, <c>TChunk</c>,
/// <c>Computation</c>, …) and placeholders for the element type and the class name. This pass renames every generated
/// declaration whose name a user's name would capture or clash with (an element type called <c>p</c>, a containing
/// type parameter called <c>TChunk</c>, a user field called <c>workspace</c>), then writes the user's names in.
/// </summary>
/// <remarks>
/// The public members of the contract are never renamed; a user name that clashes with one is a diagnostic instead
/// (RNNG007, RNNG017, RNNG018, RNNG022). When no user name occurs among the generated code's identifiers, which is the
/// usual case, the source is left as emitted and only the placeholders are replaced.
/// </remarks>
internal static class NameCollisionResolver
{
    /// <summary>Stands for the element type parameter in emitted code until its name is written in.</summary>
    public const string ElementTypePlaceholder = "__RnnGenElementType__";

    /// <summary>Stands for the class name in emitted code (its declaration and constructors).</summary>
    public const string ClassNamePlaceholder = "__RnnGenClassName__";

    private static readonly CSharpParseOptions parseOptions = new(LanguageVersion.Latest, DocumentationMode.Parse);
    private static readonly CSharpParseOptions lexOptions = new(LanguageVersion.Latest, DocumentationMode.None);

    /// <summary>The final source: colliding generated names renamed, then the user's names in place of the placeholders.</summary>
    public static string Resolve(string source, NetworkSpec spec)
    {
        var reserved = new HashSet<string>(spec.ReservedNames);
        var memberNames = new HashSet<string>(spec.MemberNames);
        int classStart = source.IndexOf(ClassNamePlaceholder, System.StringComparison.Ordinal);
        if (classStart >= 0 && UsesAny(source.Substring(classStart), reserved, memberNames))
            source = Rename(source, reserved, memberNames);
        return source
            .Replace(ElementTypePlaceholder, Identifiers.Escape(spec.TypeParameter))
            .Replace(ClassNamePlaceholder, Identifiers.Escape(spec.TypeName));
    }

    /// <summary>Whether any identifier in the code (not the comments) is one of the user's names.</summary>
    private static bool UsesAny(string code, HashSet<string> reserved, HashSet<string> memberNames) =>
        SyntaxFactory.ParseTokens(code, options: lexOptions).Any(token =>
            token.IsKind(SyntaxKind.IdentifierToken) && (reserved.Contains(token.ValueText) || memberNames.Contains(token.ValueText)));

    private static string Rename(string source, HashSet<string> reserved, HashSet<string> memberNames)
    {
        SyntaxNode root = CSharpSyntaxTree.ParseText(source, parseOptions).GetRoot();
        ClassDeclarationSyntax? network = root.DescendantNodes().OfType<ClassDeclarationSyntax>()
            .FirstOrDefault(type => type.Identifier.ValueText == ClassNamePlaceholder);
        if (network is null)
            return source;

        var declared = new GeneratedDeclarations(network);
        var taken = new HashSet<string>(root.DescendantTokens(descendIntoTrivia: true).Where(token => token.IsKind(SyntaxKind.IdentifierToken)).Select(token => token.ValueText));
        taken.UnionWith(reserved);
        taken.UnionWith(memberNames);
        var renames = new Dictionary<string, string>();
        foreach (string name in declared.Renamable.OrderBy(name => name, System.StringComparer.Ordinal))
        {
            bool collides = reserved.Contains(name) || (declared.MemberLevel.Contains(name) && memberNames.Contains(name));
            if (!collides)
                continue;
            string fresh = name + "_";
            while (!taken.Add(fresh))
                fresh += "_";
            renames.Add(name, fresh);
        }

        bool Captured(string name) => (reserved.Contains(name) || memberNames.Contains(name)) && !declared.All.Contains(name);
        var rewriter = new Rewriter(renames, declared.Types, declared.MemberLevel, Captured("nint"), Captured("nuint"), Captured("nameof"));
        return root.ReplaceNode(network, rewriter.Visit(network)).ToFullString();
    }

    /// <summary>The names the generated class declares: members, nested types, locals, parameters and type parameters.</summary>
    private sealed class GeneratedDeclarations
    {
        /// <summary>Every declared name.</summary>
        public readonly HashSet<string> All = new();

        /// <summary>Names that may be renamed: everything but the class's public members, which are the contract, and overrides.</summary>
        public readonly HashSet<string> Renamable = new();

        /// <summary>Names of members declared directly in the class, which must not clash with the user's members.</summary>
        public readonly HashSet<string> MemberLevel = new();

        /// <summary>Names of types declared inside the class, whose members are reached as <c>Type.Member</c>.</summary>
        public readonly HashSet<string> Types = new();

        public GeneratedDeclarations(ClassDeclarationSyntax network)
        {
            var fixedNames = new HashSet<string>();
            foreach (SyntaxNode node in network.DescendantNodes())
            {
                foreach (SyntaxToken identifier in DeclaredIdentifiers(node))
                {
                    string name = identifier.ValueText;
                    // A member of the class itself: a method, property or nested type, or a field's variable.
                    MemberDeclarationSyntax? member = node is VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax field } ? field : node as MemberDeclarationSyntax;
                    bool memberLevel = member?.Parent == network;
                    if (node is BaseTypeDeclarationSyntax)
                        Types.Add(name);
                    All.Add(name);
                    if (memberLevel)
                        MemberLevel.Add(name);
                    // The contract's public members, and overrides (of the library's BatchRunner), whose names the base fixes.
                    if ((memberLevel && member!.Modifiers.Any(SyntaxKind.PublicKeyword)) || (member == node && member.Modifiers.Any(SyntaxKind.OverrideKeyword)))
                        fixedNames.Add(name);
                    else
                        Renamable.Add(name);
                }
            }
            Renamable.ExceptWith(fixedNames);
        }

        private static IEnumerable<SyntaxToken> DeclaredIdentifiers(SyntaxNode node)
        {
            switch (node)
            {
                case BaseTypeDeclarationSyntax type: yield return type.Identifier; break;
                case MethodDeclarationSyntax method: yield return method.Identifier; break;
                case PropertyDeclarationSyntax property: yield return property.Identifier; break;
                case EventDeclarationSyntax @event: yield return @event.Identifier; break;
                case DelegateDeclarationSyntax @delegate: yield return @delegate.Identifier; break;
                case EnumMemberDeclarationSyntax enumMember: yield return enumMember.Identifier; break;
                case LocalFunctionStatementSyntax function: yield return function.Identifier; break;
                case VariableDeclaratorSyntax variable: yield return variable.Identifier; break;
                case ParameterSyntax parameter: yield return parameter.Identifier; break;
                case TypeParameterSyntax typeParameter when typeParameter.Parent?.Parent is not ClassDeclarationSyntax { Identifier.ValueText: ClassNamePlaceholder }:
                    yield return typeParameter.Identifier;
                    break;
                case SingleVariableDesignationSyntax designation: yield return designation.Identifier; break;
                case ForEachStatementSyntax loop: yield return loop.Identifier; break;
                case CatchDeclarationSyntax @catch when @catch.Identifier.ValueText.Length > 0: yield return @catch.Identifier; break;
            }
        }
    }

    /// <summary>Applies the renames to declarations and to the references that reach them.</summary>
    private sealed class Rewriter : CSharpSyntaxRewriter
    {
        private readonly Dictionary<string, string> renames;
        private readonly HashSet<string> generatedTypes, generatedMembers;
        private readonly bool replaceNint, replaceNuint, replaceNameof;

        public Rewriter(Dictionary<string, string> renames, HashSet<string> generatedTypes, HashSet<string> generatedMembers, bool replaceNint, bool replaceNuint, bool replaceNameof)
            : base(visitIntoStructuredTrivia: true)
        {
            this.renames = renames;
            this.generatedTypes = generatedTypes;
            this.generatedMembers = generatedMembers;
            this.replaceNint = replaceNint;
            this.replaceNuint = replaceNuint;
            this.replaceNameof = replaceNameof;
        }

        public override SyntaxToken VisitToken(SyntaxToken token)
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && renames.TryGetValue(token.ValueText, out string? fresh) && ReachesGeneratedDeclaration(token))
                return SyntaxFactory.Identifier(token.LeadingTrivia, fresh, token.TrailingTrivia);
            return base.VisitToken(token);
        }

        /// <summary>A user's <c>nint</c> type in scope would capture the keyword; the framework type cannot be captured.</summary>
        public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node)
        {
            string? replacement = node.Identifier.ValueText switch
            {
                "nint" when replaceNint => "global::System.IntPtr",
                "nuint" when replaceNuint => "global::System.UIntPtr",
                _ => null,
            };
            return replacement is null || node.Parent is QualifiedNameSyntax or MemberAccessExpressionSyntax or AliasQualifiedNameSyntax
                ? base.VisitIdentifierName(node)
                : SyntaxFactory.ParseTypeName(replacement).WithTriviaFrom(node);
        }

        /// <summary>A user's <c>nameof</c> method in scope would capture the operator; a string literal cannot be captured.</summary>
        public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
        {
            if (replaceNameof && node.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" }
                && node.ArgumentList.Arguments is [{ Expression: IdentifierNameSyntax argument }])
            {
                string name = renames.TryGetValue(argument.Identifier.ValueText, out string? fresh) ? fresh : argument.Identifier.ValueText;
                return SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(name)).WithTriviaFrom(node);
            }
            return base.VisitInvocationExpression(node);
        }

        /// <summary>
        /// Whether an identifier with a generated name refers to the generated declaration: a declaration itself, a simple
        /// name, a member of a generated type or of <c>this</c>, a private member of the class reached through another
        /// instance (<c>clone.parameters</c>), or a named argument of a generated method. A name after another qualifier
        /// (<c>TChunk.Load</c>, <c>global::RnnGen</c>, <c>parameters.Span</c>) is someone else's member.
        /// </summary>
        private bool ReachesGeneratedDeclaration(SyntaxToken token)
        {
            if (token.Parent is not SimpleNameSyntax name)
                return true;
            return name.Parent switch
            {
                MemberAccessExpressionSyntax access when access.Name == name => IsGeneratedQualifier(access.Expression) || generatedMembers.Contains(token.ValueText),
                QualifiedNameSyntax qualified when qualified.Right == name => IsGeneratedQualifier(qualified.Left),
                AliasQualifiedNameSyntax => false,
                NameColonSyntax colon => colon.Parent is ArgumentSyntax { Parent.Parent: InvocationExpressionSyntax invocation } && IsGeneratedMethod(invocation.Expression),
                _ => true,
            };
        }

        private bool IsGeneratedQualifier(SyntaxNode qualifier) =>
            qualifier is ThisExpressionSyntax || (qualifier is IdentifierNameSyntax type && generatedTypes.Contains(type.Identifier.ValueText));

        private bool IsGeneratedMethod(ExpressionSyntax target) => target switch
        {
            SimpleNameSyntax => true,
            MemberAccessExpressionSyntax access => IsGeneratedQualifier(access.Expression),
            _ => false,
        };
    }
}
