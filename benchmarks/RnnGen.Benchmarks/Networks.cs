using System.Numerics;

namespace RnnGen.Benchmarks;

// The seed task in every code shape.
[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8, Unroll = Unroll.Full)]
public partial class AdderFull<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8, Unroll = Unroll.None)]
public partial class AdderLooped<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8)]
public partial class AdderAuto<T> where T : unmanaged, IFloatingPointIeee754<T>;

// LSTM and GRU: the seed shape and a larger one.
[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8, Cell = CellKind.Lstm, Bias = true)]
public partial class LstmSmall<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8, Cell = CellKind.Gru, Bias = true)]
public partial class GruSmall<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 32, hidden: 64, outputs: 8, steps: 32, Cell = CellKind.Lstm, Bias = true, OutputActivation = Activation.Identity)]
public partial class LstmLarge<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 32, hidden: 64, outputs: 8, steps: 32, Cell = CellKind.Gru, Bias = true, OutputActivation = Activation.Identity)]
public partial class GruLarge<T> where T : unmanaged, IFloatingPointIeee754<T>;

// The character model of the chars demo: 97-symbol vocabulary, 100 tanh units, 25 steps, softmax and cross-entropy.
[RecurrentNetwork(inputs: 97, hidden: 100, outputs: 97, steps: 25, HiddenActivation = Activation.Tanh,
    OutputActivation = Activation.Softmax, Loss = LossKind.CrossEntropy, Bias = true)]
public partial class CharModel<T> where T : unmanaged, IFloatingPointIeee754<T>;

// char-rnn's default size for the batch benchmarks: 65 symbols, 128 units, 50 steps, softmax and cross-entropy, with
// bias as in torch.nn.LSTM/GRU + Linear (benchmarks/pytorch/bench_rnn.py runs the same networks).
[RecurrentNetwork(inputs: 65, hidden: 128, outputs: 65, steps: 50, Cell = CellKind.Lstm, OutputActivation = Activation.Softmax,
    Loss = LossKind.CrossEntropy, Bias = true)]
public partial class CharRnnLstm<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 65, hidden: 128, outputs: 65, steps: 50, Cell = CellKind.Gru, OutputActivation = Activation.Softmax,
    Loss = LossKind.CrossEntropy, Bias = true)]
public partial class CharRnnGru<T> where T : unmanaged, IFloatingPointIeee754<T>;

// char-rnn's default model: two stacked layers (API.md section 7) at the size above, as torch.nn.LSTM/GRU(num_layers=2)
// + Linear in benchmarks/pytorch/bench_rnn.py.
[RecurrentNetwork(inputs: 65, hidden: 128, outputs: 65, steps: 50, Cell = CellKind.Lstm, Layers = 2, OutputActivation = Activation.Softmax,
    Loss = LossKind.CrossEntropy, Bias = true)]
public partial class CharRnnLstm2<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 65, hidden: 128, outputs: 65, steps: 50, Cell = CellKind.Gru, Layers = 2, OutputActivation = Activation.Softmax,
    Loss = LossKind.CrossEntropy, Bias = true)]
public partial class CharRnnGru2<T> where T : unmanaged, IFloatingPointIeee754<T>;
