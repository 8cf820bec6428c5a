using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;

namespace RnnGen.Tests.Generator.Fuzzing;

/// <summary>
/// CsCheck generators of random network declarations. Each declaration is drawn either tame (every part valid, so that
/// accepted declarations are common enough to compile) or wild (each part independently anything: undefined enum
/// values, sizes of 0, negative and past every limit, class shapes the generator rejects). Names come from pools of
/// odd ones: keywords written with '@', non-ASCII letters, and the generated code's own identifiers.
/// </summary>
internal static class FuzzDeclarations
{
    private static readonly string[] classNames =
        { "Net", "Adder", "Model", "@event", "@class", "@record", "Réseau", "网络", "Computation", "p", "TChunk", "workspace", "Hidden", "Step", "Forward" };

    private static readonly string[] elementNames =
        { "T", "T", "TValue", "p", "w", "g", "step", "TChunk", "Computation", "At", "@int", "var", "nint", "nameof", "Tλ", "value", "Forward", "Parameters" };

    private static readonly string[] containerNames = { "Outer", "Models", "@class", "Zone", "Ωmega", "Computation", "nint" };

    private static readonly string[] containerParameterNames = { "U", "V", "TChunk", "p", "@int", "w", "T" };

    private static readonly string?[] namespaces = { null, null, "Demo", "Demo.Nets", "@class.@event", "Données.Réseaux" };

    private static readonly string[] publicNames = FuzzDeclaration.PublicMemberNames;

    /// <summary>
    /// Batches of declarations, one compilation each; about <paramref name="tamePercent"/> percent are drawn tame, with
    /// sizes and steps up to 16 when <paramref name="small"/> (cheaper to generate, compile and run), up to 40 and 160
    /// otherwise. Wild declarations take sizes of every kind either way.
    /// </summary>
    public static Gen<FuzzDeclaration[]> Batch(int size, int tamePercent, bool small = false) => Declaration(tamePercent, small).Array[1, size];

    public static Gen<FuzzDeclaration> Declaration(int tamePercent, bool small) =>
        from tame in Gen.Frequency((tamePercent, true), (100 - tamePercent, false))
        from settings in tame ? (small ? smallTameSettings : tameSettings) : wildSettings
        from containers in Container(tame).Array[0, tame ? 2 : 3]
        from space in Gen.OneOf(namespaces)
        from kind in tame ? Gen.Frequency((8, ClassKind.Class), (2, ClassKind.Sealed))
            : Gen.Frequency((40, ClassKind.Class), (8, ClassKind.Sealed), (8, ClassKind.Abstract), (8, ClassKind.Static), (8, ClassKind.Record), (6, ClassKind.Struct), (10, ClassKind.File))
        from partial in tame ? Gen.Const(true) : Gen.Frequency((9, true), (1, false))
        from primary in tame ? Gen.Const(false) : Gen.Frequency((1, true), (12, false))
        from className in Gen.OneOf(tame ? classNames.Where(name => !publicNames.Contains(name)).ToArray() : classNames)
        from elementName in Gen.OneOf(tame ? elementNames.Where(name => !publicNames.Contains(name)).ToArray() : elementNames)
        from typeParameterCount in tame ? Gen.Const(1) : Gen.Frequency((2, 0), (36, 1), (2, 2))
        from constraint in tame ? Gen.OneOf(ElementConstraint.FloatingPoint, ElementConstraint.UnmanagedFloatingPoint) : Gen.Enum<ElementConstraint>()
        from member in tame
            ? Gen.Frequency((12, UserMember.None), (1, UserMember.BitsForward), (1, UserMember.GenericForward), (1, UserMember.WorkspaceProperty), (1, UserMember.NameofMethod))
            : Gen.Frequency((10, UserMember.None), (1, UserMember.HiddenProperty), (1, UserMember.DenseForward), (1, UserMember.SeedConstructor), (1, UserMember.BitsForward), (1, UserMember.GenericForward), (1, UserMember.WorkspaceProperty), (1, UserMember.NameofMethod))
        from baseClass in tame
            ? Gen.Frequency((12, BaseClass.None), (1, BaseClass.Empty), (1, BaseClass.ProtectedConstructor), (1, BaseClass.ProtectedWorkspace))
            : Gen.Frequency((10, BaseClass.None), (1, BaseClass.Empty), (1, BaseClass.ProtectedConstructor), (1, BaseClass.ConstructorWithArgument), (1, BaseClass.VirtualZeroGradients), (1, BaseClass.ProtectedWorkspace))
        select Assemble(settings, containers, space, kind, partial, primary, className, elementName, typeParameterCount, constraint, member, baseClass);

    /// <summary>Puts the parts together, keeping the result ordinary C# apart from what the generator must judge.</summary>
    private static FuzzDeclaration Assemble(FuzzSettings settings, FuzzContainer[] containers, string? space, ClassKind kind, bool partial, bool primary,
        string className, string elementName, int typeParameterCount, ElementConstraint constraint, UserMember member, BaseClass baseClass)
    {
        // Every name in scope distinct (a clash would be C#'s own error or warning), with a digit added where two meet.
        var used = new HashSet<string>();
        string Unique(string name)
        {
            string candidate = name;
            for (int suffix = 2; !used.Add(candidate.TrimStart('@')); suffix++)
                candidate = name.TrimStart('@') + suffix;
            return candidate;
        }
        containers = containers.Select((container, level) => container with
        {
            Name = Unique(container.Name),
            TypeParameters = container.TypeParameters.Select(Unique).ToArray(),
            File = container.File && level == 0,  // only a top-level type can be file-local
        }).ToArray();
        className = Unique(className);
        string[] typeParameters = Enumerable.Range(0, typeParameterCount).Select(i => Unique(i == 0 ? elementName : "TExtra")).ToArray();

        // Combinations that would be C#'s own errors rather than the generator's to report.
        if (kind == ClassKind.File && containers.Length > 0)
            kind = ClassKind.Class;
        if (kind is ClassKind.Static || (typeParameterCount == 0 && member is UserMember.DenseForward or UserMember.GenericForward) || (primary && member == UserMember.SeedConstructor))
            member = UserMember.None;
        if (kind is ClassKind.Static or ClassKind.Record or ClassKind.Struct || primary)
            baseClass = BaseClass.None;
        if (kind is ClassKind.Static or ClassKind.Record or ClassKind.Struct)
            primary = false;
        if (baseClass == BaseClass.ProtectedWorkspace && member == UserMember.WorkspaceProperty)
            member = UserMember.None;  // the user's property would hide the base's field: C#'s own warning CS0108
        return new FuzzDeclaration(space, containers, kind, partial, primary, className, typeParameters, constraint, settings, member, baseClass);
    }

    private static Gen<FuzzContainer> Container(bool tame) =>
        from kind in Gen.Enum<ContainerKind>()
        from name in Gen.OneOf(containerNames)
        from parameters in Gen.OneOf(containerParameterNames).Array[0, 2]
        from partial in tame ? Gen.Const(true) : Gen.Frequency((9, true), (1, false))
        from file in tame ? Gen.Const(false) : Gen.Frequency((1, true), (15, false))
        select new FuzzContainer(kind, name, parameters.Distinct().ToArray(), partial, file);

    /// <summary>Sizes of every kind: small, larger, zero, negative, past the unroll and array limits.</summary>
    private static readonly Gen<int> anySize = Gen.Frequency(
        (55, Gen.Int[1, 4]), (15, Gen.Int[5, 40]), (4, Gen.Int[41, 300]), (6, Gen.Const(0)), (6, Gen.Int[-1000, -1]),
        (6, Gen.OneOf(1 << 16, 1 << 20, 100_000, int.MaxValue)), (2, Gen.Const(int.MinValue)));

    private static readonly Gen<int> tameSize = Gen.Frequency((60, Gen.Int[1, 4]), (30, Gen.Int[5, 12]), (10, Gen.Int[13, 40]));

    private static readonly Gen<int> tameSteps = Gen.Frequency((70, Gen.Int[1, 4]), (25, Gen.Int[5, 12]), (5, Gen.Int[13, 160]));

    /// <summary>An enum setting: absent, any defined value, or an undefined one.</summary>
    private static Gen<int?> AnySetting(int definedCount) => Gen.Frequency(
        (50, Gen.Const((int?)null)), (42, Gen.Int[0, definedCount - 1].Select(value => (int?)value)),
        (8, Gen.OneOf(-1, definedCount, 9, 100, int.MaxValue).Select(value => (int?)value)));

    private static readonly Gen<bool?> anyBias = Gen.Frequency((2, Gen.Const((bool?)null)), (1, Gen.Const((bool?)true)), (1, Gen.Const((bool?)false)));

    private static readonly Gen<FuzzSettings> wildSettings =
        from sizes in anySize.Array[4]
        from cell in AnySetting(3)
        from hidden in AnySetting(5)
        from output in AnySetting(5)
        from loss in AnySetting(2)
        from reduction in AnySetting(2)
        from bias in anyBias
        from unroll in AnySetting(3)
        select new FuzzSettings(sizes[0], sizes[1], sizes[2], sizes[3], cell, hidden, output, loss, reduction, bias, unroll);

    /// <summary>(OutputActivation, Loss) pairs the catalogue accepts; null leaves the setting out.</summary>
    private static readonly (Activation? Output, LossKind? Loss)[] validOutputs =
    {
        (null, null), (Activation.Sigmoid, null), (Activation.Tanh, LossKind.SquaredError), (Activation.Identity, null),
        (Activation.Softmax, LossKind.SquaredError), (Activation.Sigmoid, LossKind.CrossEntropy), (Activation.Softmax, LossKind.CrossEntropy),
    };

    private static readonly Gen<int> smallSize = Gen.Frequency((80, Gen.Int[1, 6]), (20, Gen.Int[7, 16]));

    private static readonly Gen<FuzzSettings> tameSettings = Tame(tameSize, tameSteps);

    private static readonly Gen<FuzzSettings> smallTameSettings = Tame(smallSize, smallSize);

    private static Gen<FuzzSettings> Tame(Gen<int> size, Gen<int> stepCount) =>
        from inputs in size
        from hidden in size
        from outputs in size
        from steps in stepCount
        from cell in Gen.OneOf<int?>(null, 0, 1, 2)
        from hiddenActivation in Gen.OneOf<int?>(null, null, 0, 1, 2, 3)
        from output in Gen.OneOf(validOutputs)
        from reduction in Gen.OneOf<int?>(null, null, 0, 1)
        from bias in anyBias
        from unroll in Gen.OneOf<int?>(null, null, 0, 1, 2)
        select new FuzzSettings(inputs, hidden,
            output.Output == Activation.Softmax && outputs == 1 ? 2 : outputs, steps, cell,
            cell is null or 0 ? hiddenActivation : null,  // HiddenActivation on a gated cell is the warning RNNG014; tame ones leave it out
            (int?)output.Output, (int?)output.Loss, reduction, bias, unroll);
}
