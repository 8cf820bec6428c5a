using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnGen;

/// <summary>
/// A chunk of two <c>Vector512&lt;T&gt;</c> registers side by side (float and double only), for a layer that two
/// 512-bit registers cover exactly (16 doubles, 32 floats). Like <see cref="ChunkPair256{T}"/>, every operation is
/// written for both halves at once, so the two halves' dependency chains of a recurrent step run together instead of
/// one after the other in a loop over <see cref="Chunk512{T}"/>, and one broadcast serves both (2-16-1 double adder:
/// 737 → 679 ns per training step, benchmarks/README.md).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ChunkPair512<T>(Vector512<T> lower, Vector512<T> upper) : IChunk<ChunkPair512<T>, T> where T : INumber<T>
{
    /// <summary>The lanes 0 .. <c>Vector512&lt;T&gt;.Count</c> − 1.</summary>
    public Vector512<T> Lower { get; } = lower;

    /// <summary>The lanes from <c>Vector512&lt;T&gt;.Count</c> on.</summary>
    public Vector512<T> Upper { get; } = upper;

    private static int Half
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512<T>.Count;
    }

    /// <inheritdoc/>
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 2 * Vector512<T>.Count;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Fits(int length) =>
        Vector512.IsHardwareAccelerated && VectorMath.IsHardwareType<T>() && length >= 2 * Vector512<T>.Count;

    /// <summary>
    /// True when one pair covers the whole of <paramref name="length"/>: a layer that is one dependent chain per step
    /// then takes the pair before a loop over two <see cref="Chunk512{T}"/> (see <see cref="ChunkPair256{T}.FitsInOne"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool FitsInOne(int length) => Fits(length) && length <= 2 * Vector512<T>.Count;

    /// <inheritdoc/>
    public static ChunkPair512<T> Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector512<T>.Zero, Vector512<T>.Zero);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair512<T> Load(ref T origin, nint offset) =>
        new(Vector512.LoadUnsafe(ref origin, (nuint)offset), Vector512.LoadUnsafe(ref origin, (nuint)(offset + Half)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ChunkPair512<T> value, ref T origin, nint offset)
    {
        value.Lower.StoreUnsafe(ref origin, (nuint)offset);
        value.Upper.StoreUnsafe(ref origin, (nuint)(offset + Half));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair512<T> Broadcast(ref T origin, nint offset) => Broadcast(Unsafe.Add(ref origin, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair512<T> Broadcast(T value)
    {
        Vector512<T> lanes = Vector512.Create(value);
        return new(lanes, lanes);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair512<T> MultiplyAdd(ChunkPair512<T> left, ChunkPair512<T> right, ChunkPair512<T> addend) =>
        new(VectorMath.MultiplyAdd(left.Lower, right.Lower, addend.Lower), VectorMath.MultiplyAdd(left.Upper, right.Upper, addend.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair512<T> MultiplyAdd(ChunkPair512<T> left, ref T origin, nint offset, ChunkPair512<T> addend) =>
        new(VectorMath.MultiplyAdd(left.Lower, Vector512.LoadUnsafe(ref origin, (nuint)offset), addend.Lower),
            VectorMath.MultiplyAdd(left.Upper, Vector512.LoadUnsafe(ref origin, (nuint)(offset + Half)), addend.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair512<T> Multiply(ChunkPair512<T> left, ref T origin, nint offset) =>
        new(left.Lower * Vector512.LoadUnsafe(ref origin, (nuint)offset), left.Upper * Vector512.LoadUnsafe(ref origin, (nuint)(offset + Half)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair512<T> operator +(ChunkPair512<T> left, ChunkPair512<T> right) => new(left.Lower + right.Lower, left.Upper + right.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair512<T> operator -(ChunkPair512<T> left, ChunkPair512<T> right) => new(left.Lower - right.Lower, left.Upper - right.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair512<T> operator *(ChunkPair512<T> left, ChunkPair512<T> right) => new(left.Lower * right.Lower, left.Upper * right.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair512<T> ZeroLanesBelow(ChunkPair512<T> value, nint lane)
    {
        if (lane == 0)
            return value;
        Vector512<T> lowerLane = Vector512.Create(T.CreateTruncating(lane)), upperLane = Vector512.Create(T.CreateTruncating(lane - Half));
        return new(value.Lower & Vector512.GreaterThanOrEqual(Vector512<T>.Indices, lowerLane),
            value.Upper & Vector512.GreaterThanOrEqual(Vector512<T>.Indices, upperLane));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair512<T> Activate<TOperator>(ChunkPair512<T> x) where TOperator : IActivationOperator<T> =>
        new(TOperator.Invoke(x.Lower), TOperator.Invoke(x.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair512<T> DerivativeFromOutput<TOperator>(ChunkPair512<T> y) where TOperator : IActivationOperator<T> =>
        new(TOperator.DerivativeFromOutput(y.Lower), TOperator.DerivativeFromOutput(y.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(ChunkPair512<T> value) => Vector512.Sum(value.Lower + value.Upper);
}
