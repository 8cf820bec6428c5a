using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnGen;

/// <summary>
/// A chunk of two <c>Vector128&lt;T&gt;</c> registers side by side (float and double only), for machines whose widest
/// vectors are 128 bits: x64's baseline, which Native AOT compiles for by default, and Arm64. As with
/// <see cref="ChunkPair256{T}"/>, every operation is written for both halves at once: a broadcast serves both, and a
/// row of 16 doubles takes four loop iterations instead of eight. Generated code takes it after every wider chunk, so
/// it never replaces a 256- or 512-bit vector. Four registers side by side were slower still: with four accumulators
/// of four registers each, a step needs more than x64's sixteen vector registers.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ChunkPair128<T>(Vector128<T> lower, Vector128<T> upper) : IChunk<ChunkPair128<T>, T> where T : INumber<T>
{
    /// <summary>The lanes 0 .. <c>Vector128&lt;T&gt;.Count</c> − 1.</summary>
    public Vector128<T> Lower { get; } = lower;

    /// <summary>The lanes from <c>Vector128&lt;T&gt;.Count</c> on.</summary>
    public Vector128<T> Upper { get; } = upper;

    private static int Half
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector128<T>.Count;
    }

    /// <inheritdoc/>
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 2 * Vector128<T>.Count;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Fits(int length) =>
        Vector128.IsHardwareAccelerated && VectorMath.IsHardwareType<T>() && length >= 2 * Vector128<T>.Count;

    /// <inheritdoc/>
    public static ChunkPair128<T> Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector128<T>.Zero, Vector128<T>.Zero);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair128<T> Load(ref T origin, nint offset) =>
        new(Vector128.LoadUnsafe(ref origin, (nuint)offset), Vector128.LoadUnsafe(ref origin, (nuint)(offset + Half)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ChunkPair128<T> value, ref T origin, nint offset)
    {
        value.Lower.StoreUnsafe(ref origin, (nuint)offset);
        value.Upper.StoreUnsafe(ref origin, (nuint)(offset + Half));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair128<T> Broadcast(ref T origin, nint offset) => Broadcast(Unsafe.Add(ref origin, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair128<T> Broadcast(T value)
    {
        Vector128<T> lanes = Vector128.Create(value);
        return new(lanes, lanes);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair128<T> MultiplyAdd(ChunkPair128<T> left, ChunkPair128<T> right, ChunkPair128<T> addend) =>
        new(VectorMath.MultiplyAdd(left.Lower, right.Lower, addend.Lower), VectorMath.MultiplyAdd(left.Upper, right.Upper, addend.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair128<T> MultiplyAdd(ChunkPair128<T> left, ref T origin, nint offset, ChunkPair128<T> addend) =>
        new(VectorMath.MultiplyAdd(left.Lower, Vector128.LoadUnsafe(ref origin, (nuint)offset), addend.Lower),
            VectorMath.MultiplyAdd(left.Upper, Vector128.LoadUnsafe(ref origin, (nuint)(offset + Half)), addend.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair128<T> Multiply(ChunkPair128<T> left, ref T origin, nint offset) =>
        new(left.Lower * Vector128.LoadUnsafe(ref origin, (nuint)offset), left.Upper * Vector128.LoadUnsafe(ref origin, (nuint)(offset + Half)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair128<T> operator +(ChunkPair128<T> left, ChunkPair128<T> right) => new(left.Lower + right.Lower, left.Upper + right.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair128<T> operator -(ChunkPair128<T> left, ChunkPair128<T> right) => new(left.Lower - right.Lower, left.Upper - right.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair128<T> operator *(ChunkPair128<T> left, ChunkPair128<T> right) => new(left.Lower * right.Lower, left.Upper * right.Upper);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair128<T> ZeroLanesBelow(ChunkPair128<T> value, nint lane)
    {
        if (lane == 0)
            return value;
        Vector128<T> lowerLane = Vector128.Create(T.CreateTruncating(lane)), upperLane = Vector128.Create(T.CreateTruncating(lane - Half));
        return new(value.Lower & Vector128.GreaterThanOrEqual(Vector128<T>.Indices, lowerLane),
            value.Upper & Vector128.GreaterThanOrEqual(Vector128<T>.Indices, upperLane));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair128<T> Activate<TOperator>(ChunkPair128<T> x) where TOperator : IActivationOperator<T> =>
        new(TOperator.Invoke(x.Lower), TOperator.Invoke(x.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ChunkPair128<T> DerivativeFromOutput<TOperator>(ChunkPair128<T> y) where TOperator : IActivationOperator<T> =>
        new(TOperator.DerivativeFromOutput(y.Lower), TOperator.DerivativeFromOutput(y.Upper));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(ChunkPair128<T> value) => Vector128.Sum(value.Lower + value.Upper);
}
