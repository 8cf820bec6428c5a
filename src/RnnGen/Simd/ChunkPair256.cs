using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnGen;

/// <summary>
/// A chunk of two <c>Vector256&lt;T&gt;</c> registers side by side (float and double only), for machines without
/// 512-bit vectors. Every operation is written for both halves at once, so the JIT issues the two halves' instructions
/// interleaved: in a recurrent step the two dependency chains then run together instead of one after the other, and a
/// broadcast serves both.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ChunkPair256<T>(Vector256<T> lower, Vector256<T> upper) : IChunk<ChunkPair256<T>, T> where T : INumber<T>
{
    /// <summary>The lanes 0 .. <c>Vector256&lt;T&gt;.Count</c> − 1.</summary>
    public Vector256<T> Lower { get; } = lower;

    /// <summary>The lanes from <c>Vector256&lt;T&gt;.Count</c> on.</summary>
    public Vector256<T> Upper { get; } = upper;

    private static int Half
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256<T>.Count;
    }

    /// <inheritdoc/>
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 2 * Vector256<T>.Count;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Fits(int length) =>
        Vector256.IsHardwareAccelerated && VectorMath.IsHardwareType<T>() && length >= 2 * Vector256<T>.Count;

    /// <summary>
    /// True when one pair covers the whole of <paramref name="length"/>: the generated code then prefers the pair to a
    /// 512-bit vector even where there is one. A step of a layer this small is a single dependent chain, and its
    /// divide and horizontal sum finish sooner on two 256-bit halves (on Zen 4 a 512-bit sigmoid takes about four
    /// cycles longer; on Intel's AVX-512 cores a 512-bit divide has half again the latency of a 256-bit one).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool FitsInOne(int length) => Fits(length) && length <= 2 * Vector256<T>.Count;

    /// <inheritdoc/>
    public static ChunkPair256<T> Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector256<T>.Zero, Vector256<T>.Zero);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair256<T> Load(ref T origin, nint offset) =>
        new(Vector256.LoadUnsafe(ref origin, (nuint)offset), Vector256.LoadUnsafe(ref origin, (nuint)(offset + Half)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ChunkPair256<T> value, ref T origin, nint offset)
    {
        value.Lower.StoreUnsafe(ref origin, (nuint)offset);
        value.Upper.StoreUnsafe(ref origin, (nuint)(offset + Half));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair256<T> Broadcast(ref T origin, nint offset) => Broadcast(Unsafe.Add(ref origin, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair256<T> Broadcast(T value)
    {
        Vector256<T> lanes = Vector256.Create(value);
        return new(lanes, lanes);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair256<T> MultiplyAdd(ChunkPair256<T> left, ChunkPair256<T> right, ChunkPair256<T> addend) =>
        new(VectorMath.MultiplyAdd(left.Lower, right.Lower, addend.Lower), VectorMath.MultiplyAdd(left.Upper, right.Upper, addend.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair256<T> MultiplyAdd(ChunkPair256<T> left, ref T origin, nint offset, ChunkPair256<T> addend) =>
        new(VectorMath.MultiplyAdd(left.Lower, Vector256.LoadUnsafe(ref origin, (nuint)offset), addend.Lower),
            VectorMath.MultiplyAdd(left.Upper, Vector256.LoadUnsafe(ref origin, (nuint)(offset + Half)), addend.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair256<T> Multiply(ChunkPair256<T> left, ref T origin, nint offset) =>
        new(left.Lower * Vector256.LoadUnsafe(ref origin, (nuint)offset), left.Upper * Vector256.LoadUnsafe(ref origin, (nuint)(offset + Half)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair256<T> operator +(ChunkPair256<T> left, ChunkPair256<T> right) => new(left.Lower + right.Lower, left.Upper + right.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair256<T> operator -(ChunkPair256<T> left, ChunkPair256<T> right) => new(left.Lower - right.Lower, left.Upper - right.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair256<T> operator *(ChunkPair256<T> left, ChunkPair256<T> right) => new(left.Lower * right.Lower, left.Upper * right.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair256<T> ZeroLanesBelow(ChunkPair256<T> value, nint lane)
    {
        if (lane == 0)
            return value;
        Vector256<T> lowerLane = Vector256.Create(T.CreateTruncating(lane)), upperLane = Vector256.Create(T.CreateTruncating(lane - Half));
        return new(value.Lower & Vector256.GreaterThanOrEqual(Vector256<T>.Indices, lowerLane),
            value.Upper & Vector256.GreaterThanOrEqual(Vector256<T>.Indices, upperLane));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair256<T> Activate<TOperator>(ChunkPair256<T> x) where TOperator : IActivationOperator<T> =>
        new(TOperator.Invoke(x.Lower), TOperator.Invoke(x.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair256<T> DerivativeFromOutput<TOperator>(ChunkPair256<T> y) where TOperator : IActivationOperator<T> =>
        new(TOperator.DerivativeFromOutput(y.Lower), TOperator.DerivativeFromOutput(y.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(ChunkPair256<T> value) => Vector256.Sum(value.Lower + value.Upper);
}
