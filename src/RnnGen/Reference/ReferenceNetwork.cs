using System;
using System.Numerics;

namespace RnnGen;

/// <summary>
/// The hand-written, plainly looped implementation of <see cref="IRecurrentNetwork{T}"/> for any shape chosen at run
/// time: every equation of API.md sections 3 and 7 as a loop over indices, with no vectors and no unrolling. It is the
/// oracle the tests compare generated networks against and the baseline the benchmarks measure them against.
/// </summary>
/// <typeparam name="T">The element type; the reference supports every activation, so it needs exp, log and tanh.</typeparam>
public sealed partial class ReferenceNetwork<T> : IBatchNetwork<T>
    where T : INumber<T>, IExponentialFunctions<T>, ILogarithmicFunctions<T>, IHyperbolicFunctions<T>
{
    private readonly ParameterLayout layout;
    private readonly T[] parameters;
    private readonly T[] gradients;

    // Saved by Forward for Backward, step-major: step t (0-based) of a buffer with n values per step starts at t * n.
    private readonly T[] inputs;          // x_t, the first layer's input
    private readonly LayerBuffers[] layers;
    private readonly T[] logits;          // z_t
    private readonly T[] outputs;         // ŷ_t

    // Backward scratch.
    private readonly T[] outputGradient;       // dL/dz for every step
    private readonly T[] stateGradient;        // dL/d(layer state) from step t + 1, then dL/dh_t, then (GRU) the part of dL/dh_{t-1} through z
    private readonly T[] gateGradient;         // dL/d(pre-activation) of every gate at the current step
    private readonly T[] recurrentGateGradient; // GRU: gradient at h_{t-1}·W_h + b_h

    // Token calls are one-hot vectors written out here and run through the dense code, as a plain implementation would.
    private readonly T[] oneHotInputs;
    private readonly T[] oneHotTargets;
    private bool hasForward;
    private bool stepReplacedForward;

    // Evaluate runs in this second network, made at the first call: it shares the parameters, so the saved pass stays.
    private ReferenceNetwork<T>? evaluator;

    /// <summary>What one layer saves in its forward pass, and the gradient that reaches it from the layer above.</summary>
    private sealed class LayerBuffers(int index, LayerParameterBlocks blocks, NetworkShape shape, bool isLast)
    {
        public int Index { get; } = index;

        public LayerParameterBlocks Blocks { get; } = blocks;

        /// <summary>Length of the layer's input x_t: the network's inputs for the first layer, H above it.</summary>
        public int InputWidth { get; } = index == 0 ? shape.Inputs : shape.Hidden;

        /// <summary>The layer's state before step 0 (from the initial state), then after each step: (Steps + 1) × LayerStateSize.</summary>
        public T[] States { get; } = new T[(shape.Steps + 1) * shape.LayerStateSize];

        /// <summary>Activated gate values: LSTM i, f, g, o; GRU r, z, n.</summary>
        public T[] Gates { get; } = new T[shape.Steps * ParameterLayout.GateCount(shape.Cell) * shape.Hidden];

        /// <summary>LSTM: tanh(c_t).</summary>
        public T[] CellTanh { get; } = new T[shape.Cell == CellKind.Lstm ? shape.Steps * shape.Hidden : 0];

        /// <summary>GRU: h_{t-1}·W_h[:, n] + b_h[n], the part of n that r scales.</summary>
        public T[] CandidateInput { get; } = new T[shape.Cell == CellKind.Gru ? shape.Steps * shape.Hidden : 0];

        /// <summary>Below the last layer: dL/dh_t through the layer above, (W_x of the layer above)·d_t of it, for every step.</summary>
        public T[] GradientFromAbove { get; } = new T[isLast ? 0 : shape.Steps * shape.Hidden];
    }

    /// <summary>A network of the given shape with all parameters zero.</summary>
    /// <exception cref="ArgumentException">The shape breaks a rule of API.md.</exception>
    public ReferenceNetwork(NetworkShape shape) : this(Validated(shape), null, null)
    {
    }

    /// <summary>A network of the given shape initialized with <c>Initialize(new Random(seed), 1.0)</c>.</summary>
    public ReferenceNetwork(NetworkShape shape, int seed) : this(shape) => Initialize(new Random(seed), 1.0);

    /// <summary>A network with its own saved pass and scratch, and the given parameters and gradients (new ones when null).</summary>
    private ReferenceNetwork(NetworkShape shape, T[]? sharedParameters, T[]? sharedGradients)
    {
        Shape = shape;
        layout = shape.Layout;
        int steps = shape.Steps, hidden = shape.Hidden, gateWidth = ParameterLayout.GateCount(shape.Cell) * hidden;
        parameters = sharedParameters ?? new T[layout.Count];
        gradients = sharedGradients ?? new T[layout.Count];
        inputs = new T[steps * shape.Inputs];
        layers = new LayerBuffers[shape.Layers];
        for (int l = 0; l < layers.Length; l++)
            layers[l] = new LayerBuffers(l, layout.Layer(l + 1), shape, isLast: l == layers.Length - 1);
        logits = new T[steps * shape.Outputs];
        outputs = new T[steps * shape.Outputs];
        outputGradient = new T[steps * shape.Outputs];
        stateGradient = new T[shape.LayerStateSize + (2 * hidden)];
        gateGradient = new T[gateWidth];
        recurrentGateGradient = new T[gateWidth];
        oneHotInputs = new T[steps * shape.Inputs];
        oneHotTargets = new T[steps * shape.Outputs];
    }

    private static NetworkShape Validated(NetworkShape shape)
    {
        shape.Validate();
        return shape;
    }

    /// <inheritdoc/>
    public NetworkShape Shape { get; }

    /// <inheritdoc/>
    public Span<T> Parameters => parameters;

    /// <inheritdoc/>
    public Span<T> Gradients => gradients;

    /// <summary>Sets parameter p, in layout order, to <c>T.CreateChecked(scale * (2 * random.NextDouble() - 1))</c>.</summary>
    public void Initialize(Random random, double scale)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int p = 0; p < parameters.Length; p++)
            parameters[p] = T.CreateChecked(scale * ((2 * random.NextDouble()) - 1));
    }

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<T> inputs, Span<T> outputs)
    {
        CheckLength(inputs.Length, this.inputs.Length, nameof(inputs));
        CheckLength(outputs.Length, this.outputs.Length, nameof(outputs));
        batchSequences = 0;
        ClearInitialState();
        Run(inputs);
        this.outputs.CopyTo(outputs);
    }

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<T> inputs, Span<T> outputs, ReadOnlySpan<T> initialState, Span<T> finalState)
    {
        CheckLength(inputs.Length, this.inputs.Length, nameof(inputs));
        CheckLength(outputs.Length, this.outputs.Length, nameof(outputs));
        CheckLength(initialState.Length, Shape.StateSize, nameof(initialState));
        CheckLength(finalState.Length, Shape.StateSize, nameof(finalState));
        batchSequences = 0;
        LoadState(initialState, 0);
        Run(inputs);
        this.outputs.CopyTo(outputs);
        StoreState(Shape.Steps, finalState);
    }

    /// <inheritdoc/>
    public T Backward(ReadOnlySpan<T> targets)
    {
        CheckLength(targets.Length, outputs.Length, nameof(targets));
        if (!hasForward)
            ThrowHelper.ThrowBackwardWithoutForward(stepReplacedForward);

        T loss = Loss(targets);

        // From the last layer down: each layer's backward pass leaves the gradient of its input for the layer below.
        Span<T> fromLater = stateGradient.AsSpan(0, Shape.LayerStateSize);
        for (int l = layers.Length - 1; l >= 0; l--)
        {
            LayerBuffers layer = layers[l];
            fromLater.Clear();
            for (int t = Shape.Steps - 1; t >= 0; t--)
            {
                Span<T> hiddenGradient = stateGradient.AsSpan(Shape.LayerStateSize, Shape.Hidden);
                if (l == layers.Length - 1)
                    BackwardThroughOutput(t, hiddenGradient);
                else
                    Step(layer.GradientFromAbove, t, Shape.Hidden).CopyTo(hiddenGradient);
                for (int j = 0; j < Shape.Hidden; j++)
                    hiddenGradient[j] += fromLater[j];

                switch (Shape.Cell)
                {
                    case CellKind.Lstm: BackwardLstmStep(layer, t, hiddenGradient, fromLater); break;
                    case CellKind.Gru: BackwardGruStep(layer, t, hiddenGradient, fromLater); break;
                    default: BackwardElmanStep(layer, t, hiddenGradient, fromLater); break;
                }
            }
        }
        return loss;
    }

    /// <inheritdoc/>
    public T Train(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate)
    {
        CheckLength(inputs.Length, this.inputs.Length, nameof(inputs));
        CheckLength(targets.Length, outputs.Length, nameof(targets));
        ZeroGradients();
        batchSequences = 0;
        ClearInitialState();
        Run(inputs);
        T loss = Backward(targets);
        GradientDescent.Step(parameters, gradients, learningRate);
        return loss;
    }

    /// <inheritdoc/>
    public void ZeroGradients() => Array.Clear(gradients);

    /// <summary>
    /// A new, independent network with this one's shape and parameters, zero gradients and buffers of its own. One
    /// instance is not safe for concurrent calls (every call runs in its buffers): give each thread a clone.
    /// </summary>
    public ReferenceNetwork<T> Clone()
    {
        var clone = new ReferenceNetwork<T>(Shape, null, null);
        parameters.CopyTo(clone.parameters, 0);
        clone.maxDegreeOfParallelism = maxDegreeOfParallelism;
        return clone;
    }

    /// <inheritdoc/>
    public T Evaluate(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets)
    {
        CheckLength(inputs.Length, this.inputs.Length, nameof(inputs));
        CheckLength(targets.Length, outputs.Length, nameof(targets));
        ReferenceNetwork<T> evaluator = this.evaluator ??= new ReferenceNetwork<T>(Shape, parameters, gradients);
        evaluator.ClearInitialState();
        evaluator.Run(inputs);
        return evaluator.Loss(targets);
    }

    /// <inheritdoc/>
    public T Evaluate(ReadOnlySpan<int> tokens, ReadOnlySpan<int> targetTokens)
    {
        ReadOnlySpan<T> targets = OneHot(targetTokens, Shape.Outputs, oneHotTargets, nameof(targetTokens));
        return Evaluate(OneHot(tokens, Shape.Inputs, oneHotInputs, nameof(tokens)), targets);
    }

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<int> tokens, Span<T> outputs) => Forward(OneHot(tokens, Shape.Inputs, oneHotInputs, nameof(tokens)), outputs);

    /// <inheritdoc/>
    public void Forward(ReadOnlySpan<int> tokens, Span<T> outputs, ReadOnlySpan<T> initialState, Span<T> finalState) =>
        Forward(OneHot(tokens, Shape.Inputs, oneHotInputs, nameof(tokens)), outputs, initialState, finalState);

    /// <inheritdoc/>
    public T Backward(ReadOnlySpan<int> targetTokens) => Backward(OneHot(targetTokens, Shape.Outputs, oneHotTargets, nameof(targetTokens)));

    /// <inheritdoc/>
    public T Train(ReadOnlySpan<int> tokens, ReadOnlySpan<int> targetTokens, T learningRate)
    {
        ReadOnlySpan<T> targets = OneHot(targetTokens, Shape.Outputs, oneHotTargets, nameof(targetTokens));
        return Train(OneHot(tokens, Shape.Inputs, oneHotInputs, nameof(tokens)), targets, learningRate);
    }

    /// <inheritdoc/>
    public void Step(ReadOnlySpan<T> input, Span<T> state, Span<T> outputs)
    {
        CheckLength(input.Length, Shape.Inputs, nameof(input));
        CheckLength(state.Length, Shape.StateSize, nameof(state));
        CheckLength(outputs.Length, Shape.Outputs, nameof(outputs));
        input.CopyTo(inputs);
        LoadState(state, 0);
        hasForward = false;
        stepReplacedForward = true;
        batchSequences = 0;
        foreach (LayerBuffers layer in layers)
            ForwardStep(layer, 0);
        ForwardOutput(0);
        StoreState(1, state);
        this.outputs.AsSpan(0, Shape.Outputs).CopyTo(outputs);
    }

    /// <inheritdoc/>
    public void Step(int token, Span<T> state, Span<T> outputs)
    {
        ThrowHelper.ThrowIfTokenOutOfRange(token, Shape.Inputs, nameof(token));
        Span<T> input = oneHotInputs.AsSpan(0, Shape.Inputs);
        input.Clear();
        input[token] = T.One;
        Step(input, state, outputs);
    }

    /// <summary>Writes the one-hot vectors of <paramref name="tokens"/> (each in [0, width)) into <paramref name="buffer"/>.</summary>
    private ReadOnlySpan<T> OneHot(ReadOnlySpan<int> tokens, int width, T[] buffer, string name)
    {
        CheckLength(tokens.Length, Shape.Steps, name);
        ThrowHelper.ThrowIfTokenOutOfRange(tokens, width, name);
        Array.Clear(buffer);
        for (int t = 0; t < tokens.Length; t++)
            buffer[(t * width) + tokens[t]] = T.One;
        return buffer;
    }

    private void Run(ReadOnlySpan<T> sequence)
    {
        sequence.CopyTo(inputs);
        for (int t = 0; t < Shape.Steps; t++)
        {
            foreach (LayerBuffers layer in layers)
                ForwardStep(layer, t);
            ForwardOutput(t);
        }
        hasForward = true;
    }

    private void ForwardStep(LayerBuffers layer, int t)
    {
        switch (Shape.Cell)
        {
            case CellKind.Lstm: ForwardLstmStep(layer, t); break;
            case CellKind.Gru: ForwardGruStep(layer, t); break;
            default: ForwardElmanStep(layer, t); break;
        }
    }

    /// <summary>The state is every layer's state in layer order (API.md section 7); a layer's slot t holds its state before step t.</summary>
    private void LoadState(ReadOnlySpan<T> state, int t)
    {
        foreach (LayerBuffers layer in layers)
            state.Slice(layer.Index * Shape.LayerStateSize, Shape.LayerStateSize).CopyTo(State(layer, t));
    }

    private void StoreState(int t, Span<T> state)
    {
        foreach (LayerBuffers layer in layers)
            State(layer, t).CopyTo(state.Slice(layer.Index * Shape.LayerStateSize, Shape.LayerStateSize));
    }

    private void ClearInitialState()
    {
        foreach (LayerBuffers layer in layers)
            State(layer, 0).Clear();
    }

    // ---- Output layer, shared by every cell: z_t = h_t·W_hy + b_y, ŷ_t = g(z_t). ----

    private void ForwardOutput(int t)
    {
        Span<T> h = Hidden(layers[^1], t + 1), z = Step(logits, t, Shape.Outputs), y = Step(outputs, t, Shape.Outputs);
        for (int o = 0; o < Shape.Outputs; o++)
        {
            T sum = Shape.Bias ? parameters[layout.OutputBias.Offset + o] : T.Zero;
            for (int j = 0; j < Shape.Hidden; j++)
                sum += h[j] * Weight(layout.OutputWeights, j, o);
            z[o] = sum;
        }
        if (Shape.OutputActivation == Activation.Softmax)
            OutputLayer.Softmax<T>(z, y);
        else
        {
            for (int o = 0; o < Shape.Outputs; o++)
                y[o] = Activate(Shape.OutputActivation, z[o]);
        }
    }

    /// <summary>The loss of the saved pass against <paramref name="targets"/>, reduced over the steps; writes dL/dz of every step.</summary>
    private T Loss(ReadOnlySpan<T> targets)
    {
        T loss = T.Zero;
        for (int t = 0; t < Shape.Steps; t++)
            loss += OutputLoss(t, targets.Slice(t * Shape.Outputs, Shape.Outputs));
        return Shape.LossReduction == LossReduction.Mean ? LossReductions.MeanOverSteps<T>(loss, outputGradient, Shape.Steps) : loss;
    }

    private T OutputLoss(int t, ReadOnlySpan<T> target)
    {
        Span<T> z = Step(logits, t, Shape.Outputs), y = Step(outputs, t, Shape.Outputs), dz = Step(outputGradient, t, Shape.Outputs);
        return (Shape.Loss, Shape.OutputActivation) switch
        {
            (LossKind.CrossEntropy, Activation.Softmax) => OutputLayer.SoftmaxCrossEntropy<T>(z, y, target, dz),
            (LossKind.CrossEntropy, _) => OutputLayer.SigmoidCrossEntropy<T>(z, y, target, dz),
            (_, Activation.Softmax) => OutputLayer.SoftmaxSquaredError<T>(y, target, dz),
            (_, Activation.Sigmoid) => OutputLayer.SquaredError<SigmoidOperator<T>, T>(y, target, dz),
            (_, Activation.Tanh) => OutputLayer.SquaredError<TanhOperator<T>, T>(y, target, dz),
            _ => OutputLayer.SquaredError<IdentityOperator<T>, T>(y, target, dz),
        };
    }

    /// <summary>dL/dh_t from the output of step t: Σ_o W_hy[j, o] dz_t[o]; also adds the output layer's gradients.</summary>
    private void BackwardThroughOutput(int t, Span<T> hiddenGradient)
    {
        Span<T> h = Hidden(layers[^1], t + 1), dz = Step(outputGradient, t, Shape.Outputs);
        for (int j = 0; j < Shape.Hidden; j++)
        {
            T sum = T.Zero;
            for (int o = 0; o < Shape.Outputs; o++)
            {
                sum += Weight(layout.OutputWeights, j, o) * dz[o];
                Gradient(layout.OutputWeights, j, o) += h[j] * dz[o];
            }
            hiddenGradient[j] = sum;
        }
        if (Shape.Bias)
        {
            for (int o = 0; o < Shape.Outputs; o++)
                gradients[layout.OutputBias.Offset + o] += dz[o];
        }
    }

    // ---- Shared pieces of the cells. ----

    /// <summary>Σ_i x_t[i]·W_x[i, c] (+ the input bias) for one column c of a layer's gate blocks.</summary>
    private T InputPart(LayerBuffers layer, int t, int column)
    {
        T sum = Shape.Bias ? parameters[layer.Blocks.HiddenBias.Offset + column] : T.Zero;
        Span<T> x = Input(layer, t);
        for (int i = 0; i < layer.InputWidth; i++)
            sum += x[i] * Weight(layer.Blocks.InputWeights, i, column);
        return sum;
    }

    /// <summary>Σ_k h_{t-1}[k]·W_h[k, c] (+ the recurrent bias when asked for) for one column c of a layer's gate blocks.</summary>
    private T RecurrentPart(LayerBuffers layer, int t, int column, bool withBias)
    {
        T sum = withBias && Shape.Bias ? parameters[layer.Blocks.RecurrentBias.Offset + column] : T.Zero;
        Span<T> previous = Hidden(layer, t);
        for (int k = 0; k < Shape.Hidden; k++)
            sum += previous[k] * Weight(layer.Blocks.RecurrentWeights, k, column);
        return sum;
    }

    /// <summary>
    /// Adds the gradients of a layer's gate pre-activations at step t to its W_x, W_h and biases; above the first layer,
    /// also writes the gradient of its input, dL/dx_t[k] = Σ_c W_x[k, c] · inputGradient[c], for the layer below.
    /// </summary>
    private void AccumulateGateGradients(LayerBuffers layer, int t, ReadOnlySpan<T> inputGradient, ReadOnlySpan<T> recurrentGradient)
    {
        Span<T> x = Input(layer, t), previous = Hidden(layer, t);
        LayerParameterBlocks blocks = layer.Blocks;
        for (int c = 0; c < inputGradient.Length; c++)
        {
            for (int i = 0; i < layer.InputWidth; i++)
                Gradient(blocks.InputWeights, i, c) += x[i] * inputGradient[c];
            for (int k = 0; k < Shape.Hidden; k++)
                Gradient(blocks.RecurrentWeights, k, c) += previous[k] * recurrentGradient[c];
            if (Shape.Bias)
                gradients[blocks.HiddenBias.Offset + c] += inputGradient[c];
            if (blocks.RecurrentBias.Length > 0)
                gradients[blocks.RecurrentBias.Offset + c] += recurrentGradient[c];
        }
        if (layer.Index == 0)
            return;
        Span<T> inputGradientBelow = Step(layers[layer.Index - 1].GradientFromAbove, t, Shape.Hidden);
        for (int k = 0; k < Shape.Hidden; k++)
        {
            T sum = T.Zero;
            for (int c = 0; c < inputGradient.Length; c++)
                sum += Weight(blocks.InputWeights, k, c) * inputGradient[c];
            inputGradientBelow[k] = sum;
        }
    }

    /// <summary>dL/dh_{t-1}[k] through a layer's recurrent weights: Σ_c W_h[k, c] · recurrentGradient[c].</summary>
    private void BackwardThroughRecurrentWeights(LayerBuffers layer, ReadOnlySpan<T> recurrentGradient, Span<T> previousHiddenGradient)
    {
        for (int k = 0; k < Shape.Hidden; k++)
        {
            T sum = T.Zero;
            for (int c = 0; c < recurrentGradient.Length; c++)
                sum += Weight(layer.Blocks.RecurrentWeights, k, c) * recurrentGradient[c];
            previousHiddenGradient[k] = sum;
        }
    }

    // ---- Indexing helpers. ----

    private T Weight(ParameterBlock block, int row, int column) => parameters[block.Offset + (row * block.Columns) + column];

    private ref T Gradient(ParameterBlock block, int row, int column) => ref gradients[block.Offset + (row * block.Columns) + column];

    /// <summary>A layer's state before step <paramref name="t"/> (0-based) when t &lt; Steps, its final state when t = Steps.</summary>
    private Span<T> State(LayerBuffers layer, int t) => layer.States.AsSpan(t * Shape.LayerStateSize, Shape.LayerStateSize);

    /// <summary>h part of <see cref="State"/>.</summary>
    private Span<T> Hidden(LayerBuffers layer, int t) => layer.States.AsSpan(t * Shape.LayerStateSize, Shape.Hidden);

    /// <summary>A layer's input at step <paramref name="t"/>: x_t for the first layer, h_t of the layer below otherwise.</summary>
    private Span<T> Input(LayerBuffers layer, int t) =>
        layer.Index == 0 ? Step(inputs, t, Shape.Inputs) : Hidden(layers[layer.Index - 1], t + 1);

    private static Span<T> Step(T[] buffer, int t, int width) => buffer.AsSpan(t * width, width);

    private static T Activate(Activation activation, T x) => activation switch
    {
        Activation.Sigmoid => SigmoidOperator<T>.Invoke(x),
        Activation.Tanh => TanhOperator<T>.Invoke(x),
        Activation.Relu => ReluOperator<T>.Invoke(x),
        _ => IdentityOperator<T>.Invoke(x),
    };

    private static T DerivativeFromOutput(Activation activation, T y) => activation switch
    {
        Activation.Sigmoid => SigmoidOperator<T>.DerivativeFromOutput(y),
        Activation.Tanh => TanhOperator<T>.DerivativeFromOutput(y),
        Activation.Relu => ReluOperator<T>.DerivativeFromOutput(y),
        _ => IdentityOperator<T>.DerivativeFromOutput(y),
    };

    private static void CheckLength(int actual, int expected, string name) => ThrowHelper.ThrowIfWrongLength(actual, expected, name);
}
