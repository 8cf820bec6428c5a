using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace RnnGen;

/// <summary>
/// The element-wise parts of one LSTM or GRU step, forward and backward, vectorized over the hidden units. Looped
/// (<see cref="Unroll.None"/>) networks call these between the matrix products of <see cref="Kernels"/>; unrolled
/// networks write the same lines out in every step.
/// </summary>
/// <remarks>Gate blocks hold H values per gate, in the order of API.md section 3 (LSTM i, f, g, o; GRU r, z, n).</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CellKernels
{
    /// <summary>
    /// LSTM: from the pre-activations a (4H) and c_{t-1}, writes the activated gates i = σ, f = σ, g = tanh, o = σ,
    /// c_t = f ⊙ c_{t-1} + i ⊙ g, tanh(c_t) and h_t = o ⊙ tanh(c_t).
    /// </summary>
    public static void LstmForward<T>(ref T preActivations, ref T previousCell, ref T gates, ref T cell, ref T cellTanh, ref T hiddenState, int hidden)
        where T : INumber<T>, IExponentialFunctions<T>, IHyperbolicFunctions<T>
    {
        if (Chunk512<T>.Fits(hidden))
            LstmForward<Chunk512<T>, T>(ref preActivations, ref previousCell, ref gates, ref cell, ref cellTanh, ref hiddenState, hidden);
        else if (Chunk256<T>.Fits(hidden))
            LstmForward<Chunk256<T>, T>(ref preActivations, ref previousCell, ref gates, ref cell, ref cellTanh, ref hiddenState, hidden);
        else if (Chunk128<T>.Fits(hidden))
            LstmForward<Chunk128<T>, T>(ref preActivations, ref previousCell, ref gates, ref cell, ref cellTanh, ref hiddenState, hidden);
        else if (HalfChunk512<T>.Fits(hidden))
            LstmForward<HalfChunk512<T>, T>(ref preActivations, ref previousCell, ref gates, ref cell, ref cellTanh, ref hiddenState, hidden);
        else if (HalfChunk256<T>.Fits(hidden))
            LstmForward<HalfChunk256<T>, T>(ref preActivations, ref previousCell, ref gates, ref cell, ref cellTanh, ref hiddenState, hidden);
        else
            LstmForward<ScalarChunk<T>, T>(ref preActivations, ref previousCell, ref gates, ref cell, ref cellTanh, ref hiddenState, hidden);
    }

    /// <summary>
    /// LSTM, backwards: from dL/dh_t (and, when <paramref name="hasLaterStep"/>, dc_{t+1} and f_{t+1}), writes
    /// dc_t = dh ⊙ o ⊙ (1 − tanh²c_t) + dc_{t+1} ⊙ f_{t+1} and the pre-activation gradients of i, f, g, o.
    /// </summary>
    public static void LstmBackward<T>(ref T hiddenGradient, ref T gates, ref T cellTanh, ref T previousCell,
        ref T laterCellGradient, ref T laterGates, bool hasLaterStep, ref T cellGradient, ref T gateGradients, int hidden)
        where T : INumber<T>, IExponentialFunctions<T>, IHyperbolicFunctions<T>
    {
        if (Chunk512<T>.Fits(hidden))
            LstmBackward<Chunk512<T>, T>(ref hiddenGradient, ref gates, ref cellTanh, ref previousCell, ref laterCellGradient, ref laterGates, hasLaterStep, ref cellGradient, ref gateGradients, hidden);
        else if (Chunk256<T>.Fits(hidden))
            LstmBackward<Chunk256<T>, T>(ref hiddenGradient, ref gates, ref cellTanh, ref previousCell, ref laterCellGradient, ref laterGates, hasLaterStep, ref cellGradient, ref gateGradients, hidden);
        else if (Chunk128<T>.Fits(hidden))
            LstmBackward<Chunk128<T>, T>(ref hiddenGradient, ref gates, ref cellTanh, ref previousCell, ref laterCellGradient, ref laterGates, hasLaterStep, ref cellGradient, ref gateGradients, hidden);
        else if (HalfChunk512<T>.Fits(hidden))
            LstmBackward<HalfChunk512<T>, T>(ref hiddenGradient, ref gates, ref cellTanh, ref previousCell, ref laterCellGradient, ref laterGates, hasLaterStep, ref cellGradient, ref gateGradients, hidden);
        else if (HalfChunk256<T>.Fits(hidden))
            LstmBackward<HalfChunk256<T>, T>(ref hiddenGradient, ref gates, ref cellTanh, ref previousCell, ref laterCellGradient, ref laterGates, hasLaterStep, ref cellGradient, ref gateGradients, hidden);
        else
            LstmBackward<ScalarChunk<T>, T>(ref hiddenGradient, ref gates, ref cellTanh, ref previousCell, ref laterCellGradient, ref laterGates, hasLaterStep, ref cellGradient, ref gateGradients, hidden);
    }

    /// <summary>
    /// GRU: from the input part x·W_x + b_x and the recurrent part h_{t-1}·W_h + b_h (3H each) and h_{t-1}, writes the
    /// gates r = σ, z = σ, n = tanh(input_n + r ⊙ recurrent_n), keeps recurrent_n, and h_t = n + z ⊙ (h_{t-1} − n).
    /// </summary>
    public static void GruForward<T>(ref T inputPart, ref T recurrentPart, ref T previousHidden, ref T gates, ref T candidateRecurrent, ref T hiddenState, int hidden)
        where T : INumber<T>, IExponentialFunctions<T>, IHyperbolicFunctions<T>
    {
        if (Chunk512<T>.Fits(hidden))
            GruForward<Chunk512<T>, T>(ref inputPart, ref recurrentPart, ref previousHidden, ref gates, ref candidateRecurrent, ref hiddenState, hidden);
        else if (Chunk256<T>.Fits(hidden))
            GruForward<Chunk256<T>, T>(ref inputPart, ref recurrentPart, ref previousHidden, ref gates, ref candidateRecurrent, ref hiddenState, hidden);
        else if (Chunk128<T>.Fits(hidden))
            GruForward<Chunk128<T>, T>(ref inputPart, ref recurrentPart, ref previousHidden, ref gates, ref candidateRecurrent, ref hiddenState, hidden);
        else if (HalfChunk512<T>.Fits(hidden))
            GruForward<HalfChunk512<T>, T>(ref inputPart, ref recurrentPart, ref previousHidden, ref gates, ref candidateRecurrent, ref hiddenState, hidden);
        else if (HalfChunk256<T>.Fits(hidden))
            GruForward<HalfChunk256<T>, T>(ref inputPart, ref recurrentPart, ref previousHidden, ref gates, ref candidateRecurrent, ref hiddenState, hidden);
        else
            GruForward<ScalarChunk<T>, T>(ref inputPart, ref recurrentPart, ref previousHidden, ref gates, ref candidateRecurrent, ref hiddenState, hidden);
    }

    /// <summary>
    /// GRU, backwards: adds dh_{t+1} ⊙ z_{t+1} to dL/dh_t when <paramref name="hasLaterStep"/> (keeping the total in
    /// <paramref name="hiddenGradient"/>), then writes the gradients of the input parts [dr', dz', dn'] and of the
    /// recurrent parts [dr', dz', dn' ⊙ r] of the gates.
    /// </summary>
    public static void GruBackward<T>(ref T hiddenGradient, ref T gates, ref T candidateRecurrent, ref T previousHidden,
        ref T laterHiddenGradient, ref T laterGates, bool hasLaterStep, ref T inputGradients, ref T recurrentGradients, int hidden)
        where T : INumber<T>, IExponentialFunctions<T>, IHyperbolicFunctions<T>
    {
        if (Chunk512<T>.Fits(hidden))
            GruBackward<Chunk512<T>, T>(ref hiddenGradient, ref gates, ref candidateRecurrent, ref previousHidden, ref laterHiddenGradient, ref laterGates, hasLaterStep, ref inputGradients, ref recurrentGradients, hidden);
        else if (Chunk256<T>.Fits(hidden))
            GruBackward<Chunk256<T>, T>(ref hiddenGradient, ref gates, ref candidateRecurrent, ref previousHidden, ref laterHiddenGradient, ref laterGates, hasLaterStep, ref inputGradients, ref recurrentGradients, hidden);
        else if (Chunk128<T>.Fits(hidden))
            GruBackward<Chunk128<T>, T>(ref hiddenGradient, ref gates, ref candidateRecurrent, ref previousHidden, ref laterHiddenGradient, ref laterGates, hasLaterStep, ref inputGradients, ref recurrentGradients, hidden);
        else if (HalfChunk512<T>.Fits(hidden))
            GruBackward<HalfChunk512<T>, T>(ref hiddenGradient, ref gates, ref candidateRecurrent, ref previousHidden, ref laterHiddenGradient, ref laterGates, hasLaterStep, ref inputGradients, ref recurrentGradients, hidden);
        else if (HalfChunk256<T>.Fits(hidden))
            GruBackward<HalfChunk256<T>, T>(ref hiddenGradient, ref gates, ref candidateRecurrent, ref previousHidden, ref laterHiddenGradient, ref laterGates, hasLaterStep, ref inputGradients, ref recurrentGradients, hidden);
        else
            GruBackward<ScalarChunk<T>, T>(ref hiddenGradient, ref gates, ref candidateRecurrent, ref previousHidden, ref laterHiddenGradient, ref laterGates, hasLaterStep, ref inputGradients, ref recurrentGradients, hidden);
    }

    /// <remarks>
    /// Two passes over the chunks, the three sigmoid gates and then the tanh of the candidate and of the cell: in one
    /// pass, the five activations' constants (the JIT keeps each in a register for the whole loop) and temporaries
    /// outgrew the 32 vector registers with 512-bit doubles, and the spilled constants made the step's time depend on
    /// the stack's alignment (2-16-1×8 LSTM in double: 2,900 or 3,300 ns per training step from one process to the
    /// next).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LstmForward<TChunk, T>(ref T preActivations, ref T previousCell, ref T gates, ref T cell, ref T cellTanh, ref T hiddenState, int hidden)
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>, IExponentialFunctions<T>, IHyperbolicFunctions<T>
    {
        for (int chunk = 0; chunk < hidden; chunk += TChunk.Count)
        {
            int j = Math.Min(chunk, hidden - TChunk.Count);
            TChunk.Store(TChunk.Activate<SigmoidOperator<T>>(TChunk.Load(ref preActivations, j)), ref gates, j);
            TChunk.Store(TChunk.Activate<SigmoidOperator<T>>(TChunk.Load(ref preActivations, hidden + j)), ref gates, hidden + j);
            TChunk.Store(TChunk.Activate<SigmoidOperator<T>>(TChunk.Load(ref preActivations, (3 * hidden) + j)), ref gates, (3 * hidden) + j);
        }
        for (int chunk = 0; chunk < hidden; chunk += TChunk.Count)
        {
            int j = Math.Min(chunk, hidden - TChunk.Count);
            TChunk candidate = TChunk.Activate<TanhOperator<T>>(TChunk.Load(ref preActivations, (2 * hidden) + j));
            TChunk next = TChunk.MultiplyAdd(TChunk.Load(ref gates, hidden + j), TChunk.Load(ref previousCell, j), TChunk.Load(ref gates, j) * candidate);
            TChunk squashed = TChunk.Activate<TanhOperator<T>>(next);
            TChunk.Store(candidate, ref gates, (2 * hidden) + j);
            TChunk.Store(next, ref cell, j);
            TChunk.Store(squashed, ref cellTanh, j);
            TChunk.Store(TChunk.Load(ref gates, (3 * hidden) + j) * squashed, ref hiddenState, j);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LstmBackward<TChunk, T>(ref T hiddenGradient, ref T gates, ref T cellTanh, ref T previousCell,
        ref T laterCellGradient, ref T laterGates, bool hasLaterStep, ref T cellGradient, ref T gateGradients, int hidden)
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>, IExponentialFunctions<T>, IHyperbolicFunctions<T>
    {
        for (int chunk = 0; chunk < hidden; chunk += TChunk.Count)
        {
            int j = Math.Min(chunk, hidden - TChunk.Count);
            TChunk dh = TChunk.Load(ref hiddenGradient, j);
            TChunk input = TChunk.Load(ref gates, j), forget = TChunk.Load(ref gates, hidden + j);
            TChunk candidate = TChunk.Load(ref gates, (2 * hidden) + j), output = TChunk.Load(ref gates, (3 * hidden) + j);
            TChunk squashed = TChunk.Load(ref cellTanh, j);
            TChunk dc = dh * output * TChunk.DerivativeFromOutput<TanhOperator<T>>(squashed);
            if (hasLaterStep)
                dc = TChunk.MultiplyAdd(TChunk.Load(ref laterCellGradient, j), TChunk.Load(ref laterGates, hidden + j), dc);
            TChunk.Store(dc, ref cellGradient, j);
            TChunk.Store(dc * candidate * TChunk.DerivativeFromOutput<SigmoidOperator<T>>(input), ref gateGradients, j);
            TChunk.Store(dc * TChunk.Load(ref previousCell, j) * TChunk.DerivativeFromOutput<SigmoidOperator<T>>(forget), ref gateGradients, hidden + j);
            TChunk.Store(dc * input * TChunk.DerivativeFromOutput<TanhOperator<T>>(candidate), ref gateGradients, (2 * hidden) + j);
            TChunk.Store(dh * squashed * TChunk.DerivativeFromOutput<SigmoidOperator<T>>(output), ref gateGradients, (3 * hidden) + j);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GruForward<TChunk, T>(ref T inputPart, ref T recurrentPart, ref T previousHidden, ref T gates, ref T candidateRecurrent, ref T hiddenState, int hidden)
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>, IExponentialFunctions<T>, IHyperbolicFunctions<T>
    {
        for (int chunk = 0; chunk < hidden; chunk += TChunk.Count)
        {
            int j = Math.Min(chunk, hidden - TChunk.Count);
            TChunk reset = TChunk.Activate<SigmoidOperator<T>>(TChunk.Load(ref inputPart, j) + TChunk.Load(ref recurrentPart, j));
            TChunk update = TChunk.Activate<SigmoidOperator<T>>(TChunk.Load(ref inputPart, hidden + j) + TChunk.Load(ref recurrentPart, hidden + j));
            TChunk recurrent = TChunk.Load(ref recurrentPart, (2 * hidden) + j);
            TChunk candidate = TChunk.Activate<TanhOperator<T>>(TChunk.MultiplyAdd(reset, recurrent, TChunk.Load(ref inputPart, (2 * hidden) + j)));
            TChunk.Store(reset, ref gates, j);
            TChunk.Store(update, ref gates, hidden + j);
            TChunk.Store(candidate, ref gates, (2 * hidden) + j);
            TChunk.Store(recurrent, ref candidateRecurrent, j);
            TChunk.Store(TChunk.MultiplyAdd(update, TChunk.Load(ref previousHidden, j) - candidate, candidate), ref hiddenState, j);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GruBackward<TChunk, T>(ref T hiddenGradient, ref T gates, ref T candidateRecurrent, ref T previousHidden,
        ref T laterHiddenGradient, ref T laterGates, bool hasLaterStep, ref T inputGradients, ref T recurrentGradients, int hidden)
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>, IExponentialFunctions<T>, IHyperbolicFunctions<T>
    {
        for (int chunk = 0; chunk < hidden; chunk += TChunk.Count)
        {
            int j = Math.Min(chunk, hidden - TChunk.Count);
            TChunk dh = TChunk.Load(ref hiddenGradient, j);
            if (hasLaterStep)
            {
                // The hidden gradient is read and written in place: the last chunk recomputes its overlap from the
                // already-updated lanes, so those lanes are masked out of the addition.
                TChunk direct = TChunk.Load(ref laterHiddenGradient, j) * TChunk.Load(ref laterGates, hidden + j);
                dh += TChunk.ZeroLanesBelow(direct, chunk - j);
                TChunk.Store(dh, ref hiddenGradient, j);
            }
            TChunk reset = TChunk.Load(ref gates, j), update = TChunk.Load(ref gates, hidden + j), candidate = TChunk.Load(ref gates, (2 * hidden) + j);
            TChunk candidateGradient = dh * (TChunk.Broadcast(T.One) - update) * TChunk.DerivativeFromOutput<TanhOperator<T>>(candidate);
            TChunk resetGradient = candidateGradient * TChunk.Load(ref candidateRecurrent, j) * TChunk.DerivativeFromOutput<SigmoidOperator<T>>(reset);
            TChunk updateGradient = dh * (TChunk.Load(ref previousHidden, j) - candidate) * TChunk.DerivativeFromOutput<SigmoidOperator<T>>(update);
            TChunk.Store(resetGradient, ref inputGradients, j);
            TChunk.Store(updateGradient, ref inputGradients, hidden + j);
            TChunk.Store(candidateGradient, ref inputGradients, (2 * hidden) + j);
            TChunk.Store(resetGradient, ref recurrentGradients, j);
            TChunk.Store(updateGradient, ref recurrentGradients, hidden + j);
            TChunk.Store(candidateGradient * reset, ref recurrentGradients, (2 * hidden) + j);
        }
    }
}
