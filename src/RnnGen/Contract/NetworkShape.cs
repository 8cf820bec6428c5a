using System;

namespace RnnGen;

/// <summary>Everything that fixes a network's equations and parameter layout.</summary>
/// <remarks>
/// Two shapes are equal when they describe the same network: <see cref="HiddenActivation"/> counts only for Elman cells,
/// since LSTM and GRU gates always use sigmoid and tanh.
/// </remarks>
/// <param name="Cell">The recurrent cell.</param>
/// <param name="Inputs">Length of x_t.</param>
/// <param name="Hidden">Number of hidden units H.</param>
/// <param name="Outputs">Length of ŷ_t.</param>
/// <param name="Steps">Number of time steps.</param>
/// <param name="Bias">Whether the network has bias vectors.</param>
/// <param name="HiddenActivation">Activation of an Elman hidden layer (ignored by LSTM and GRU).</param>
/// <param name="OutputActivation">Activation of the output layer.</param>
/// <param name="Loss">The loss.</param>
/// <param name="Layers">
/// Number of stacked recurrent layers of the same cell, each with <paramref name="Hidden"/> units (API.md section 7):
/// layer 1 reads x_t, every layer above reads h_t of the layer below, and the output layer reads h_t of the last.
/// </param>
public readonly record struct NetworkShape(CellKind Cell, int Inputs, int Hidden, int Outputs, int Steps,
    bool Bias, Activation HiddenActivation, Activation OutputActivation, LossKind Loss, int Layers = 1)
{
    /// <summary>How the loss adds up over the steps; <see cref="RnnGen.LossReduction.Sum"/> unless set.</summary>
    public LossReduction LossReduction { get; init; }

    /// <summary>Length of <c>Parameters</c> and <c>Gradients</c>.</summary>
    public int ParameterCount => Layout.Count;

    /// <summary>Length of one layer's state: H for Elman and GRU, 2H for LSTM (h first, then c).</summary>
    public int LayerStateSize => ParameterLayout.StateSizeOf(Cell, Hidden);

    /// <summary>Length of the recurrent state: <see cref="Layers"/> × <see cref="LayerStateSize"/>, layer 1's state first.</summary>
    public int StateSize => Layers * LayerStateSize;

    /// <summary>Offsets of the weight and bias blocks in <c>Parameters</c> (API.md sections 4 and 7).</summary>
    public ParameterLayout Layout => ParameterLayout.Create(Cell, Inputs, Hidden, Outputs, Bias, Layers);

    /// <summary>Throws <see cref="ArgumentException"/> when the shape breaks a rule of API.md (sizes, activations, loss).</summary>
    public void Validate()
    {
        if (!NetworkRules.IsCell(Cell))
            throw new ArgumentException($"Cell {Cell} is not a defined cell kind.", nameof(Cell));
        ThrowIfNotPositive(Inputs, nameof(Inputs));
        ThrowIfNotPositive(Hidden, nameof(Hidden));
        ThrowIfNotPositive(Outputs, nameof(Outputs));
        ThrowIfNotPositive(Steps, nameof(Steps));
        if (Layers < 1)
            throw new ArgumentException($"Layers is {Layers}; a network has at least one layer.", nameof(Layers));
        if (Cell == CellKind.Elman && !NetworkRules.IsHiddenActivation(HiddenActivation))
            throw new ArgumentException($"HiddenActivation {HiddenActivation} is not allowed; use Sigmoid, Tanh, Relu or Identity.", nameof(HiddenActivation));
        if (!NetworkRules.IsOutputActivation(OutputActivation))
            throw new ArgumentException($"OutputActivation {OutputActivation} is not allowed; use Sigmoid, Tanh, Identity or Softmax.", nameof(OutputActivation));
        if (!NetworkRules.SupportsOutputCount(OutputActivation, Outputs))
            throw new ArgumentException("OutputActivation Softmax over a single output is always 1, so nothing could be learned; use Sigmoid for one output, or two or more outputs.", nameof(OutputActivation));
        if (!NetworkRules.IsLoss(Loss))
            throw new ArgumentException($"Loss {Loss} is not a defined loss.", nameof(Loss));
        if (LossReduction is not (LossReduction.Sum or LossReduction.Mean))
            throw new ArgumentException($"LossReduction {LossReduction} is not a defined reduction; use Sum or Mean.", nameof(LossReduction));
        if (!NetworkRules.SupportsLoss(OutputActivation, Loss))
            throw new ArgumentException($"CrossEntropy needs a Sigmoid or Softmax output, not {OutputActivation}.", nameof(Loss));
        long count = ParameterLayout.CountParameters(Cell, Inputs, Hidden, Outputs, Bias, Layers);
        long sequence = Math.Max((long)Steps * Inputs, (long)Steps * Outputs);
        // In double, which no size here can overflow: every layer's state before the first step and after every step.
        double stateCount = (double)Layers * ParameterLayout.StateSizeOf(Cell, 1) * Hidden * (Steps + 1.0);
        if (count > Array.MaxLength || sequence > Array.MaxLength || stateCount > Array.MaxLength)
            throw new ArgumentException($"The shape needs {count} parameters, more than an array can hold.");
    }

    /// <summary>True when both shapes describe the same network; <see cref="HiddenActivation"/> counts only for Elman cells.</summary>
    public bool Equals(NetworkShape other) =>
        Cell == other.Cell && Inputs == other.Inputs && Hidden == other.Hidden && Outputs == other.Outputs && Steps == other.Steps
        && Bias == other.Bias && EffectiveHiddenActivation == other.EffectiveHiddenActivation
        && OutputActivation == other.OutputActivation && Loss == other.Loss && LossReduction == other.LossReduction && Layers == other.Layers;

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(HashCode.Combine(Cell, Inputs, Hidden, Outputs, Steps), Bias, EffectiveHiddenActivation, OutputActivation, Loss, LossReduction, Layers);

    /// <summary>
    /// What sets this shape apart from <paramref name="other"/>, field by field ("Hidden is 32 in the file and 16 in this
    /// network"), with the two sides named by <paramref name="thisName"/> and <paramref name="otherName"/>; empty when equal.
    /// </summary>
    internal string DescribeDifference(NetworkShape other, string thisName, string otherName)
    {
        var differences = new System.Collections.Generic.List<string>();
        void Compare<TValue>(string field, TValue mine, TValue theirs)
        {
            if (!System.Collections.Generic.EqualityComparer<TValue>.Default.Equals(mine, theirs))
                differences.Add($"{field} is {mine} {thisName} and {theirs} {otherName}");
        }
        Compare(nameof(Cell), Cell, other.Cell);
        Compare(nameof(Inputs), Inputs, other.Inputs);
        Compare(nameof(Hidden), Hidden, other.Hidden);
        Compare(nameof(Outputs), Outputs, other.Outputs);
        Compare(nameof(Steps), Steps, other.Steps);
        Compare(nameof(Bias), Bias, other.Bias);
        if (Cell == CellKind.Elman && other.Cell == CellKind.Elman)
            Compare(nameof(HiddenActivation), HiddenActivation, other.HiddenActivation);
        Compare(nameof(OutputActivation), OutputActivation, other.OutputActivation);
        Compare(nameof(Loss), Loss, other.Loss);
        Compare(nameof(LossReduction), LossReduction, other.LossReduction);
        Compare(nameof(Layers), Layers, other.Layers);
        return string.Join("; ", differences);
    }

    /// <summary>The hidden activation as far as it matters: an LSTM's or GRU's is not used, so all of theirs compare equal.</summary>
    private Activation? EffectiveHiddenActivation => Cell == CellKind.Elman ? HiddenActivation : null;

    /// <inheritdoc/>
    /// <remarks>
    /// Stacked layers show as one hidden size per layer, <c>Lstm 65-128-128-65 x50</c> for two layers of 128 (more than
    /// eight as <c>128 (×9)</c>).
    /// </remarks>
    public override string ToString() =>
        $"{Cell} {Inputs}-{HiddenSizes()}-{Outputs} x{Steps} ({(Cell == CellKind.Elman ? HiddenActivation + " hidden, " : "")}{OutputActivation} output, {Loss}{(LossReduction == LossReduction.Mean ? " (mean over steps)" : "")}{(Bias ? ", bias" : "")})";

    private string HiddenSizes() =>
        Layers <= 8 ? string.Join("-", System.Linq.Enumerable.Repeat(Hidden, Math.Max(Layers, 1))) : $"{Hidden} (×{Layers})";

    private static void ThrowIfNotPositive(int value, string name)
    {
        if (value < 1)
            throw new ArgumentException($"{name} is {value}; every size must be at least 1.", name);
    }
}
