using System.Numerics;

namespace RnnGen.Tests;

// Networks declared the way users declare them: generated at build time by the analyzer reference.

/// <summary>The seed task: 2-16-1 over 8 steps, sigmoid, squared error, no bias; Unroll.Auto picks Full.</summary>
[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8)]
public partial class BinaryAdder<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>The seed task with looped code.</summary>
[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8, Unroll = Unroll.None)]
public partial class LoopedBinaryAdder<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>The one-neuron next-bit predictor: sigmoid with bias and cross-entropy.</summary>
[RecurrentNetwork(inputs: 1, hidden: 1, outputs: 1, steps: 12, Bias = true, Loss = LossKind.CrossEntropy)]
public partial class NextBitPredictor<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>A linear network needs nothing but <see cref="INumber{TSelf}"/>: it runs on decimal.</summary>
[RecurrentNetwork(inputs: 2, hidden: 3, outputs: 2, steps: 4, HiddenActivation = Activation.Identity,
    OutputActivation = Activation.Identity, Bias = true, Unroll = Unroll.Full)]
public partial class LinearNetwork<T> where T : INumber<T>;

/// <summary>The linear network with looped code.</summary>
[RecurrentNetwork(inputs: 2, hidden: 3, outputs: 2, steps: 4, HiddenActivation = Activation.Identity,
    OutputActivation = Activation.Identity, Bias = true, Unroll = Unroll.None)]
public partial class LoopedLinearNetwork<T> where T : INumber<T>;

/// <summary>A relu network needs no more than <see cref="INumber{TSelf}"/> either.</summary>
[RecurrentNetwork(inputs: 3, hidden: 4, outputs: 1, steps: 3, HiddenActivation = Activation.Relu,
    OutputActivation = Activation.Identity)]
public partial class ReluNetwork<T> where T : INumber<T>;

/// <summary>Nested in a partial type, in a namespace, with the type parameter called something else.</summary>
public static partial class Container
{
    [RecurrentNetwork(inputs: 2, hidden: 5, outputs: 3, steps: 2, HiddenActivation = Activation.Tanh,
        OutputActivation = Activation.Softmax, Loss = LossKind.CrossEntropy, Bias = true)]
    public partial class NestedClassifier<TNumber> where TNumber : IFloatingPointIeee754<TNumber>;
}

/// <summary>An LSTM with every gate and bias, unrolled.</summary>
[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8, Cell = CellKind.Lstm, Bias = true)]
public partial class LstmAdder<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>A GRU, looped.</summary>
[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8, Cell = CellKind.Gru, Bias = true, Unroll = Unroll.None)]
public partial class GruAdder<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>The seed task with the loss averaged over the steps.</summary>
[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8, LossReduction = LossReduction.Mean)]
public partial class MeanLossAdder<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>A batch network with more than one range of the gradient reduction (over 16,384 parameters) and blocks of 8 sequences.</summary>
[RecurrentNetwork(inputs: 8, hidden: 64, outputs: 8, steps: 5, Cell = CellKind.Lstm, Bias = true,
    OutputActivation = Activation.Softmax, Loss = LossKind.CrossEntropy)]
public partial class WideLstm<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>A GRU large enough for blocks of 8 sequences, with token input in the tests.</summary>
[RecurrentNetwork(inputs: 12, hidden: 40, outputs: 12, steps: 6, Cell = CellKind.Gru, Bias = true,
    OutputActivation = Activation.Softmax, Loss = LossKind.CrossEntropy)]
public partial class WideGru<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>Two stacked LSTM layers with bias and a softmax output, unrolled.</summary>
[RecurrentNetwork(inputs: 3, hidden: 8, outputs: 3, steps: 5, Cell = CellKind.Lstm, Layers = 2, Bias = true,
    OutputActivation = Activation.Softmax, Loss = LossKind.CrossEntropy)]
public partial class StackedLstm<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>The same stack with looped code.</summary>
[RecurrentNetwork(inputs: 3, hidden: 8, outputs: 3, steps: 5, Cell = CellKind.Lstm, Layers = 2, Bias = true,
    OutputActivation = Activation.Softmax, Loss = LossKind.CrossEntropy, Unroll = Unroll.None)]
public partial class LoopedStackedLstm<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>Three stacked Elman layers, unrolled.</summary>
[RecurrentNetwork(inputs: 2, hidden: 6, outputs: 1, steps: 4, HiddenActivation = Activation.Tanh, Layers = 3)]
public partial class StackedElman<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>11 units, unrolled: where vectors are 128 bits, a float row is a pair of registers and a remainder overlapping it (NarrowVectorTests).</summary>
[RecurrentNetwork(inputs: 3, hidden: 11, outputs: 2, steps: 5, HiddenActivation = Activation.Tanh, OutputActivation = Activation.Softmax,
    Loss = LossKind.CrossEntropy, Bias = true)]
public partial class ElevenUnitClassifier<T> where T : unmanaged, IFloatingPointIeee754<T>;
