using System;
// This file is compiled into the runtime library (public) and linked into the generator (internal):
// the offsets the generator bakes into code and the ones the runtime reports come from one definition.

namespace RnnGen;

/// <summary>One row-major block of the flat parameter vector: element [r, c] sits at <c>Offset + r * Columns + c</c>.</summary>
/// <param name="Offset">Index of element [0, 0] in <c>Parameters</c>.</param>
/// <param name="Rows">Number of rows (1 for a bias vector).</param>
/// <param name="Columns">Number of columns.</param>
#if RNNGEN_GENERATOR
internal
#else
public
#endif
readonly record struct ParameterBlock(int Offset, int Rows, int Columns)
{
    /// <summary>Number of parameters in the block (0 for a block the network does not have).</summary>
    public int Length => Rows * Columns;

    /// <summary>Index one past the last element of the block.</summary>
    public int End => Offset + Length;
}

/// <summary>
/// Where each weight matrix and bias vector sits in <c>Parameters</c> and <c>Gradients</c> (API.md section 4).
/// Blocks a network does not have (biases without <c>Bias</c>, <see cref="RecurrentBias"/> outside GRU) have length 0.
/// </summary>
#if RNNGEN_GENERATOR
internal
#else
public
#endif
readonly record struct ParameterLayout(
    ParameterBlock InputWeights,
    ParameterBlock RecurrentWeights,
    ParameterBlock OutputWeights,
    ParameterBlock HiddenBias,
    ParameterBlock RecurrentBias,
    ParameterBlock OutputBias)
{
    /// <summary>Total number of parameters.</summary>
    public int Count => OutputBias.End;

    /// <summary>Number of gates whose pre-activations are computed together: 1 (Elman), 4 (LSTM: i, f, g, o), 3 (GRU: r, z, n).</summary>
    public static int GateCount(CellKind cell) => cell switch
    {
        CellKind.Lstm => 4,
        CellKind.Gru => 3,
        _ => 1,
    };

    /// <summary>Length of the recurrent state: H for Elman and GRU, 2H for LSTM (h first, then c).</summary>
    public static int StateSizeOf(CellKind cell, int hidden) => cell == CellKind.Lstm ? 2 * hidden : hidden;

    /// <summary>
    /// Total number of parameters, in 64-bit arithmetic so a caller can reject shapes that would overflow; past
    /// <see cref="long.MaxValue"/> (sizes near <see cref="int.MaxValue"/> multiply past it) it is <see cref="long.MaxValue"/>.
    /// </summary>
    public static long CountParameters(CellKind cell, long inputs, long hidden, long outputs, bool bias)
    {
        try
        {
            checked
            {
                long gates = GateCount(cell) * hidden;
                long weights = (inputs * gates) + (hidden * gates) + (hidden * outputs);
                long biases = !bias ? 0 : cell == CellKind.Gru ? (2 * gates) + outputs : gates + outputs;
                return weights + biases;
            }
        }
        catch (OverflowException)
        {
            return long.MaxValue;
        }
    }

    /// <summary>The layout of API.md section 4 for the given shape; sizes must be positive and small enough for <see cref="int"/>.</summary>
    public static ParameterLayout Create(CellKind cell, int inputs, int hidden, int outputs, bool bias)
    {
        int gates = GateCount(cell) * hidden;
        var inputWeights = new ParameterBlock(0, inputs, gates);
        var recurrentWeights = new ParameterBlock(inputWeights.End, hidden, gates);
        var outputWeights = new ParameterBlock(recurrentWeights.End, hidden, outputs);
        var hiddenBias = new ParameterBlock(outputWeights.End, 1, bias ? gates : 0);
        var recurrentBias = new ParameterBlock(hiddenBias.End, 1, bias && cell == CellKind.Gru ? gates : 0);
        var outputBias = new ParameterBlock(recurrentBias.End, 1, bias ? outputs : 0);
        return new ParameterLayout(inputWeights, recurrentWeights, outputWeights, hiddenBias, recurrentBias, outputBias);
    }
}

/// <summary>Which activations and losses may be combined where (API.md sections 1 and 3).</summary>
internal static class NetworkRules
{
    /// <summary>Activations an Elman hidden layer may use: Sigmoid, Tanh, Relu, Identity.</summary>
    public static bool IsHiddenActivation(Activation activation) =>
        activation is Activation.Sigmoid or Activation.Tanh or Activation.Relu or Activation.Identity;

    /// <summary>Activations an output layer may use: Sigmoid, Tanh, Identity, Softmax.</summary>
    public static bool IsOutputActivation(Activation activation) =>
        activation is Activation.Sigmoid or Activation.Tanh or Activation.Identity or Activation.Softmax;

    /// <summary>Cross-entropy needs probabilities: a sigmoid or softmax output. Squared error works with any output.</summary>
    public static bool SupportsLoss(Activation outputActivation, LossKind loss) => loss switch
    {
        LossKind.SquaredError => true,
        LossKind.CrossEntropy => outputActivation is Activation.Sigmoid or Activation.Softmax,
        _ => false,
    };

    /// <summary>
    /// Softmax normalizes over the outputs of a step, so over a single output it is the constant 1 (with a zero
    /// gradient): it needs two or more outputs. Every other output activation works with any number.
    /// </summary>
    public static bool SupportsOutputCount(Activation outputActivation, int outputs) =>
        outputActivation != Activation.Softmax || outputs != 1;

    /// <summary>True when <paramref name="cell"/> is one of the defined cells.</summary>
    public static bool IsCell(CellKind cell) => cell is CellKind.Elman or CellKind.Lstm or CellKind.Gru;

    /// <summary>True when <paramref name="loss"/> is one of the defined losses.</summary>
    public static bool IsLoss(LossKind loss) => loss is LossKind.SquaredError or LossKind.CrossEntropy;
}
