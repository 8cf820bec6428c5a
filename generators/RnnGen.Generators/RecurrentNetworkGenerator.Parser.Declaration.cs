using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RnnGen.Generators.Model;

namespace RnnGen.Generators;

public sealed partial class RecurrentNetworkGenerator
{
    /// <summary>The declaration around the attribute: the class, its containers, its members and its base class.</summary>
    internal static partial class Parser
    {
        /// <summary>How a member is named in a message: <c>Forward(ReadOnlySpan&lt;T&gt;, Span&lt;T&gt;)</c>, <c>Hidden</c>.</summary>
        private static readonly SymbolDisplayFormat memberFormat = new(
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameOnly,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            memberOptions: SymbolDisplayMemberOptions.IncludeParameters,
            parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeParamsRefOut,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers);

        /// <summary>
        /// The attribute on two parts of one class is the compiler's error (CS0579); the class is generated once, from the
        /// part that carries the first, so that no two outputs ever share a file name.
        /// </summary>
        private static bool IsFirstApplication(INamedTypeSymbol type, AttributeData attribute)
        {
            SyntaxReference? applied = attribute.ApplicationSyntaxReference;
            SyntaxReference? first = type.GetAttributes()
                .FirstOrDefault(candidate => SymbolEqualityComparer.Default.Equals(candidate.AttributeClass, attribute.AttributeClass))?.ApplicationSyntaxReference;
            return applied is null || first is null || (applied.SyntaxTree == first.SyntaxTree && applied.Span == first.Span);
        }

        /// <summary>
        /// Mistakes the compiler itself reports in the declaration. The generator adds no second (and often misleading)
        /// diagnostic to them, and generates nothing until they are fixed.
        /// </summary>
        private static bool CompilerReportsAnError(INamedTypeSymbol type, AttributeData attribute)
        {
            // CS0592: the attribute is valid on classes only.
            if (type.TypeKind != TypeKind.Class)
                return true;
            // CS1503, CS1729, CS7036, CS1744, CS0029, CS0266, …: arguments that do not bind to the attribute.
            if (attribute.AttributeConstructor is null
                || attribute.ConstructorArguments.Any(argument => argument.Kind == TypedConstantKind.Error)
                || attribute.NamedArguments.Any(argument => argument.Value.Kind == TypedConstantKind.Error || !HasPropertyType(attribute, argument)))
                return true;
            // CS8427: no class may be nested in an interface with variant type parameters.
            for (INamedTypeSymbol? container = type.ContainingType; container is not null; container = container.ContainingType)
            {
                if (container.TypeParameters.Any(parameter => parameter.Variance != VarianceKind.None))
                    return true;
            }
            foreach (ITypeParameterSymbol parameter in type.TypeParameters)
            {
                // CS0246 and the like: a constraint that does not bind. CS9244: a math interface over a type parameter
                // that allows ref structs. CS0694: a type parameter named like its class.
                if (parameter.ConstraintTypes.Any(constraint => constraint.TypeKind == TypeKind.Error)
                    || (parameter.AllowsRefLikeType && parameter.ConstraintTypes.Length > 0)
                    || parameter.Name == type.Name)
                    return true;
            }
            return false;
        }

        /// <summary>Whether a named argument has its property's type: <c>Cell = 1</c> keeps the int 1, which C# rejects (CS0266).</summary>
        private static bool HasPropertyType(AttributeData attribute, KeyValuePair<string, TypedConstant> argument) =>
            attribute.AttributeClass?.GetMembers(argument.Key).OfType<IPropertySymbol>().FirstOrDefault() is { } property
            && SymbolEqualityComparer.Default.Equals(property.Type, argument.Value.Type);

        private static void CheckClassShape(INamedTypeSymbol type, TypeDeclarationSyntax syntax, Location location, List<DiagnosticInfo> diagnostics)
        {
            // Clone and Evaluate create instances of the class, which an abstract class cannot have.
            if (type.IsStatic || type.IsRecord || type.IsAbstract)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAnInstanceClass, location, type.Name));
            if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, location, Declared(type)));
            if (type.TypeParameters.Length != 1)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.WrongTypeParameterCount, location, Declared(type), type.Name));
            for (SyntaxNode? parent = syntax.Parent; parent is TypeDeclarationSyntax container; parent = container.Parent)
            {
                if (!container.Modifiers.Any(SyntaxKind.PartialKeyword))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ContainingTypeNotPartial, container.Identifier.GetLocation(), container.Identifier.ValueText, type.Name));
            }
            for (INamedTypeSymbol? scope = type; scope is not null; scope = scope.ContainingType)
            {
                if (scope.IsFileLocal)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FileLocalType, location, scope.Name, type.Name));
                    break;
                }
            }
            foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is TypeDeclarationSyntax { ParameterList: { } primaryConstructor })
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.PrimaryConstructor, primaryConstructor.GetLocation(), type.Name, primaryConstructor.ToString()));
                    break;
                }
            }
            if (GeneratedMembers.IsGeneratedName(type.Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNamedLikeMember, location, type.Name));
            if (type.TypeParameters.Length == 1 && GeneratedMembers.IsGeneratedName(type.TypeParameters[0].Name))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TypeParameterNamedLikeMember, location, type.TypeParameters[0].Name));
        }

        /// <summary>RNNG007: a member the user declares in any part of the class that C# would not allow beside a generated one.</summary>
        private static void CheckMemberClashes(INamedTypeSymbol type, ITypeParameterSymbol elementType, Compilation compilation, Location location, List<DiagnosticInfo> diagnostics)
        {
            foreach (ISymbol member in type.GetMembers())
            {
                if (member.IsImplicitlyDeclared)
                    continue;
                if (member is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor)
                {
                    // A primary constructor is RNNG020; any other with the parameters of a generated one is a clash.
                    bool primary = constructor.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax() is TypeDeclarationSyntax);
                    if (!primary && GeneratedMembers.Constructors.Any(parameters => Signatures.Match(constructor.Parameters, parameters, elementType, compilation)))
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberAlreadyDeclared, location, type.Name, $"{type.Name}({string.Join(", ", constructor.Parameters.Select(parameter => parameter.Type.ToDisplayString(memberFormat)))})"));
                    continue;
                }
                // Accessors, operators and explicit interface implementations have no name a generated member could take.
                if (member.CanBeReferencedByName && GeneratedMembers.All.Any(generated => generated.ClashesWith(member, elementType, compilation)))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MemberAlreadyDeclared, location, type.Name, member.ToDisplayString(memberFormat)));
            }
        }

        /// <summary>RNNG021 and RNNG022: a base class the generated constructors cannot call, or members the generated ones would hide.</summary>
        private static void CheckBaseClass(INamedTypeSymbol type, ITypeParameterSymbol elementType, Compilation compilation, Location location, List<DiagnosticInfo> diagnostics)
        {
            INamedTypeSymbol? baseType = type.BaseType;
            if (baseType is null || baseType.SpecialType == SpecialType.System_Object || baseType.TypeKind == TypeKind.Error)
                return;
            string baseName = baseType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            bool callable = baseType.InstanceConstructors.Any(constructor =>
                constructor.Parameters.All(parameter => parameter.IsOptional || parameter.IsParams)
                && compilation.IsSymbolAccessibleWithin(constructor, type)
                && !constructor.GetAttributes().Any(attribute => attribute.AttributeClass?.ToDisplayString() == "System.ObsoleteAttribute"));
            if (!callable)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BaseWithoutParameterlessConstructor, location, baseName, type.Name));

            var hidden = new List<string>();
            foreach (ISymbol member in InheritedMembers(type, compilation))
            {
                if (GeneratedMembers.All.Any(generated => generated.ClashesWith(member, elementType, compilation)))
                    hidden.Add($"'{member.ToDisplayString(memberFormat)}'");
            }
            if (hidden.Count > 0)
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BaseMemberHidden, location, baseName, string.Join(", ", hidden.Distinct()), type.Name));
        }

        /// <summary>Members of the base classes that the class can see by name (those a member of the class can hide).</summary>
        private static IEnumerable<ISymbol> InheritedMembers(INamedTypeSymbol type, Compilation compilation)
        {
            for (INamedTypeSymbol? ancestor = type.BaseType; ancestor is not null && ancestor.SpecialType != SpecialType.System_Object; ancestor = ancestor.BaseType)
            {
                foreach (ISymbol member in ancestor.GetMembers())
                {
                    if (!member.IsImplicitlyDeclared && member.CanBeReferencedByName && compilation.IsSymbolAccessibleWithin(member, type))
                        yield return member;
                }
            }
        }

        private static string NamespaceOf(INamedTypeSymbol type)
        {
            var names = new List<string>();
            for (INamespaceSymbol scope = type.ContainingNamespace; !scope.IsGlobalNamespace; scope = scope.ContainingNamespace)
                names.Add(scope.Name);
            names.Reverse();
            return string.Join(".", names);
        }

        private static IEnumerable<ContainingTypeSpec> ContainingTypes(TypeDeclarationSyntax syntax)
        {
            var containers = new List<ContainingTypeSpec>();
            for (SyntaxNode? parent = syntax.Parent; parent is TypeDeclarationSyntax container; parent = container.Parent)
            {
                string keyword = container switch
                {
                    RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
                    RecordDeclarationSyntax => "record",
                    _ => container.Keyword.Text,
                };
                IEnumerable<string> typeParameters = container.TypeParameterList?.Parameters.Select(parameter => parameter.Identifier.ValueText) ?? Enumerable.Empty<string>();
                containers.Add(new ContainingTypeSpec(keyword, container.Identifier.ValueText, new EquatableArray<string>(typeParameters)));
            }
            containers.Reverse();
            return containers;
        }

        /// <summary>
        /// Names in scope in the class that no generated identifier may take (see <see cref="NameCollisionResolver"/>):
        /// the element type, the containing types' type parameters, and a user's <c>nint</c>, <c>nuint</c> or
        /// <c>nameof</c> around the class, which would capture the keyword of that name in generated code.
        /// </summary>
        private static IEnumerable<string> ReservedNames(INamedTypeSymbol type, SemanticModel model, int position)
        {
            var names = new SortedSet<string>(StringComparer.Ordinal) { type.TypeParameters[0].Name };
            for (INamedTypeSymbol? container = type.ContainingType; container is not null; container = container.ContainingType)
                names.UnionWith(container.TypeParameters.Select(parameter => parameter.Name));
            foreach (string keyword in new[] { "nint", "nuint", "nameof" })
            {
                if (!model.LookupSymbols(position, name: keyword).IsEmpty)
                    names.Add(keyword);
            }
            return names;
        }

        /// <summary>Names no generated member of the class may take: the class's own, and its declared and inherited members'.</summary>
        private static IEnumerable<string> MemberNames(INamedTypeSymbol type, Compilation compilation)
        {
            var names = new SortedSet<string>(StringComparer.Ordinal) { type.Name };
            names.UnionWith(type.GetMembers().Where(member => member.CanBeReferencedByName).Select(member => member.Name));
            names.UnionWith(InheritedMembers(type, compilation).Select(member => member.Name));
            return names;
        }

        private static string Declared(INamedTypeSymbol type) =>
            type.TypeParameters.Length == 0 ? type.Name : $"{type.Name}<{string.Join(", ", type.TypeParameters.Select(parameter => parameter.Name))}>";
    }
}
