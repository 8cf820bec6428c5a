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

/// <summary>The weight and bias blocks of one recurrent layer (API.md section 7).</summary>
/// <param name="InputWeights">W_x of the layer: [In × G·H], where In is the network's inputs for the first layer and H above it.</param>
/// <param name="RecurrentWeights">W_h of the layer: [H × G·H].</param>
/// <param name="HiddenBias">The layer's bias on its input part (Elman b_h, LSTM b, GRU b_x); length 0 without <c>Bias</c>.</param>
/// <param name="RecurrentBias">GRU only: the layer's bias on its recurrent part, b_h; length 0 otherwise.</param>
#if RNNGEN_GENERATOR
internal
#else
public
#endif
readonly record struct LayerParameterBlocks(
    ParameterBlock InputWeights,
    ParameterBlock RecurrentWeights,
    ParameterBlock HiddenBias,
    ParameterBlock RecurrentBias);

/// <summary>
/// Where each weight matrix and bias vector sits in <c>Parameters</c> and <c>Gradients</c> (API.md sections 4 and 7).
/// Blocks a network does not have (biases without <c>Bias</c>, <see cref="RecurrentBias"/> outside GRU) have length 0.
/// </summary>
/// <remarks>
/// With stacked layers the weights of every layer come first, layer by layer (W_x^l, then W_h^l), then W_hy, then the
/// bias blocks of every layer in layer order, then b_y. <see cref="InputWeights"/>, <see cref="RecurrentWeights"/>,
/// <see cref="HiddenBias"/> and <see cref="RecurrentBias"/> are the first layer's blocks (the only layer's when
/// <see cref="Layers"/> is 1); <see cref="Layer"/> gives any layer's, numbered from 1 as in API.md section 7.
/// </remarks>
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
    /// <summary>Number of stacked recurrent layers; 1 unless the layout was created for more.</summary>
    public int Layers { get; init; } = 1;

    /// <summary>Total number of parameters.</summary>
    public int Count => OutputBias.End;

    /// <summary>
    /// The blocks of layer <paramref name="layer"/>, numbered from 1 as in API.md section 7 (W_x^l): 1 is the layer that
    /// reads x_t, <see cref="Layers"/> the one the output layer reads.
    /// </summary>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="layer"/> is not in [1, Layers].</exception>
    public LayerParameterBlocks Layer(int layer)
    {
        if (layer < 1 || layer > Layers)
            throw new System.ArgumentOutOfRangeException(nameof(layer), layer, $"The layout has {Layers} layer{(Layers == 1 ? "" : "s")}, numbered from 1.");
        int index = layer - 1;
        if (index == 0)
            return new LayerParameterBlocks(InputWeights, RecurrentWeights, HiddenBias, RecurrentBias);
        // Layers above the first read h of the layer below: both of their weight blocks are [H × G·H].
        int hidden = RecurrentWeights.Rows, width = RecurrentWeights.Columns, square = hidden * width;
        int weights = RecurrentWeights.End + ((index - 1) * 2 * square);
        int bias = HiddenBias.Offset + (index * (HiddenBias.Length + RecurrentBias.Length));
        return new LayerParameterBlocks(
            new ParameterBlock(weights, hidden, width),
            new ParameterBlock(weights + square, hidden, width),
            new ParameterBlock(bias, 1, HiddenBias.Columns),
            new ParameterBlock(bias + HiddenBias.Length, 1, RecurrentBias.Columns));
    }

    /// <summary>Number of gates whose pre-activations are computed together: 1 (Elman), 4 (LSTM: i, f, g, o), 3 (GRU: r, z, n).</summary>
    public static int GateCount(CellKind cell) => cell switch
    {
        CellKind.Lstm => 4,
        CellKind.Gru => 3,
        _ => 1,
    };

    /// <summary>Length of one layer's recurrent state: H for Elman and GRU, 2H for LSTM (h first, then c).</summary>
    public static int StateSizeOf(CellKind cell, int hidden) => cell == CellKind.Lstm ? 2 * hidden : hidden;

    /// <summary>
    /// Total number of parameters, in 64-bit arithmetic so a caller can reject shapes that would overflow; past
    /// <see cref="long.MaxValue"/> (sizes near <see cref="int.MaxValue"/> multiply past it) it is <see cref="long.MaxValue"/>.
    /// </summary>
    public static long CountParameters(CellKind cell, long inputs, long hidden, long outputs, bool bias, long layers = 1)
    {
        try
        {
            checked
            {
                long gates = GateCount(cell) * hidden;
                long weights = (inputs * gates) + (hidden * gates) + ((layers - 1) * 2 * hidden * gates) + (hidden * outputs);
                long layerBiases = !bias ? 0 : cell == CellKind.Gru ? 2 * gates : gates;
                return weights + (layers * layerBiases) + (bias ? outputs : 0);
            }
        }
        catch (OverflowException)
        {
            return long.MaxValue;
        }
    }

    /// <summary>
    /// The layout of API.md sections 4 and 7 for the given shape; sizes must be positive and small enough for
    /// <see cref="int"/> (see <see cref="CountParameters"/>).
    /// </summary>
    public static ParameterLayout Create(CellKind cell, int inputs, int hidden, int outputs, bool bias, int layers = 1)
    {
        int gates = GateCount(cell) * hidden;
        var inputWeights = new ParameterBlock(0, inputs, gates);
        var recurrentWeights = new ParameterBlock(inputWeights.End, hidden, gates);
        var outputWeights = new ParameterBlock(recurrentWeights.End + ((layers - 1) * 2 * hidden * gates), hidden, outputs);
        var hiddenBias = new ParameterBlock(outputWeights.End, 1, bias ? gates : 0);
        var recurrentBias = new ParameterBlock(hiddenBias.End, 1, bias && cell == CellKind.Gru ? gates : 0);
        var outputBias = new ParameterBlock(hiddenBias.Offset + (layers * (hiddenBias.Length + recurrentBias.Length)), 1, bias ? outputs : 0);
        return new ParameterLayout(inputWeights, recurrentWeights, outputWeights, hiddenBias, recurrentBias, outputBias) { Layers = layers };
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
