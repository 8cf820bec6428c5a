using System;
using System.Numerics;

namespace RnnGen;

/// <summary>
/// The hand-written, plainly looped implementation of <see cref="IRecurrentNetwork{T}"/> for any shape chosen at run
/// time: every equation of API.md section 3 as a loop over indices, with no vectors and no unrolling. It is the oracle
/// the tests compare generated networks against and the baseline the benchmarks measure them against.
/// </summary>
/// <typeparam name="T">The element type; the reference supports every activation, so it needs exp, log and tanh.</typeparam>
public sealed partial class ReferenceNetwork<T> : IBatchNetwork<T>
    where T : INumber<T>, IExponentialFunctions<T>, ILogarithmicFunctions<T>, IHyperbolicFunctions<T>
{
    private readonly ParameterLayout layout;
    private readonly T[] parameters;
    private readonly T[] gradients;

    // Saved by Forward for Backward, step-major: step t (0-based) of a buffer with n values per step starts at t * n.
    private readonly T[] inputs;          // x_t
    private readonly T[] states;          // state before step 0 (h_0), then after each step: (Steps + 1) × StateSize
    private readonly T[] gates;           // activated gate values: LSTM i, f, g, o; GRU r, z, n
    private readonly T[] cellTanh;        // LSTM: tanh(c_t)
    private readonly T[] candidateInput;  // GRU: h_{t-1}·W_h[:, n] + b_h[n], the part of n that r scales
    private readonly T[] logits;          // z_t
    private readonly T[] outputs;         // ŷ_t

    // Backward scratch.
    private readonly T[] outputGradient;       // dL/dz for every step
    private readonly T[] stateGradient;        // dL/d(state) from step t + 1, then dL/dh_t, then (GRU) the part of dL/dh_{t-1} through z
    private readonly T[] gateGradient;         // dL/d(pre-activation) of every gate at the current step
    private readonly T[] recurrentGateGradient; // GRU: gradient at h_{t-1}·W_h + b_h

    // Token calls are one-hot vectors written out here and run through the dense code, as a plain implementation would.
    private readonly T[] oneHotInputs;
    private readonly T[] oneHotTargets;
    private bool hasForward;
    private bool stepReplacedForward;

    // Evaluate runs in this second network, made at the first call: it shares the parameters, so the saved pass stays.
    private ReferenceNetwork<T>? evaluator;

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
        states = new T[(steps + 1) * shape.StateSize];
        gates = new T[steps * gateWidth];
        cellTanh = new T[shape.Cell == CellKind.Lstm ? steps * hidden : 0];
        candidateInput = new T[shape.Cell == CellKind.Gru ? steps * hidden : 0];
        logits = new T[steps * shape.Outputs];
        outputs = new T[steps * shape.Outputs];
        outputGradient = new T[steps * shape.Outputs];
        stateGradient = new T[shape.StateSize + (2 * hidden)];
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
        states.AsSpan(0, Shape.StateSize).Clear();
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
        initialState.CopyTo(states);
        Run(inputs);
        this.outputs.CopyTo(outputs);
        State(Shape.Steps).CopyTo(finalState);
    }

    /// <inheritdoc/>
    public T Backward(ReadOnlySpan<T> targets)
    {
        CheckLength(targets.Length, outputs.Length, nameof(targets));
        if (!hasForward)
            ThrowHelper.ThrowBackwardWithoutForward(stepReplacedForward);

        T loss = Loss(targets);
        Span<T> fromLater = stateGradient.AsSpan(0, Shape.StateSize);
        fromLater.Clear();
        for (int t = Shape.Steps - 1; t >= 0; t--)
        {
            Span<T> hiddenGradient = stateGradient.AsSpan(Shape.StateSize, Shape.Hidden);
            BackwardThroughOutput(t, hiddenGradient);
            for (int j = 0; j < Shape.Hidden; j++)
                hiddenGradient[j] += fromLater[j];

            switch (Shape.Cell)
            {
                case CellKind.Lstm: BackwardLstmStep(t, hiddenGradient, fromLater); break;
                case CellKind.Gru: BackwardGruStep(t, hiddenGradient, fromLater); break;
                default: BackwardElmanStep(t, hiddenGradient, fromLater); break;
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
        states.AsSpan(0, Shape.StateSize).Clear();
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
        evaluator.states.AsSpan(0, Shape.StateSize).Clear();
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
        state.CopyTo(states);
        hasForward = false;
        stepReplacedForward = true;
        batchSequences = 0;
        switch (Shape.Cell)
        {
            case CellKind.Lstm: ForwardLstmStep(0); break;
            case CellKind.Gru: ForwardGruStep(0); break;
            default: ForwardElmanStep(0); break;
        }
        ForwardOutput(0);
        State(1).CopyTo(state);
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
            switch (Shape.Cell)
            {
                case CellKind.Lstm: ForwardLstmStep(t); break;
                case CellKind.Gru: ForwardGruStep(t); break;
                default: ForwardElmanStep(t); break;
            }
            ForwardOutput(t);
        }
        hasForward = true;
    }

    // ---- Output layer, shared by every cell: z_t = h_t·W_hy + b_y, ŷ_t = g(z_t). ----

    private void ForwardOutput(int t)
    {
        Span<T> h = Hidden(t + 1), z = Step(logits, t, Shape.Outputs), y = Step(outputs, t, Shape.Outputs);
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
        Span<T> h = Hidden(t + 1), dz = Step(outputGradient, t, Shape.Outputs);
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

    /// <summary>Σ_i x_t[i]·W_x[i, c] + Σ_k h_{t-1}[k]·W_h[k, c] (+ bias) for one column c of the gate blocks.</summary>
    private T InputPart(int t, int column)
    {
        T sum = Shape.Bias ? parameters[layout.HiddenBias.Offset + column] : T.Zero;
        Span<T> x = Step(inputs, t, Shape.Inputs);
        for (int i = 0; i < Shape.Inputs; i++)
            sum += x[i] * Weight(layout.InputWeights, i, column);
        return sum;
    }

    private T RecurrentPart(int t, int column, bool withBias)
    {
        T sum = withBias && Shape.Bias ? parameters[layout.RecurrentBias.Offset + column] : T.Zero;
        Span<T> previous = Hidden(t);
        for (int k = 0; k < Shape.Hidden; k++)
            sum += previous[k] * Weight(layout.RecurrentWeights, k, column);
        return sum;
    }

    /// <summary>Adds the gradients of the gate pre-activations of step t to W_x, W_h and the biases.</summary>
    private void AccumulateGateGradients(int t, ReadOnlySpan<T> inputGradient, ReadOnlySpan<T> recurrentGradient)
    {
        Span<T> x = Step(inputs, t, Shape.Inputs), previous = Hidden(t);
        for (int c = 0; c < inputGradient.Length; c++)
        {
            for (int i = 0; i < Shape.Inputs; i++)
                Gradient(layout.InputWeights, i, c) += x[i] * inputGradient[c];
            for (int k = 0; k < Shape.Hidden; k++)
                Gradient(layout.RecurrentWeights, k, c) += previous[k] * recurrentGradient[c];
            if (Shape.Bias)
                gradients[layout.HiddenBias.Offset + c] += inputGradient[c];
            if (layout.RecurrentBias.Length > 0)
                gradients[layout.RecurrentBias.Offset + c] += recurrentGradient[c];
        }
    }

    /// <summary>dL/dh_{t-1}[k] through the recurrent weights: Σ_c W_h[k, c] · recurrentGradient[c].</summary>
    private void BackwardThroughRecurrentWeights(ReadOnlySpan<T> recurrentGradient, Span<T> previousHiddenGradient)
    {
        for (int k = 0; k < Shape.Hidden; k++)
        {
            T sum = T.Zero;
            for (int c = 0; c < recurrentGradient.Length; c++)
                sum += Weight(layout.RecurrentWeights, k, c) * recurrentGradient[c];
            previousHiddenGradient[k] = sum;
        }
    }

    // ---- Indexing helpers. ----

    private T Weight(ParameterBlock block, int row, int column) => parameters[block.Offset + (row * block.Columns) + column];

    private ref T Gradient(ParameterBlock block, int row, int column) => ref gradients[block.Offset + (row * block.Columns) + column];

    /// <summary>The state before step <paramref name="t"/> (0-based) when t &lt; Steps, the final state when t = Steps.</summary>
    private Span<T> State(int t) => states.AsSpan(t * Shape.StateSize, Shape.StateSize);

    /// <summary>h part of <see cref="State"/>.</summary>
    private Span<T> Hidden(int t) => states.AsSpan(t * Shape.StateSize, Shape.Hidden);

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
