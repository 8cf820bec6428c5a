using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace RnnGen.Generators;

/// <summary>
/// The public members the emitter adds to a network class: the contract, whose names cannot give way to the user's.
/// A user member that clashes with one as C# defines a clash is RNNG007, an inherited member one would hide RNNG022,
/// and a class or element type named like one RNNG017 or RNNG018. Private generated names need no entry here: they
/// give way to the user's (see <see cref="NameCollisionResolver"/>). When the emitter gains a public member, add it here.
/// </summary>
internal static class GeneratedMembers
{
    private const string ReadOnlySpan = "global::System.ReadOnlySpan<T>";
    private const string Span = "global::System.Span<T>";
    private const string Tokens = "global::System.ReadOnlySpan<int>";

    /// <summary>Parameter types are written as in C#, with <c>T</c> for the element type.</summary>
    public static readonly GeneratedMember[] All =
    {
        Named("Inputs"), Named("Hidden"), Named("Outputs"), Named("Steps"), Named("ParameterCount"), Named("StateSize"),
        Named("Shape"), Named("Parameters"), Named("Gradients"),
        Named("Layers"),   // emitted by networks of two or more layers (API.md section 7), reserved in every network class
        Method("Initialize", "global::System.Random", "double"),
        Method("Forward", ReadOnlySpan, Span),
        Method("Forward", ReadOnlySpan, Span, ReadOnlySpan, Span),
        Method("Forward", Tokens, Span),
        Method("Forward", Tokens, Span, ReadOnlySpan, Span),
        Method("Backward", ReadOnlySpan),
        Method("Backward", Tokens),
        Method("Train", ReadOnlySpan, ReadOnlySpan, "T"),
        Method("Train", Tokens, Tokens, "T"),
        Method("Step", ReadOnlySpan, Span, Span),
        Method("Step", "int", Span, Span),
        Method("ZeroGradients"),
        Method("Clone"),
        Method("Evaluate", ReadOnlySpan, ReadOnlySpan),
        Method("Evaluate", Tokens, Tokens),
        Named("MaxDegreeOfParallelism"),
        Method("ForwardBatch", ReadOnlySpan, Span),
        Method("ForwardBatch", ReadOnlySpan, Span, ReadOnlySpan, Span),
        Method("ForwardBatch", Tokens, Span),
        Method("ForwardBatch", Tokens, Span, ReadOnlySpan, Span),
        Method("BackwardBatch", ReadOnlySpan),
        Method("BackwardBatch", Tokens),
        Method("TrainBatch", ReadOnlySpan, ReadOnlySpan, "T"),
        Method("TrainBatch", Tokens, Tokens, "T"),
        Method("StepBatch", ReadOnlySpan, Span, Span),
        Method("StepBatch", Tokens, Span, Span),
    };

    /// <summary>
    /// Parameter lists of the generated constructors, which cannot be renamed however private: <c>()</c>,
    /// <c>(int seed)</c>, and the evaluator's (shared parameters, shared gradients).
    /// </summary>
    public static readonly string[][] Constructors = { new string[0], new[] { "int" }, new[] { "global::RnnGen.AlignedArray<T>", "global::RnnGen.AlignedArray<T>" } };

    /// <summary>Whether <paramref name="name"/> is the name of a generated public member.</summary>
    public static bool IsGeneratedName(string name) => All.Any(member => member.Name == name);

    private static GeneratedMember Named(string name) => new(name, null);

    private static GeneratedMember Method(string name, params string[] parameterTypes) => new(name, parameterTypes);
}

/// <summary>One generated public member: a constant, property or field (<see cref="ParameterTypes"/> null), or a method.</summary>
internal sealed class GeneratedMember
{
    public GeneratedMember(string name, string[]? parameterTypes)
    {
        Name = name;
        ParameterTypes = parameterTypes;
    }

    public string Name { get; }

    public string[]? ParameterTypes { get; }

    /// <summary>
    /// Whether declaring this member beside <paramref name="existing"/> in one class (or over it in a derived class) is
    /// a clash as C# defines one: a constant, field, property or type clashes with any member of its name, and a method
    /// with a non-method of its name or with a method of the same signature (name, arity, parameter types and whether
    /// each is passed by value; return types and parameter names do not count).
    /// </summary>
    public bool ClashesWith(ISymbol existing, ITypeParameterSymbol elementType, Compilation compilation)
    {
        if (existing.Name != Name)
            return false;
        if (ParameterTypes is null || existing is not IMethodSymbol method)
            return true;
        return method.TypeParameters.Length == 0 && Signatures.Match(method.Parameters, ParameterTypes, elementType, compilation);
    }
}

/// <summary>Compares a declared parameter list with one written as C# type names, the way C# compares signatures.</summary>
internal static class Signatures
{
    public static bool Match(IReadOnlyList<IParameterSymbol> parameters, IReadOnlyList<string> types, ITypeParameterSymbol elementType, Compilation compilation)
    {
        if (parameters.Count != types.Count)
            return false;
        for (int i = 0; i < types.Count; i++)
        {
            // The generated parameters are all passed by value; one passed by reference is a different signature.
            if (parameters[i].RefKind != RefKind.None)
                return false;
            ITypeSymbol? type = Resolve(types[i], elementType, compilation);
            if (type is null || !SymbolEqualityComparer.Default.Equals(type, parameters[i].Type))
                return false;
        }
        return true;
    }

    /// <summary>The type a name such as <c>T</c>, <c>int</c> or <c>global::System.Span&lt;T&gt;</c> stands for.</summary>
    private static ITypeSymbol? Resolve(string name, ITypeParameterSymbol elementType, Compilation compilation)
    {
        switch (name)
        {
            case "T": return elementType;
            case "int": return compilation.GetSpecialType(SpecialType.System_Int32);
            case "long": return compilation.GetSpecialType(SpecialType.System_Int64);
            case "double": return compilation.GetSpecialType(SpecialType.System_Double);
            case "float": return compilation.GetSpecialType(SpecialType.System_Single);
            case "bool": return compilation.GetSpecialType(SpecialType.System_Boolean);
            case "string": return compilation.GetSpecialType(SpecialType.System_String);
        }
        const string Global = "global::";
        string qualified = name.StartsWith(Global, System.StringComparison.Ordinal) ? name.Substring(Global.Length) : name;
        int open = qualified.IndexOf('<');
        if (open < 0)
            return compilation.GetTypeByMetadataName(qualified);
        string[] arguments = SplitArguments(qualified.Substring(open + 1, qualified.Length - open - 2));
        INamedTypeSymbol? definition = compilation.GetTypeByMetadataName($"{qualified.Substring(0, open)}`{arguments.Length}");
        ITypeSymbol?[] resolved = arguments.Select(argument => Resolve(argument, elementType, compilation)).ToArray();
        return definition is null || resolved.Any(argument => argument is null) ? null : definition.Construct(resolved!);
    }

    private static string[] SplitArguments(string list)
    {
        var arguments = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < list.Length; i++)
        {
            if (list[i] == '<')
                depth++;
            else if (list[i] == '>')
                depth--;
            else if (list[i] == ',' && depth == 0)
            {
                arguments.Add(list.Substring(start, i - start).Trim());
                start = i + 1;
            }
        }
        arguments.Add(list.Substring(start).Trim());
        return arguments.ToArray();
    }
}
