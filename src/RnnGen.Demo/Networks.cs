using System.Numerics;

namespace RnnGen.Demo;

// Every network the demo trains, declared the way a user declares one: the generator writes the rest at build time.

// ---- Binary adders: two inputs (bit i of a and of b), 16 sigmoid units, one output (bit i of the sum), one step per
// bit, least significant bit first. One class per unroll mode and width; Unroll.Auto picks Full for all of these. ----

/// <summary>8-bit adder, layout chosen by the generator.</summary>
[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8)]
public partial class Adder8<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>8-bit adder, every step and multiply-add written out.</summary>
[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8, Unroll = Unroll.Full)]
public partial class Adder8Unrolled<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>8-bit adder, looped over steps and rows.</summary>
[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8, Unroll = Unroll.None)]
public partial class Adder8Looped<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>16-bit adder, layout chosen by the generator.</summary>
[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 16)]
public partial class Adder16<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>16-bit adder, unrolled.</summary>
[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 16, Unroll = Unroll.Full)]
public partial class Adder16Unrolled<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>16-bit adder, looped.</summary>
[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 16, Unroll = Unroll.None)]
public partial class Adder16Looped<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>32-bit adder, layout chosen by the generator.</summary>
[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 32)]
public partial class Adder32<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>32-bit adder, unrolled.</summary>
[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 32, Unroll = Unroll.Full)]
public partial class Adder32Unrolled<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>32-bit adder, looped.</summary>
[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 32, Unroll = Unroll.None)]
public partial class Adder32Looped<T> where T : unmanaged, IFloatingPointIeee754<T>;

// ---- The one-neuron next-bit predictor: one input, one sigmoid unit, one sigmoid output, biases, cross-entropy. ----

/// <summary>Reads the bit stream 001001001… one bit per step and gives the probability that the next bit is 1.</summary>
[RecurrentNetwork(inputs: 1, hidden: 1, outputs: 1, steps: NextBitTask.Steps, Bias = true, Loss = LossKind.CrossEntropy)]
public partial class NextBitPredictor<T> where T : unmanaged, IFloatingPointIeee754<T>;

// ---- The classic LSTM toy: 50 inputs, 100 cells, 4 steps, a linear output unit. ----

/// <summary>Learns to answer −0.5, 0.2, 0.1, −0.5 to four fixed random input vectors.</summary>
[RecurrentNetwork(inputs: 50, hidden: 100, outputs: 1, steps: 4, Cell = CellKind.Lstm, Bias = true,
    OutputActivation = Activation.Identity, Unroll = Unroll.None)]
public partial class LstmToy<T> where T : unmanaged, IFloatingPointIeee754<T>;

// ---- Long-gap memory: a bit at step 0, then distractors; the answer is due at the last step. ----

/// <summary>Elman cell with tanh units.</summary>
[RecurrentNetwork(inputs: MemoryTask.Inputs, hidden: MemoryTask.Hidden, outputs: 1, steps: MemoryTask.Steps,
    HiddenActivation = Activation.Tanh, Bias = true)]
public partial class ElmanMemory<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>LSTM cell.</summary>
[RecurrentNetwork(inputs: MemoryTask.Inputs, hidden: MemoryTask.Hidden, outputs: 1, steps: MemoryTask.Steps,
    Cell = CellKind.Lstm, Bias = true)]
public partial class LstmMemory<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>GRU cell.</summary>
[RecurrentNetwork(inputs: MemoryTask.Inputs, hidden: MemoryTask.Hidden, outputs: 1, steps: MemoryTask.Steps,
    Cell = CellKind.Gru, Bias = true)]
public partial class GruMemory<T> where T : unmanaged, IFloatingPointIeee754<T>;

// ---- The character-level language model: one-hot characters in, a softmax over the next character out. ----

/// <summary>100 tanh units reading 25 characters at a time, trained with truncated backpropagation through time.</summary>
[RecurrentNetwork(inputs: CharacterVocabulary.Size, hidden: 100, outputs: CharacterVocabulary.Size, steps: CharacterModelTask.Steps,
    HiddenActivation = Activation.Tanh, OutputActivation = Activation.Softmax, Loss = LossKind.CrossEntropy, Bias = true)]
public partial class CharacterModel<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>
/// char-rnn's default model (Karpathy's char-rnn: <c>-rnn_size 128 -num_layers 2 -model lstm -seq_length 50</c>): two
/// stacked LSTM layers of 128 units (API.md section 7) reading 50 characters at a time.
/// </summary>
[RecurrentNetwork(inputs: CharacterVocabulary.Size, hidden: 128, outputs: CharacterVocabulary.Size, steps: CharacterModels.CharRnnSteps,
    Cell = CellKind.Lstm, Layers = 2, OutputActivation = Activation.Softmax, Loss = LossKind.CrossEntropy, Bias = true)]
public partial class CharRnnModel<T> where T : unmanaged, IFloatingPointIeee754<T>;
