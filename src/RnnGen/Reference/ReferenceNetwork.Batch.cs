using System;

namespace RnnGen;

// API.md section 6, the plain way: a loop over the sequences that calls the single-sequence code for each. BackwardBatch
// runs each sequence's forward pass again before its backward pass, so the reference keeps one sequence's activations
// at a time. It runs on the calling thread whatever MaxDegreeOfParallelism says, which the contract allows.
//
// What BackwardBatch differentiates, as in the generated code: the activations of the last ForwardBatch (TrainBatch's
// included), computed with the parameters of that moment, and its products with the weights use the parameters as they
// are now, as Backward after Train does. So when the parameters have changed since (a TrainBatch's update, or the
// caller's), each forward pass runs again with the parameters ForwardBatch saw. Every batch call replaces the
// single-sequence activations: Backward after it throws, as BackwardBatch does after a single-sequence call.
public sealed partial class ReferenceNetwork<T>
{
    private int maxDegreeOfParallelism = Environment.ProcessorCount;
    private int batchSequences;           // B of the ForwardBatch whose inputs are saved; 0 when there is none
    private bool batchFromZeroState;
    private T[] batchInputs = [];         // B × Steps × Inputs (one-hot vectors for token calls)
    private T[] batchInitialStates = [];  // B × StateSize
    private T[] batchTargets = [];        // B × Steps × Outputs: one-hot targets of token calls
    private T[] batchOutputs = [];        // TrainBatch's outputs, which nobody reads
    private T[] gradientsBefore = [];     // Gradients before BackwardBatch, to which the mean is added
    private T[] batchParameters = [];     // the parameters ForwardBatch ran with
    private T[] currentParameters = [];   // BackwardBatch's copy of the parameters while it reruns a forward pass with batchParameters

    /// <inheritdoc/>
    public int MaxDegreeOfParallelism
    {
        get => maxDegreeOfParallelism;
        set => maxDegreeOfParallelism = ThrowHelper.CheckDegreeOfParallelism(value);
    }

    /// <inheritdoc/>
    public void ForwardBatch(ReadOnlySpan<T> inputs, Span<T> outputs) => RunBatch(inputs, outputs, default, default, withStates: false);

    /// <inheritdoc/>
    public void ForwardBatch(ReadOnlySpan<T> inputs, Span<T> outputs, ReadOnlySpan<T> initialStates, Span<T> finalStates) =>
        RunBatch(inputs, outputs, initialStates, finalStates, withStates: true);

    /// <inheritdoc/>
    public void ForwardBatch(ReadOnlySpan<int> tokens, Span<T> outputs) =>
        RunBatch(BatchOneHot(tokens, Shape.Inputs, ref batchInputs, nameof(tokens)), outputs, default, default, withStates: false);

    /// <inheritdoc/>
    public void ForwardBatch(ReadOnlySpan<int> tokens, Span<T> outputs, ReadOnlySpan<T> initialStates, Span<T> finalStates) =>
        RunBatch(BatchOneHot(tokens, Shape.Inputs, ref batchInputs, nameof(tokens)), outputs, initialStates, finalStates, withStates: true);

    /// <inheritdoc/>
    public T BackwardBatch(ReadOnlySpan<T> targets)
    {
        if (batchSequences == 0)
            ThrowHelper.ThrowBackwardBatchBeforeForwardBatch();
        int sequences = ThrowHelper.BatchSize(targets.Length, Shape.Steps * Shape.Outputs, nameof(targets));
        ThrowHelper.ThrowIfOtherBatchSize(sequences, batchSequences, nameof(targets));

        // Σ_b of each sequence's gradient, then Gradients = before + (1/B)·Σ: the mean is scaled once, at the end.
        if (gradientsBefore.Length != gradients.Length)
            gradientsBefore = new T[gradients.Length];
        gradients.CopyTo(gradientsBefore, 0);
        Array.Clear(gradients);
        int sequenceInputs = Shape.Steps * Shape.Inputs, sequenceTargets = Shape.Steps * Shape.Outputs;
        bool parametersChanged = !parameters.AsSpan().SequenceEqual(batchParameters.AsSpan(0, parameters.Length));
        if (parametersChanged)
        {
            Grow(ref currentParameters, parameters.Length);
            parameters.CopyTo(currentParameters, 0);
        }
        T loss = T.Zero;
        for (int b = 0; b < sequences; b++)
        {
            LoadInitialState(b);
            if (parametersChanged)
                batchParameters.CopyTo(parameters, 0);
            Run(batchInputs.AsSpan(b * sequenceInputs, sequenceInputs));
            if (parametersChanged)
                currentParameters.AsSpan(0, parameters.Length).CopyTo(parameters);
            loss += Backward(targets.Slice(b * sequenceTargets, sequenceTargets));
        }
        BatchReplacedForward();
        T scale = T.One / T.CreateChecked(sequences);
        for (int p = 0; p < gradients.Length; p++)
            gradients[p] = gradientsBefore[p] + (gradients[p] * scale);
        return loss * scale;
    }

    /// <inheritdoc/>
    public T BackwardBatch(ReadOnlySpan<int> targetTokens)
    {
        if (batchSequences == 0)
            ThrowHelper.ThrowBackwardBatchBeforeForwardBatch();
        return BackwardBatch(BatchOneHot(targetTokens, Shape.Outputs, ref batchTargets, nameof(targetTokens)));
    }

    /// <inheritdoc/>
    public T TrainBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate)
    {
        int sequences = ThrowHelper.BatchSize(inputs.Length, Shape.Steps * Shape.Inputs, nameof(inputs));
        CheckLength(targets.Length, sequences * Shape.Steps * Shape.Outputs, nameof(targets));
        ZeroGradients();
        RunBatch(inputs, OutputScratch(sequences), default, default, withStates: false);
        T loss = BackwardBatch(targets);
        GradientDescent.Step(parameters, gradients, learningRate);
        return loss;
    }

    /// <inheritdoc/>
    public T TrainBatch(ReadOnlySpan<int> tokens, ReadOnlySpan<int> targetTokens, T learningRate)
    {
        int sequences = ThrowHelper.BatchSize(tokens.Length, Shape.Steps, nameof(tokens));
        CheckLength(targetTokens.Length, tokens.Length, nameof(targetTokens));
        ThrowHelper.ThrowIfTokenOutOfRange(targetTokens, Shape.Outputs, nameof(targetTokens));
        ZeroGradients();
        RunBatch(BatchOneHot(tokens, Shape.Inputs, ref batchInputs, nameof(tokens)), OutputScratch(sequences), default, default, withStates: false);
        T loss = BackwardBatch(BatchOneHot(targetTokens, Shape.Outputs, ref batchTargets, nameof(targetTokens)));
        GradientDescent.Step(parameters, gradients, learningRate);
        return loss;
    }

    /// <inheritdoc/>
    public void StepBatch(ReadOnlySpan<T> inputs, Span<T> states, Span<T> outputs)
    {
        int sequences = ThrowHelper.BatchSize(inputs.Length, Shape.Inputs, nameof(inputs));
        CheckLength(states.Length, sequences * Shape.StateSize, nameof(states));
        CheckLength(outputs.Length, sequences * Shape.Outputs, nameof(outputs));
        for (int b = 0; b < sequences; b++)
            Step(inputs.Slice(b * Shape.Inputs, Shape.Inputs), states.Slice(b * Shape.StateSize, Shape.StateSize), outputs.Slice(b * Shape.Outputs, Shape.Outputs));
        batchSequences = 0;
        BatchReplacedForward();
    }

    /// <inheritdoc/>
    public void StepBatch(ReadOnlySpan<int> tokens, Span<T> states, Span<T> outputs)
    {
        int sequences = ThrowHelper.BatchSize(tokens.Length, 1, nameof(tokens));
        CheckLength(states.Length, sequences * Shape.StateSize, nameof(states));
        CheckLength(outputs.Length, sequences * Shape.Outputs, nameof(outputs));
        ThrowHelper.ThrowIfTokenOutOfRange(tokens, Shape.Inputs, nameof(tokens));
        for (int b = 0; b < sequences; b++)
            Step(tokens[b], states.Slice(b * Shape.StateSize, Shape.StateSize), outputs.Slice(b * Shape.Outputs, Shape.Outputs));
        batchSequences = 0;
        BatchReplacedForward();
    }

    private void RunBatch(ReadOnlySpan<T> inputs, Span<T> outputs, ReadOnlySpan<T> initialStates, Span<T> finalStates, bool withStates)
    {
        int sequenceInputs = Shape.Steps * Shape.Inputs, sequenceOutputs = Shape.Steps * Shape.Outputs, stateSize = Shape.StateSize;
        int sequences = ThrowHelper.BatchSize(inputs.Length, sequenceInputs, nameof(inputs));
        CheckLength(outputs.Length, sequences * sequenceOutputs, nameof(outputs));
        if (withStates)
        {
            CheckLength(initialStates.Length, sequences * stateSize, nameof(initialStates));
            CheckLength(finalStates.Length, sequences * stateSize, nameof(finalStates));
        }

        // The inputs may already be the saved one-hot buffer (token calls); otherwise keep a copy for BackwardBatch.
        Grow(ref batchInputs, sequences * sequenceInputs);
        if (!inputs.Overlaps(batchInputs))
            inputs.CopyTo(batchInputs);
        batchFromZeroState = !withStates;
        if (withStates)
        {
            Grow(ref batchInitialStates, sequences * stateSize);
            initialStates.CopyTo(batchInitialStates);
        }
        for (int b = 0; b < sequences; b++)
        {
            LoadInitialState(b);
            Run(batchInputs.AsSpan(b * sequenceInputs, sequenceInputs));
            this.outputs.CopyTo(outputs.Slice(b * sequenceOutputs, sequenceOutputs));
            if (withStates)
                StoreState(Shape.Steps, finalStates.Slice(b * stateSize, stateSize));
        }
        Grow(ref batchParameters, parameters.Length);
        parameters.CopyTo(batchParameters, 0);
        BatchReplacedForward();
        batchSequences = sequences;
    }

    /// <summary>A batch call ran in the single-sequence workspace: Backward has no Forward pass left to differentiate.</summary>
    private void BatchReplacedForward()
    {
        hasForward = false;
        stepReplacedForward = true;   // the message names Step or a batch call
    }

    /// <summary>Puts sequence b's initial state (zero, or the one ForwardBatch was given) before step 0.</summary>
    private void LoadInitialState(int b)
    {
        if (batchFromZeroState)
            ClearInitialState();
        else
            LoadState(batchInitialStates.AsSpan(b * Shape.StateSize, Shape.StateSize), 0);
    }

    /// <summary>One-hot vectors of B sequences of tokens (each in [0, width)) in <paramref name="buffer"/>, grown as needed.</summary>
    private ReadOnlySpan<T> BatchOneHot(ReadOnlySpan<int> tokens, int width, ref T[] buffer, string name)
    {
        int sequences = ThrowHelper.BatchSize(tokens.Length, Shape.Steps, name);
        ThrowHelper.ThrowIfTokenOutOfRange(tokens, width, name);
        Grow(ref buffer, sequences * Shape.Steps * width);
        Span<T> values = buffer.AsSpan(0, sequences * Shape.Steps * width);
        values.Clear();
        for (int i = 0; i < tokens.Length; i++)
            values[(i * width) + tokens[i]] = T.One;
        return values;
    }

    private Span<T> OutputScratch(int sequences)
    {
        Grow(ref batchOutputs, sequences * Shape.Steps * Shape.Outputs);
        return batchOutputs.AsSpan(0, sequences * Shape.Steps * Shape.Outputs);
    }

    /// <summary>Makes <paramref name="buffer"/> at least <paramref name="length"/> long; allocates only when a batch is larger than any before.</summary>
    private static void Grow(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
            buffer = new T[length];
    }
}
