namespace RnnGen.Generators.Model;

/// <summary>One type that encloses the network class, as it must be re-declared around the generated part.</summary>
/// <param name="Keyword">The declaration keyword: <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="NameWithTypeParameters">Name as written in a declaration, with any type parameters: <c>Outer&lt;U&gt;</c>.</param>
internal sealed record ContainingTypeSpec(string Keyword, string NameWithTypeParameters);

/// <summary>
/// Everything the emitter needs to write one network, as plain values: no symbols or syntax, so the incremental
/// pipeline can compare two runs and skip emission when nothing changed.
/// </summary>
/// <param name="Namespace">The class's namespace, empty for the global namespace.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
/// <param name="TypeName">The class name without type parameters.</param>
/// <param name="TypeParameter">The name of the element type parameter, usually <c>T</c>.</param>
/// <param name="Unroll">The code layout actually generated: <see cref="Unroll.Full"/> or <see cref="Unroll.None"/>.</param>
internal sealed record NetworkSpec(
    string Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string TypeName,
    string TypeParameter,
    CellKind Cell,
    int Inputs,
    int Hidden,
    int Outputs,
    int Steps,
    bool Bias,
    Activation HiddenActivation,
    Activation OutputActivation,
    LossKind Loss,
    LossReduction LossReduction,
    Unroll Unroll)
{
    /// <summary>The class name as written in a declaration: <c>BinaryAdder&lt;T&gt;</c>.</summary>
    public string DeclaredName => $"{TypeName}<{TypeParameter}>";

    /// <summary>Gate count times hidden size: the width of the pre-activation vector of one step.</summary>
    public int GateWidth => ParameterLayout.GateCount(Cell) * Hidden;

    public int StateSize => ParameterLayout.StateSizeOf(Cell, Hidden);

    public ParameterLayout Layout => ParameterLayout.Create(Cell, Inputs, Hidden, Outputs, Bias);

    /// <summary>A file name unique to the class: <c>Namespace.Outer.Name.RnnGen.g.cs</c>.</summary>
    public string HintName
    {
        get
        {
            var builder = new System.Text.StringBuilder();
            if (Namespace.Length > 0)
                builder.Append(Namespace).Append('.');
            foreach (ContainingTypeSpec type in ContainingTypes)
                builder.Append(StripTypeParameters(type.NameWithTypeParameters)).Append('.');
            return builder.Append(TypeName).Append(".RnnGen.g.cs").ToString();
        }
    }

    private static string StripTypeParameters(string name)
    {
        int angle = name.IndexOf('<');
        return angle < 0 ? name : name.Substring(0, angle);
    }
}
