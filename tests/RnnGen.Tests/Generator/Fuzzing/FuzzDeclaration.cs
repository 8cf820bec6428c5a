using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RnnGen.Tests.Generator.Fuzzing;

/// <summary>What kind of declaration carries the attribute.</summary>
public enum ClassKind { Class, Sealed, Abstract, Static, Record, Struct, File }

/// <summary>What kind of type contains the network class.</summary>
public enum ContainerKind { Class, StaticClass, Struct, Record, RecordStruct, Interface }

/// <summary>The type parameter's constraint, from everything RnnGen uses down to nothing.</summary>
public enum ElementConstraint { FloatingPoint, UnmanagedFloatingPoint, Number, NumberExponential, NumberExponentialLogarithmic, NumberHyperbolic, None }

/// <summary>A member the user declares in the class: some clash with a generated public member (RNNG007), some do not.</summary>
public enum UserMember { None, HiddenProperty, DenseForward, SeedConstructor, BitsForward, GenericForward, WorkspaceProperty, NameofMethod }

/// <summary>The class's base class: some are RNNG021 or RNNG022, some are fine.</summary>
public enum BaseClass { None, Empty, ProtectedConstructor, ConstructorWithArgument, VirtualZeroGradients, ProtectedWorkspace }

/// <summary>A type around the network class.</summary>
public sealed record FuzzContainer(ContainerKind Kind, string Name, string[] TypeParameters, bool Partial, bool File);

/// <summary>
/// The attribute's arguments. Sizes are written as given; an enum setting is absent (null), a defined value written by
/// name, or an undefined value written as a cast, such as <c>(CellKind)9</c>.
/// </summary>
public sealed record FuzzSettings(int Inputs, int Hidden, int Outputs, int Steps, int? Cell, int? HiddenActivation, int? OutputActivation,
    int? Loss, int? LossReduction, bool? Bias, int? Unroll);

/// <summary>
/// One random declaration of a network class, its source text, and what the diagnostic catalogue (README, docs) says
/// the generator must report for it: the test oracle, written from the rules rather than from the generator's code.
/// </summary>
public sealed record FuzzDeclaration(
    string? Namespace,
    FuzzContainer[] Containers,
    ClassKind Kind,
    bool Partial,
    bool PrimaryConstructor,
    string ClassName,
    string[] TypeParameters,
    ElementConstraint Constraint,
    FuzzSettings Settings,
    UserMember Member,
    BaseClass Base)
{
    /// <summary>The public members every network has (API.md sections 2 and 10): no class or element type may take their names.</summary>
    public static readonly string[] PublicMemberNames =
    {
        "Inputs", "Hidden", "Outputs", "Steps", "ParameterCount", "StateSize", "Shape", "Parameters", "Gradients",
        "Initialize", "Forward", "Backward", "Train", "Step", "ZeroGradients", "Clone", "Evaluate",
    };

    private const int ArrayLimit = 0x7FFFFFC7;

    // ---- Source. ----

    /// <summary>The declaration as the <paramref name="index"/>th file of a compilation, in namespace <c>Fuzz{index}</c>.</summary>
    public string Source(int index)
    {
        var text = new StringBuilder();
        text.Append("namespace Fuzz").Append(index).Append(Namespace is null ? "" : "." + Namespace).Append('\n').Append("{\n");
        string baseName = $"Base{index}";
        string? baseDeclaration = Base switch
        {
            BaseClass.Empty => $"public class {baseName} {{ }}",
            BaseClass.ProtectedConstructor => $"public abstract class {baseName} {{ protected {baseName}() {{ }} public {baseName}(int size) {{ }} }}",
            BaseClass.ConstructorWithArgument => $"public class {baseName} {{ public {baseName}(int size) {{ }} }}",
            BaseClass.VirtualZeroGradients => $"public class {baseName} {{ public virtual void ZeroGradients() {{ }} }}",
            BaseClass.ProtectedWorkspace => $"public class {baseName} {{ protected int workspace = 1; }}",
            _ => null,
        };
        if (baseDeclaration is not null)
            text.Append(baseDeclaration).Append('\n');
        foreach (FuzzContainer container in Containers)
        {
            string keyword = container.Kind switch
            {
                ContainerKind.StaticClass => "static partial class",
                ContainerKind.Struct => "partial struct",
                ContainerKind.Record => "partial record",
                ContainerKind.RecordStruct => "partial record struct",
                ContainerKind.Interface => "partial interface",
                _ => "partial class",
            };
            if (!container.Partial)
                keyword = keyword.Replace("partial ", "");
            text.Append(container.File ? "file " : "public ").Append(keyword).Append(' ').Append(container.Name)
                .Append(TypeParameterList(container.TypeParameters)).Append("\n{\n");
        }
        text.Append(AttributeText()).Append('\n');
        string modifiers = Kind switch
        {
            ClassKind.Sealed => "public sealed ",
            ClassKind.Abstract => "public abstract ",
            ClassKind.Static => "public static ",
            ClassKind.File => "file ",
            _ => "public ",
        };
        string keywordOfClass = Kind switch { ClassKind.Record => "record", ClassKind.Struct => "struct", _ => "class" };
        text.Append(modifiers).Append(Partial ? "partial " : "").Append(keywordOfClass).Append(' ').Append(ClassName)
            .Append(TypeParameterList(TypeParameters)).Append(PrimaryConstructor ? "()" : "");
        if (baseDeclaration is not null)
            text.Append(" : ").Append(baseName);
        if (TypeParameters.Length > 0 && ConstraintText(TypeParameters[0]) is { } constraint)
            text.Append(" where ").Append(TypeParameters[0]).Append(" : ").Append(constraint);
        text.Append("\n{\n");
        string? member = Member switch
        {
            UserMember.HiddenProperty => "public int Hidden => 1;",
            UserMember.DenseForward => $"public void Forward(ReadOnlySpan<{TypeParameters[0]}> values, Span<{TypeParameters[0]}> results) {{ }}",
            UserMember.SeedConstructor => $"public {ClassName}(int seed) {{ }}",
            UserMember.BitsForward => "public void Forward(int[] bits) { }",
            UserMember.GenericForward => $"public void Forward<TOther>(ReadOnlySpan<{TypeParameters[0]}> values, Span<{TypeParameters[0]}> results) {{ }}",
            UserMember.WorkspaceProperty => "public int workspace => 2;",
            UserMember.NameofMethod => "public static string nameof(object value) => \"mine\";",
            _ => null,
        };
        if (member is not null)
            text.Append(member).Append('\n');
        text.Append("}\n");
        foreach (FuzzContainer _ in Containers)
            text.Append("}\n");
        return text.Append("}\n").ToString();
    }

    private string AttributeText()
    {
        FuzzSettings s = Settings;
        var arguments = new List<string> { Number(s.Inputs), Number(s.Hidden), Number(s.Outputs), Number(s.Steps) };
        void Setting<TEnum>(string name, int? value) where TEnum : struct, Enum
        {
            if (value is int given)
                arguments.Add($"{name} = {(Enum.IsDefined(typeof(TEnum), given) ? $"{typeof(TEnum).Name}.{(TEnum)(object)given}" : $"({typeof(TEnum).Name})({Number(given)})")}");
        }
        Setting<CellKind>("Cell", s.Cell);
        Setting<Activation>("HiddenActivation", s.HiddenActivation);
        Setting<Activation>("OutputActivation", s.OutputActivation);
        Setting<LossKind>("Loss", s.Loss);
        Setting<LossReduction>("LossReduction", s.LossReduction);
        if (s.Bias is bool bias)
            arguments.Add($"Bias = {(bias ? "true" : "false")}");
        Setting<Unroll>("Unroll", s.Unroll);
        return $"[RecurrentNetwork({string.Join(", ", arguments)})]";
    }

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string TypeParameterList(string[] names) => names.Length == 0 ? "" : $"<{string.Join(", ", names)}>";

    private string? ConstraintText(string t) => Constraint switch
    {
        ElementConstraint.FloatingPoint => $"IFloatingPointIeee754<{t}>",
        ElementConstraint.UnmanagedFloatingPoint => $"unmanaged, IFloatingPointIeee754<{t}>",
        ElementConstraint.Number => $"INumber<{t}>",
        ElementConstraint.NumberExponential => $"INumber<{t}>, IExponentialFunctions<{t}>",
        ElementConstraint.NumberExponentialLogarithmic => $"INumber<{t}>, IExponentialFunctions<{t}>, ILogarithmicFunctions<{t}>",
        ElementConstraint.NumberHyperbolic => $"INumber<{t}>, IHyperbolicFunctions<{t}>",
        _ => null,
    };

    // ---- What the catalogue says. ----

    private CellKind Cell => (CellKind)(Settings.Cell ?? 0);

    private Activation HiddenActivation => (Activation)(Settings.HiddenActivation ?? 0);

    private Activation OutputActivation => (Activation)(Settings.OutputActivation ?? 0);

    private LossKind Loss => (LossKind)(Settings.Loss ?? 0);

    private Unroll Unroll => (Unroll)(Settings.Unroll ?? 0);

    private bool SizesValid => Settings.Inputs >= 1 && Settings.Hidden >= 1 && Settings.Outputs >= 1 && Settings.Steps >= 1;

    /// <summary>Whether the attribute is on a struct: then only the compiler's CS0592, and nothing from RnnGen.</summary>
    public bool OnlyCompilerError => Kind == ClassKind.Struct;

    /// <summary>
    /// The RNNG ids the catalogue requires, as a multiset. Where the catalogue leaves a border case to an estimate (the
    /// workspace size of RNNG012), <paramref name="tooLarge"/> says how it went (see <see cref="TooLarge"/>).
    /// </summary>
    public List<string> ExpectedIds(bool tooLarge)
    {
        var ids = new List<string>();
        if (OnlyCompilerError)
            return ids;
        // The class and its containers.
        if (Kind is ClassKind.Static or ClassKind.Abstract or ClassKind.Record)
            ids.Add("RNNG013");
        if (!Partial)
            ids.Add("RNNG001");
        if (TypeParameters.Length != 1)
            ids.Add("RNNG002");
        ids.AddRange(Containers.Where(container => !container.Partial).Select(_ => "RNNG006"));
        if (Kind == ClassKind.File || Containers.Any(container => container.File))
            ids.Add("RNNG019");
        if (PrimaryConstructor)
            ids.Add("RNNG020");
        if (PublicMemberNames.Contains(ClassName.TrimStart('@')))
            ids.Add("RNNG017");
        if (TypeParameters.Length == 1 && PublicMemberNames.Contains(TypeParameters[0].TrimStart('@')))
            ids.Add("RNNG018");

        // The settings.
        FuzzSettings s = Settings;
        ids.AddRange(new[] { s.Inputs, s.Hidden, s.Outputs, s.Steps }.Where(size => size < 1).Select(_ => "RNNG003"));
        bool enumsValid = true;
        void Defined<TEnum>(int? value) where TEnum : struct, Enum
        {
            if (value is int given && !Enum.IsDefined(typeof(TEnum), given))
            {
                ids.Add("RNNG011");
                enumsValid = false;
            }
        }
        Defined<CellKind>(s.Cell);
        Defined<Activation>(s.HiddenActivation);
        Defined<Activation>(s.OutputActivation);
        Defined<LossKind>(s.Loss);
        Defined<LossReduction>(s.LossReduction);
        Defined<Unroll>(s.Unroll);
        if (enumsValid)
        {
            if (Cell == CellKind.Elman && HiddenActivation == Activation.Softmax)
                ids.Add("RNNG009");
            if (Cell != CellKind.Elman && s.HiddenActivation is not null)
                ids.Add("RNNG014");
            if (OutputActivation == Activation.Relu)
                ids.Add("RNNG010");
            else if (Loss == LossKind.CrossEntropy && OutputActivation is not (Activation.Sigmoid or Activation.Softmax))
                ids.Add("RNNG004");
            if (OutputActivation == Activation.Softmax && s.Outputs == 1)
                ids.Add("RNNG016");
            if (SizesValid && tooLarge)
                ids.Add("RNNG012");
            if (TypeParameters.Length == 1)
                ids.AddRange(MissingInterfaces().Select(_ => "RNNG005"));
        }

        // Members and the base class.
        if (TypeParameters.Length == 1)
        {
            if (Member is UserMember.HiddenProperty or UserMember.DenseForward or UserMember.SeedConstructor)
                ids.Add("RNNG007");
            if (Base == BaseClass.ConstructorWithArgument)
                ids.Add("RNNG021");
            if (Base == BaseClass.VirtualZeroGradients)
                ids.Add("RNNG022");
        }

        // RNNG008 is decided only for a declaration that is otherwise accepted.
        if (!ids.Any(id => id != "RNNG014") && Unroll == Unroll.Full && !Unrollable)
            ids.Add("RNNG008");
        return ids;
    }

    /// <summary>Whether the declaration is accepted (warnings aside): it must then compile cleanly.</summary>
    public bool Accepted(bool tooLarge) => !OnlyCompilerError && ExpectedIds(tooLarge).All(id => id is "RNNG008" or "RNNG014");

    /// <summary>README: INumber always; IExponentialFunctions for sigmoid (every gated cell) and softmax; ILogarithmicFunctions for cross-entropy; IHyperbolicFunctions for tanh (every gated cell).</summary>
    private IEnumerable<string> MissingInterfaces()
    {
        bool gated = Cell != CellKind.Elman;
        bool sigmoid = gated || (!gated && HiddenActivation == Activation.Sigmoid) || OutputActivation == Activation.Sigmoid;
        bool tanh = gated || (!gated && HiddenActivation == Activation.Tanh) || OutputActivation == Activation.Tanh;
        var needed = new List<string> { "INumber" };
        if (sigmoid || OutputActivation == Activation.Softmax || Loss == LossKind.CrossEntropy)
            needed.Add("IExponentialFunctions");
        if (Loss == LossKind.CrossEntropy)
            needed.Add("ILogarithmicFunctions");
        if (tanh)
            needed.Add("IHyperbolicFunctions");
        string[] given = Constraint switch
        {
            ElementConstraint.FloatingPoint or ElementConstraint.UnmanagedFloatingPoint => new[] { "INumber", "IExponentialFunctions", "ILogarithmicFunctions", "IHyperbolicFunctions" },
            ElementConstraint.Number => new[] { "INumber" },
            ElementConstraint.NumberExponential => new[] { "INumber", "IExponentialFunctions" },
            ElementConstraint.NumberExponentialLogarithmic => new[] { "INumber", "IExponentialFunctions", "ILogarithmicFunctions" },
            ElementConstraint.NumberHyperbolic => new[] { "INumber", "IHyperbolicFunctions" },
            _ => Array.Empty<string>(),
        };
        return needed.Except(given);
    }

    /// <summary>README: an unrolled network has at most 128 steps and at most 48 row terms in any step method.</summary>
    private bool Unrollable
    {
        get
        {
            long gates = Cell switch { CellKind.Lstm => 4, CellKind.Gru => 3, _ => 1 };
            long forward = gates * ((long)Settings.Hidden + 2), backward = Settings.Outputs + (gates * Settings.Hidden);
            return Settings.Steps <= 128 && Math.Max(forward, backward) <= 48;
        }
    }

    /// <summary>
    /// RNNG012 (more parameters or workspace than an array holds): certain when the parameters alone or the saved states
    /// alone exceed it, certainly not when a generous bound on everything stays below; in between the catalogue's
    /// estimate decides, and either answer is accepted (if it is accepted, the network must compile).
    /// </summary>
    public bool? TooLarge
    {
        get
        {
            if (!SizesValid || !Enum.IsDefined(Cell))
                return false;
            long gates = Cell switch { CellKind.Lstm => 4, CellKind.Gru => 3, _ => 1 };
            long inputs = Settings.Inputs, hidden = Settings.Hidden, outputs = Settings.Outputs, steps = Settings.Steps;
            long parameters = ParameterLayout.CountParameters(Cell, inputs, hidden, outputs, Settings.Bias == true);
            long states = (steps + 1) * ParameterLayout.StateSizeOf(Cell, (int)Math.Min(hidden, int.MaxValue / 2));
            if (parameters > ArrayLimit || states > ArrayLimit)
                return true;
            double bound = (16.0 * (steps + 1) * (inputs + (2 * gates * hidden) + (4 * hidden) + outputs)) + (4.0 * hidden * ((gates * hidden) + outputs));
            return bound < ArrayLimit ? false : null;
        }
    }

    /// <summary>The class's metadata name, to find it in a compiled assembly: <c>Fuzz3.Demo.Outer`1+Net`1</c>.</summary>
    public string MetadataName(int index)
    {
        var name = new StringBuilder("Fuzz").Append(index);
        if (Namespace is not null)
            name.Append('.').Append(string.Join(".", Namespace.Split('.').Select(part => part.TrimStart('@'))));
        name.Append('.');
        foreach (FuzzContainer container in Containers)
            name.Append(container.Name.TrimStart('@')).Append(container.TypeParameters.Length > 0 ? $"`{container.TypeParameters.Length}" : "").Append('+');
        return name.Append(ClassName.TrimStart('@')).Append("`1").ToString();
    }

    /// <summary>The number of type parameters of the containers, each closed with int to instantiate the class.</summary>
    public int ContainerTypeParameterCount => Containers.Sum(container => container.TypeParameters.Length);
}
