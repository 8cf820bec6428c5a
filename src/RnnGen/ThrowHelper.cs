using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace RnnGen;

/// <summary>Throws the exceptions of the contract; kept out of line so the checks on the good path stay cheap.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ThrowHelper
{
    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="actual"/> is not <paramref name="expected"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ThrowIfWrongLength(int actual, int expected, string parameterName)
    {
        if (actual != expected)
            ThrowWrongLength(actual, expected, parameterName);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the expected length.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowWrongLength(int actual, int expected, string parameterName) =>
        throw new ArgumentException($"'{parameterName}' has length {actual}; this network expects length {expected}.", parameterName);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a token of <paramref name="tokens"/> is outside [0, <paramref name="count"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ThrowIfTokenOutOfRange(ReadOnlySpan<int> tokens, int count, string parameterName)
    {
        foreach (int token in tokens)
        {
            if ((uint)token >= (uint)count)
                ThrowTokenOutOfRange(token, count, parameterName);
        }
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when <paramref name="token"/> is outside [0, <paramref name="count"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ThrowIfTokenOutOfRange(int token, int count, string parameterName)
    {
        if ((uint)token >= (uint)count)
            ThrowTokenOutOfRange(token, count, parameterName);
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a token outside the vocabulary.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowTokenOutOfRange(int token, int count, string parameterName) =>
        throw new ArgumentOutOfRangeException(parameterName, token, $"Token {token} in '{parameterName}' is outside [0, {count}).");

    /// <summary>Throws <see cref="InvalidOperationException"/>: Backward needs the activations of a Forward.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowBackwardBeforeForward() =>
        throw new InvalidOperationException("Backward needs the activations of a Forward pass; call Forward first.");

    /// <summary>
    /// Throws <see cref="InvalidOperationException"/> for a Backward without the activations it needs: no Forward has run,
    /// or (<paramref name="replacedByStep"/>) a Step or a batch call has run since and replaced them.
    /// </summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowBackwardWithoutForward(bool replacedByStep)
    {
        if (!replacedByStep)
            ThrowBackwardBeforeForward();
        throw new InvalidOperationException(
            "Backward needs the activations of the last Forward pass, and a Step or a batch call since then has replaced them; "
            + "call Forward again before Backward, or sample with Step and run batches only after Backward.");
    }

    /// <summary>
    /// The batch size B of a batch call: the number of whole sequences (or steps) of <paramref name="perSequence"/>
    /// elements in <paramref name="length"/>; throws <see cref="ArgumentException"/> when that is zero or leaves a remainder.
    /// </summary>
    public static int BatchSize(int length, int perSequence, string parameterName)
    {
        if (length == 0 || length % perSequence != 0)
            ThrowNotWholeBatch(length, perSequence, parameterName);
        return length / perSequence;
    }

    /// <summary>Throws <see cref="ArgumentException"/>: a batch span holds no sequence or a partial one.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowNotWholeBatch(int length, int perSequence, string parameterName) =>
        throw new ArgumentException($"'{parameterName}' has length {length}; a batch holds one or more whole sequences of {perSequence} values each.", parameterName);

    /// <summary>Throws <see cref="ArgumentException"/> when BackwardBatch's batch size differs from the last ForwardBatch's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ThrowIfOtherBatchSize(int actual, int expected, string parameterName)
    {
        if (actual != expected)
            ThrowOtherBatchSize(actual, expected, parameterName);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming both batch sizes.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowOtherBatchSize(int actual, int expected, string parameterName) =>
        throw new ArgumentException($"'{parameterName}' holds {actual} sequences; the last ForwardBatch ran {expected}.", parameterName);

    /// <summary>Throws <see cref="InvalidOperationException"/>: BackwardBatch needs the activations of a ForwardBatch.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowBackwardBatchBeforeForwardBatch() =>
        throw new InvalidOperationException("BackwardBatch needs the activations of a ForwardBatch; call ForwardBatch first (a later Forward, Train, Step or StepBatch replaces them).");

    /// <summary>Checks a value for MaxDegreeOfParallelism: at least 1.</summary>
    public static int CheckDegreeOfParallelism(int value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, "MaxDegreeOfParallelism");
        return value;
    }
}
