using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace RnnGen;

/// <summary>
/// The part of a generated network's batch path that does not depend on the shape: checking the spans, copying
/// sequences in and out of the batch workspace, handing blocks of sequences to <see cref="BatchWorkers"/>, and
/// summing the blocks' gradients and losses in a fixed order. The generator derives a class per network that
/// computes one block forward and backward with the shape's constants.
/// </summary>
/// <remarks>
/// Determinism: a block is <see cref="BatchLayout.SequencesPerBlock"/> consecutive sequences, whatever the thread
/// count; each block writes its sequences' activations and losses, and its own gradient buffer with the sum of its
/// sequences' losses (in sequence order) after the gradient. The buffers are then added pairwise along a tree fixed by
/// the number of blocks alone (see <see cref="Merge"/>), so every result is bitwise the same for any
/// <see cref="MaxDegreeOfParallelism"/>.
/// <para>Locality: a block copies its own sequences in from the caller's spans (pinned for the duration of the call) and
/// its outputs and final states out, so a block's part of the workspace is only ever touched by the thread that
/// computes it, which the worker pool keeps the same from call to call. Copying on the calling thread instead moved a
/// few cache lines of every sequence between the cores on every call, which cost the small adder most of what a
/// second thread gave. For the same reason the blocks' gradients are summed by the threads that computed them, as
/// the blocks finish: with two threads each sums its own share, and only the last sum reads the other core's buffer
/// (summing all the buffers on the calling thread after the blocks read every buffer of the other core's share).</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class BatchRunner<T> : IBatchJob where T : INumber<T>
{
    /// <summary>Parameters per item of the last step: each item adds this many parameters of the blocks' sum to Gradients (and takes the gradient step).</summary>
    private const int ReductionRange = 16 * 1024;

    private readonly AlignedArray<T> parameters;
    private readonly AlignedArray<T> gradients;
    private readonly BatchLayout layout;
    private readonly int gradientStride;
    private AlignedArray<T> workspace;
    private AlignedArray<T> blockGradients;
    private T[] losses = [];
    private PaddedCounter[] arrivals = [];
    private int[] tokens = [];
    private int[] targetTokens = [];
    private int capacity;
    private int maxDegreeOfParallelism;

    // The call in progress, read by the items.
    private Phase phase;
    private int sequences;
    private int blockCount;
    private bool inputsAreTokens;
    private bool targetsAreTokens;
    private bool fromZeroState;
    private CallSpans call;
    private bool update;
    private T scale = T.Zero;
    private T learningRate = T.Zero;

    /// <summary>B of the ForwardBatch whose activations are in the workspace; 0 when there are none.</summary>
    private int savedSequences;

    private enum Phase { Forward, Backward, ForwardBackward, Step, Reduce }

    /// <summary>
    /// Where the caller's spans of the call in progress start (pinned while the items run; zero when a call has none):
    /// dense inputs (Steps × Inputs per sequence; Inputs for a step), dense targets, initial states (or the states a step
    /// starts from), outputs, and final states (or the states a step ends in).
    /// </summary>
    private readonly record struct CallSpans(nint Inputs, nint Targets, nint InitialStates, nint Outputs, nint FinalStates);

    /// <summary>A runner over the network's own parameter and gradient arrays.</summary>
    protected BatchRunner(AlignedArray<T> parameters, AlignedArray<T> gradients, BatchLayout layout, int maxDegreeOfParallelism)
    {
        this.parameters = parameters;
        this.gradients = gradients;
        this.layout = layout;
        gradientStride = (LossSlot + 1 + 15) & ~15;
        this.maxDegreeOfParallelism = ThrowHelper.CheckDegreeOfParallelism(maxDegreeOfParallelism);
    }

    /// <summary>Where a block's gradient buffer holds the sum of its sequences' losses: just after the gradient.</summary>
    private int LossSlot => layout.ParameterCount;

    /// <summary>Threads a call may use.</summary>
    public int MaxDegreeOfParallelism
    {
        get => maxDegreeOfParallelism;
        set => maxDegreeOfParallelism = ThrowHelper.CheckDegreeOfParallelism(value);
    }

    /// <summary>Forgets the saved batch activations: a single-sequence call replaced the network's activations.</summary>
    public void Invalidate() => savedSequences = 0;

    /// <summary>W_h transposed and the like, computed from the parameters before a backward pass (on the calling thread).</summary>
    protected abstract void PrepareBackward(ref T parameters, ref T shared);

    /// <summary>
    /// Runs steps 1 .. <paramref name="steps"/> of <paramref name="count"/> sequences whose regions start at
    /// <paramref name="sequences"/>, from the states in their regions; <paramref name="tokens"/> holds Steps tokens per
    /// sequence for token input and is empty for dense input (already in the regions).
    /// </summary>
    protected abstract void ForwardBlock(ref T parameters, ref T sequences, int count, int steps, bool fromZeroState, ReadOnlySpan<int> tokens);

    /// <summary>
    /// The backward pass of <paramref name="count"/> sequences against the targets in their regions: writes each
    /// sequence's loss and adds the block's gradient (a sum over its sequences) to <paramref name="gradients"/>, which is zero.
    /// </summary>
    protected abstract void BackwardBlock(ref T parameters, ref T shared, ref T sequences, int count, bool fromZeroState, ReadOnlySpan<int> tokens, Span<T> losses, ref T gradients);

    /// <summary><see cref="IBatchNetwork{T}.ForwardBatch(ReadOnlySpan{T}, Span{T})"/>.</summary>
    public void ForwardBatch(ReadOnlySpan<T> inputs, Span<T> outputs) => Forward(inputs, default, false, outputs, default, default, withStates: false);

    /// <summary><see cref="IBatchNetwork{T}.ForwardBatch(ReadOnlySpan{T}, Span{T}, ReadOnlySpan{T}, Span{T})"/>.</summary>
    public void ForwardBatch(ReadOnlySpan<T> inputs, Span<T> outputs, ReadOnlySpan<T> initialStates, Span<T> finalStates) =>
        Forward(inputs, default, false, outputs, initialStates, finalStates, withStates: true);

    /// <summary><see cref="IBatchNetwork{T}.ForwardBatch(ReadOnlySpan{int}, Span{T})"/>.</summary>
    public void ForwardBatch(ReadOnlySpan<int> tokens, Span<T> outputs) => Forward(default, tokens, true, outputs, default, default, withStates: false);

    /// <summary><see cref="IBatchNetwork{T}.ForwardBatch(ReadOnlySpan{int}, Span{T}, ReadOnlySpan{T}, Span{T})"/>.</summary>
    public void ForwardBatch(ReadOnlySpan<int> tokens, Span<T> outputs, ReadOnlySpan<T> initialStates, Span<T> finalStates) =>
        Forward(default, tokens, true, outputs, initialStates, finalStates, withStates: true);

    /// <summary><see cref="IBatchNetwork{T}.BackwardBatch(ReadOnlySpan{T})"/>.</summary>
    public unsafe T BackwardBatch(ReadOnlySpan<T> targets)
    {
        CheckBackward(targets.Length, layout.Steps * layout.Outputs, nameof(targets));
        targetsAreTokens = false;
        fixed (byte* y = &Bytes(targets))
        {
            call = new CallSpans(0, (nint)y, 0, 0, 0);
            return Backward();
        }
    }

    /// <summary><see cref="IBatchNetwork{T}.BackwardBatch(ReadOnlySpan{int})"/>.</summary>
    public T BackwardBatch(ReadOnlySpan<int> targetTokens)
    {
        CheckBackward(targetTokens.Length, layout.Steps, nameof(targetTokens));
        ThrowHelper.ThrowIfTokenOutOfRange(targetTokens, layout.Outputs, nameof(targetTokens));
        SaveTargetTokens(targetTokens);
        call = default;
        return Backward();
    }

    /// <summary><see cref="IBatchNetwork{T}.TrainBatch(ReadOnlySpan{T}, ReadOnlySpan{T}, T)"/>.</summary>
    public unsafe T TrainBatch(ReadOnlySpan<T> inputs, ReadOnlySpan<T> targets, T learningRate)
    {
        int count = ThrowHelper.BatchSize(inputs.Length, layout.Steps * layout.Inputs, nameof(inputs));
        ThrowHelper.ThrowIfWrongLength(targets.Length, count * layout.Steps * layout.Outputs, nameof(targets));
        Begin(count);
        inputsAreTokens = false;
        targetsAreTokens = false;
        fixed (byte* x = &Bytes(inputs), y = &Bytes(targets))
        {
            call = new CallSpans((nint)x, (nint)y, 0, 0, 0);
            return Train(learningRate);
        }
    }

    /// <summary><see cref="IBatchNetwork{T}.TrainBatch(ReadOnlySpan{int}, ReadOnlySpan{int}, T)"/>.</summary>
    public T TrainBatch(ReadOnlySpan<int> tokens, ReadOnlySpan<int> targetTokens, T learningRate)
    {
        int count = ThrowHelper.BatchSize(tokens.Length, layout.Steps, nameof(tokens));
        ThrowHelper.ThrowIfWrongLength(targetTokens.Length, tokens.Length, nameof(targetTokens));
        ThrowHelper.ThrowIfTokenOutOfRange(tokens, layout.Inputs, nameof(tokens));
        ThrowHelper.ThrowIfTokenOutOfRange(targetTokens, layout.Outputs, nameof(targetTokens));
        Begin(count);
        SaveTokens(tokens);
        SaveTargetTokens(targetTokens);
        call = default;
        return Train(learningRate);
    }

    /// <summary><see cref="IBatchNetwork{T}.StepBatch(ReadOnlySpan{T}, Span{T}, Span{T})"/>.</summary>
    public unsafe void StepBatch(ReadOnlySpan<T> inputs, Span<T> states, Span<T> outputs)
    {
        int count = ThrowHelper.BatchSize(inputs.Length, layout.Inputs, nameof(inputs));
        CheckStep(count, states, outputs);
        Begin(count);
        inputsAreTokens = false;
        fixed (byte* x = &Bytes(inputs))
            Step((nint)x, states, outputs);
    }

    /// <summary><see cref="IBatchNetwork{T}.StepBatch(ReadOnlySpan{int}, Span{T}, Span{T})"/>.</summary>
    public void StepBatch(ReadOnlySpan<int> tokens, Span<T> states, Span<T> outputs)
    {
        int count = ThrowHelper.BatchSize(tokens.Length, 1, nameof(tokens));
        CheckStep(count, states, outputs);
        ThrowHelper.ThrowIfTokenOutOfRange(tokens, layout.Inputs, nameof(tokens));
        Begin(count);
        inputsAreTokens = true;
        for (int b = 0; b < count; b++)
            this.tokens[b * layout.Steps] = tokens[b];
        Step(0, states, outputs);
    }

    /// <summary>Runs one item of the current phase: a block of sequences, or a range of parameters in the reduction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    void IBatchJob.Run(int item)
    {
        if (phase == Phase.Reduce)
        {
            Reduce(item);
            return;
        }
        int first = item * layout.SequencesPerBlock;
        int count = Math.Min(layout.SequencesPerBlock, sequences - first);
        ref T parameterOrigin = ref parameters.Reference;
        ref T sequenceOrigin = ref Unsafe.Add(ref workspace.Reference, layout.SharedSize + (first * (nint)layout.SequenceStride));
        ReadOnlySpan<int> blockTokens = inputsAreTokens ? tokens.AsSpan(first * layout.Steps, count * layout.Steps) : default;
        if (phase != Phase.Backward)
        {
            LoadSequences(first, count);
            ForwardBlock(ref parameterOrigin, ref sequenceOrigin, count, phase == Phase.Step ? 1 : layout.Steps, phase != Phase.Step && fromZeroState, blockTokens);
            if (phase != Phase.ForwardBackward)
                StoreSequences(first, count);
        }
        if (phase is Phase.Backward or Phase.ForwardBackward)
        {
            LoadTargets(first, count);
            Span<T> blockGradient = blockGradients.Slice(item * gradientStride, gradientStride);
            blockGradient.Clear();
            Span<T> blockLosses = losses.AsSpan(first, count);
            BackwardBlock(ref parameterOrigin, ref workspace.Reference, ref sequenceOrigin, count, fromZeroState, blockTokens,
                blockLosses, ref blockGradient[0]);
            T blockLoss = T.Zero;
            foreach (T loss in blockLosses)
                blockLoss += loss;
            blockGradient[LossSlot] = blockLoss;
            Merge(item);
        }
    }

    /// <summary>
    /// Adds block <paramref name="block"/>'s finished gradient buffer (and loss) into the sum of all blocks, along a
    /// pairwise tree fixed by the block count: the node of 2s blocks starting at p (a multiple of 2s) is the node of s
    /// blocks at p plus the node at p + s (when there is one), kept in block p's buffer; the root, all blocks, ends in
    /// block 0's buffer. The thread that finishes the second half of a node adds the two halves and goes on up; the
    /// first to finish stops there. Which thread adds a node never changes the sum, so the result is the same for every
    /// thread count. A node's counter, on a cache line of its own, is counted up twice per call, so its parity tells the
    /// second arrival without resetting anything between calls.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Merge(int block)
    {
        int node = block;
        for (int size = 1; size < blockCount; size *= 2)
        {
            int parent = node & ~((2 * size) - 1), right = parent + size;
            if (right < blockCount)
            {
                if ((Interlocked.Increment(ref arrivals[right].Value) & 1) != 0)
                    return;
                Kernels.Add(ref Unsafe.Add(ref blockGradients.Reference, parent * (nint)gradientStride),
                    ref Unsafe.Add(ref blockGradients.Reference, right * (nint)gradientStride), gradientStride);
            }
            node = parent;
        }
    }

    private unsafe void Forward(ReadOnlySpan<T> inputs, ReadOnlySpan<int> tokenInputs, bool useTokens, Span<T> outputs, ReadOnlySpan<T> initialStates, Span<T> finalStates, bool withStates)
    {
        int count = useTokens
            ? ThrowHelper.BatchSize(tokenInputs.Length, layout.Steps, "tokens")
            : ThrowHelper.BatchSize(inputs.Length, layout.Steps * layout.Inputs, nameof(inputs));
        ThrowHelper.ThrowIfWrongLength(outputs.Length, count * layout.Steps * layout.Outputs, nameof(outputs));
        if (withStates)
        {
            ThrowHelper.ThrowIfWrongLength(initialStates.Length, count * layout.StateSize, nameof(initialStates));
            ThrowHelper.ThrowIfWrongLength(finalStates.Length, count * layout.StateSize, nameof(finalStates));
        }
        if (useTokens)
            ThrowHelper.ThrowIfTokenOutOfRange(tokenInputs, layout.Inputs, "tokens");

        Begin(count);
        if (useTokens)
            SaveTokens(tokenInputs);
        else
            inputsAreTokens = false;
        fromZeroState = !withStates;
        fixed (byte* x = &Bytes(inputs), y = &Bytes(outputs), initial = &Bytes(initialStates), final = &Bytes(finalStates))
        {
            call = new CallSpans((nint)x, 0, (nint)initial, (nint)y, (nint)final);
            RunPhase(Phase.Forward, blockCount);
        }
        call = default;
        savedSequences = count;
    }

    private T Backward()
    {
        PrepareBackward(ref parameters.Reference, ref workspace.Reference);
        RunBlocksWithGradients(Phase.Backward);
        return Finish(update: false, T.Zero);
    }

    private T Train(T rate)
    {
        gradients.Span.Clear();
        fromZeroState = true;
        PrepareBackward(ref parameters.Reference, ref workspace.Reference);
        RunBlocksWithGradients(Phase.ForwardBackward);
        savedSequences = sequences;
        return Finish(update: true, rate);
    }

    /// <summary>Runs a phase whose blocks write gradients; if a block failed, the tree's counters start again from zero.</summary>
    private void RunBlocksWithGradients(Phase next)
    {
        try
        {
            RunPhase(next, blockCount);
        }
        catch
        {
            Array.Clear(arrivals);
            throw;
        }
    }

    /// <summary>Adds the sum of the blocks' gradients (times 1/B) to Gradients, optionally takes the gradient step, and returns the mean loss.</summary>
    private T Finish(bool update, T rate)
    {
        scale = T.One / T.CreateChecked(sequences);
        this.update = update;
        learningRate = rate;
        RunPhase(Phase.Reduce, (layout.ParameterCount + ReductionRange - 1) / ReductionRange);
        return blockGradients.Span[LossSlot] * scale;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Reduce(int item)
    {
        int start = item * ReductionRange, length = Math.Min(ReductionRange, layout.ParameterCount - start);
        Kernels.AddScaled(ref Unsafe.Add(ref gradients.Reference, start), ref Unsafe.Add(ref blockGradients.Reference, start), scale, length);
        if (update)
            GradientDescent.Step(parameters.Slice(start, length), gradients.Slice(start, length), learningRate);
    }

    /// <summary>One step of every sequence from <paramref name="states"/>, which it then replaces (in place: each block reads its sequences' states before it writes them).</summary>
    private unsafe void Step(nint inputs, Span<T> states, Span<T> outputs)
    {
        fromZeroState = false;
        fixed (byte* h = &Bytes(states), y = &Bytes(outputs))
        {
            call = new CallSpans(inputs, 0, (nint)h, (nint)y, (nint)h);
            RunPhase(Phase.Step, blockCount);
        }
        call = default;
        savedSequences = 0;
    }

    private void CheckBackward(int length, int perSequence, string name)
    {
        if (savedSequences == 0)
            ThrowHelper.ThrowBackwardBatchBeforeForwardBatch();
        int count = ThrowHelper.BatchSize(length, perSequence, name);
        ThrowHelper.ThrowIfOtherBatchSize(count, savedSequences, name);
        sequences = count;
        blockCount = (count + layout.SequencesPerBlock - 1) / layout.SequencesPerBlock;
    }

    private void CheckStep(int count, Span<T> states, Span<T> outputs)
    {
        ThrowHelper.ThrowIfWrongLength(states.Length, count * layout.StateSize, nameof(states));
        ThrowHelper.ThrowIfWrongLength(outputs.Length, count * layout.Outputs, nameof(outputs));
    }

    /// <summary>Starts a call on <paramref name="count"/> sequences, growing the buffers if no call has had that many.</summary>
    private void Begin(int count)
    {
        savedSequences = 0;
        sequences = count;
        blockCount = (count + layout.SequencesPerBlock - 1) / layout.SequencesPerBlock;
        if (count <= capacity)
            return;
        workspace = new AlignedArray<T>(checked(layout.SharedSize + (count * layout.SequenceStride)));
        blockGradients = new AlignedArray<T>(checked(blockCount * gradientStride));
        arrivals = new PaddedCounter[blockCount];
        losses = new T[count];
        tokens = new int[checked(count * layout.Steps)];
        targetTokens = new int[checked(count * layout.Steps)];
        capacity = count;
    }

    private void SaveTokens(ReadOnlySpan<int> tokenInputs)
    {
        inputsAreTokens = true;
        tokenInputs.CopyTo(tokens);
    }

    private void SaveTargetTokens(ReadOnlySpan<int> tokenTargets)
    {
        targetsAreTokens = true;
        tokenTargets.CopyTo(targetTokens);
    }

    /// <summary>Copies the dense inputs and the initial states (zero without states) of sequences first .. first + count − 1 into their regions.</summary>
    private void LoadSequences(int first, int count)
    {
        bool step = phase == Phase.Step;
        int sequenceInputs = step ? layout.Inputs : layout.Steps * layout.Inputs;
        for (int b = first; b < first + count; b++)
        {
            if (!inputsAreTokens)
                Caller(call.Inputs, b * sequenceInputs, sequenceInputs).CopyTo(Region(b, layout.InputSequence, sequenceInputs));
            Span<T> initial = Region(b, layout.StateSequence, layout.StateSize);
            if (call.InitialStates != 0)
                Caller(call.InitialStates, b * layout.StateSize, layout.StateSize).CopyTo(initial);
            else
                initial.Clear();
        }
    }

    /// <summary>Copies the outputs and final states of sequences first .. first + count − 1 out to the caller's spans.</summary>
    private void StoreSequences(int first, int count)
    {
        int steps = phase == Phase.Step ? 1 : layout.Steps;
        int sequenceOutputs = steps * layout.Outputs;
        for (int b = first; b < first + count; b++)
        {
            Region(b, layout.OutputSequence, sequenceOutputs).CopyTo(Caller(call.Outputs, b * sequenceOutputs, sequenceOutputs));
            if (call.FinalStates != 0)
                Region(b, layout.StateSequence + (steps * layout.StateSize), layout.StateSize).CopyTo(Caller(call.FinalStates, b * layout.StateSize, layout.StateSize));
        }
    }

    /// <summary>Copies the targets of sequences first .. first + count − 1 into their regions (target tokens as one-hot rows).</summary>
    private void LoadTargets(int first, int count)
    {
        int sequenceTargets = layout.Steps * layout.Outputs;
        for (int b = first; b < first + count; b++)
        {
            Span<T> targets = Region(b, layout.TargetSequence, sequenceTargets);
            if (!targetsAreTokens)
            {
                Caller(call.Targets, b * sequenceTargets, sequenceTargets).CopyTo(targets);
                continue;
            }
            targets.Clear();
            for (int step = 0; step < layout.Steps; step++)
                targets[(step * layout.Outputs) + targetTokens[(b * layout.Steps) + step]] = T.One;
        }
    }

    /// <summary><paramref name="length"/> elements at <paramref name="offset"/> of the caller's pinned span at <paramref name="address"/>.</summary>
    private static unsafe Span<T> Caller(nint address, int offset, int length) =>
        MemoryMarshal.CreateSpan(ref Unsafe.Add(ref Unsafe.AsRef<T>((void*)address), offset), length);

    /// <summary>The first byte of a span, for pinning it while the items run (a null reference for an empty span, which pins nothing).</summary>
    private static ref byte Bytes<TElement>(ReadOnlySpan<TElement> span) => ref Unsafe.As<TElement, byte>(ref MemoryMarshal.GetReference(span));

    private void RunPhase(Phase next, int items)
    {
        phase = next;
        BatchWorkers.Run(this, items, maxDegreeOfParallelism);
    }

    /// <summary><paramref name="length"/> elements at <paramref name="offset"/> in sequence <paramref name="b"/>'s region.</summary>
    private Span<T> Region(int b, int offset, int length) =>
        workspace.Slice(layout.SharedSize + (b * layout.SequenceStride) + offset, length);
}
