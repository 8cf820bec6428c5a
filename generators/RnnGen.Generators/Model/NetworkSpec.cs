namespace RnnGen.Generators.Model;

/// <summary>One type that encloses the network class, as it must be re-declared around the generated part.</summary>
/// <param name="Keyword">The declaration keyword: <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">The type's name, without '@' or type parameters.</param>
/// <param name="TypeParameters">The names of its type parameters, without their attributes (which must not be repeated).</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name, EquatableArray<string> TypeParameters);

/// <summary>
/// Everything the emitter needs to write one network, as plain values: no symbols or syntax, so the incremental
/// pipeline can compare two runs and skip emission when nothing changed.
/// </summary>
/// <param name="Namespace">The class's namespace, its names joined by '.' without '@'; empty for the global namespace.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
/// <param name="TypeName">The class name, without '@' or type parameters.</param>
/// <param name="TypeParameter">The name of the element type parameter, usually <c>T</c>, without '@'.</param>
/// <param name="ReservedNames">
/// Names in scope in the generated code that no identifier the generated code declares may take: the element type
/// parameter, the type parameters of containing types, and a <c>nint</c> or <c>nameof</c> the user declared.
/// </param>
/// <param name="MemberNames">
/// Names no generated member of the class may take: the class's own name and the names of the members the user
/// declares in it or inherits.
/// </param>
/// <param name="Layers">Number of stacked recurrent layers (API.md section 7).</param>
/// <param name="Unroll">The code layout actually generated: <see cref="Unroll.Full"/> or <see cref="Unroll.None"/>.</param>
/// <param name="StepsInLoop">
/// With <see cref="Unroll.Full"/>: every row of a step is written out as usual, but in one step method each way that takes
/// the step's number and runs in a loop over the steps, instead of one method per step (what <see cref="Unroll.Auto"/>
/// picks past its budget of written-out code; see <see cref="UnrollPolicy"/>).
/// </param>
internal sealed record NetworkSpec(
    string Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string TypeName,
    string TypeParameter,
    EquatableArray<string> ReservedNames,
    EquatableArray<string> MemberNames,
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
    int Layers,
    Unroll Unroll,
    bool StepsInLoop = false)
{
    /// <summary>Gate count times hidden size: the width of the pre-activation vector of one step.</summary>
    public int GateWidth => ParameterLayout.GateCount(Cell) * Hidden;

    /// <summary>Length of one layer's state: H, or 2H for LSTM.</summary>
    public int LayerStateSize => ParameterLayout.StateSizeOf(Cell, Hidden);

    /// <summary>Length of the network's state: every layer's, in layer order.</summary>
    public int StateSize => Layers * LayerStateSize;

    /// <summary>More than one recurrent layer: each layer's code goes into its own nested class.</summary>
    public bool Stacked => Layers > 1;

    public ParameterLayout Layout => ParameterLayout.Create(Cell, Inputs, Hidden, Outputs, Bias, Layers);

    /// <summary>A file name unique to the class, even ignoring case: <c>Namespace.Outer`1+Name`1.tag.RnnGen.g.cs</c> (see <see cref="HintNames"/>).</summary>
    public string HintName => HintNames.For(this);
}
