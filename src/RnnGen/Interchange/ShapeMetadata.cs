using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace RnnGen;

/// <summary>
/// A <see cref="NetworkShape"/> as string key-value pairs (<c>rnngen.cell = Lstm</c>, …): the <c>__metadata__</c> of a
/// safetensors file and the <c>metadata_props</c> of an ONNX model, so a file says which RnnGen network wrote it.
/// </summary>
internal static class ShapeMetadata
{
    private const string Prefix = "rnngen.";
    private const string Cell = Prefix + "cell", Inputs = Prefix + "inputs", Hidden = Prefix + "hidden", Outputs = Prefix + "outputs",
        Steps = Prefix + "steps", Layers = Prefix + "layers", Bias = Prefix + "bias", HiddenActivation = Prefix + "hidden_activation",
        OutputActivation = Prefix + "output_activation", Loss = Prefix + "loss", Reduction = Prefix + "loss_reduction";

    /// <summary>The entries describing <paramref name="shape"/>, in a fixed order.</summary>
    public static List<KeyValuePair<string, string>> Entries(NetworkShape shape) =>
    [
        new(Cell, shape.Cell.ToString()),
        new(Inputs, Number(shape.Inputs)),
        new(Hidden, Number(shape.Hidden)),
        new(Outputs, Number(shape.Outputs)),
        new(Steps, Number(shape.Steps)),
        new(Layers, Number(shape.Layers)),
        new(Bias, shape.Bias ? "true" : "false"),
        new(HiddenActivation, shape.HiddenActivation.ToString()),
        new(OutputActivation, shape.OutputActivation.ToString()),
        new(Loss, shape.Loss.ToString()),
        new(Reduction, shape.LossReduction.ToString()),
    ];

    /// <summary>The shape the entries describe, or null when they have no <c>rnngen.</c> entries (a file from elsewhere).</summary>
    /// <exception cref="InvalidDataException">Some <c>rnngen.</c> entries are there but missing, malformed or not a valid shape.</exception>
    public static NetworkShape? Read(IReadOnlyDictionary<string, string> metadata)
    {
        bool any = false;
        foreach (string key in metadata.Keys)
            any |= key.StartsWith(Prefix, StringComparison.Ordinal);
        if (!any)
            return null;

        var shape = new NetworkShape(Enum<CellKind>(metadata, Cell), Int(metadata, Inputs), Int(metadata, Hidden), Int(metadata, Outputs),
            Int(metadata, Steps), Bool(metadata, Bias), Enum<Activation>(metadata, HiddenActivation), Enum<Activation>(metadata, OutputActivation),
            Enum<LossKind>(metadata, Loss), Int(metadata, Layers)) { LossReduction = Enum<LossReduction>(metadata, Reduction) };
        try
        {
            shape.Validate();
        }
        catch (ArgumentException exception)
        {
            throw new InvalidDataException($"The file's RnnGen metadata describes no valid network: {exception.Message}", exception);
        }
        return shape;
    }

    /// <summary>
    /// True when networks of the two shapes compute the same function of the same weights: everything but
    /// <c>Steps</c>, <c>Loss</c> and <c>LossReduction</c> (which no weight depends on) must agree.
    /// </summary>
    public static bool SameWeights(NetworkShape a, NetworkShape b) => a with { Steps = b.Steps, Loss = b.Loss, LossReduction = b.LossReduction } == b;

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Value(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out string? value) ? value : throw new InvalidDataException($"The file's RnnGen metadata has no '{key}'.");

    private static int Int(IReadOnlyDictionary<string, string> metadata, string key) =>
        int.TryParse(Value(metadata, key), NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value
        : throw new InvalidDataException($"The file's RnnGen metadata '{key}' is '{Value(metadata, key)}', not a whole number.");

    private static bool Bool(IReadOnlyDictionary<string, string> metadata, string key) => Value(metadata, key) switch
    {
        "true" => true,
        "false" => false,
        string other => throw new InvalidDataException($"The file's RnnGen metadata '{key}' is '{other}', not true or false."),
    };

    private static TEnum Enum<TEnum>(IReadOnlyDictionary<string, string> metadata, string key) where TEnum : struct, Enum
    {
        string text = Value(metadata, key);
        // Names only: Enum.TryParse would also take "1" or "Sigmoid, Tanh".
        foreach (TEnum value in System.Enum.GetValues<TEnum>())
        {
            if (value.ToString() == text)
                return value;
        }
        throw new InvalidDataException($"The file's RnnGen metadata '{key}' is '{text}', not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}.");
    }
}
