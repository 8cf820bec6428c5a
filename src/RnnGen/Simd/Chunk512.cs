using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnGen;

/// <summary>A chunk of <c>Vector512&lt;T&gt;.Count</c> elements held in one 512-bit register (float and double only).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Chunk512<T>(Vector512<T> value) : IChunk<Chunk512<T>, T> where T : INumber<T>
{
    /// <summary>The lanes.</summary>
    public Vector512<T> Value { get; } = value;

    /// <inheritdoc/>
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512<T>.Count;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Fits(int length) =>
        Vector512.IsHardwareAccelerated && VectorMath.IsHardwareType<T>() && length >= Vector512<T>.Count;

    /// <inheritdoc/>
    public static Chunk512<T> Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector512<T>.Zero);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk512<T> Load(ref T origin, nint offset) => new(Vector512.LoadUnsafe(ref origin, (nuint)offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Chunk512<T> value, ref T origin, nint offset) => value.Value.StoreUnsafe(ref origin, (nuint)offset);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk512<T> Broadcast(ref T origin, nint offset) => new(Vector512.Create(Unsafe.Add(ref origin, offset)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk512<T> Broadcast(T value) => new(Vector512.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk512<T> MultiplyAdd(Chunk512<T> left, Chunk512<T> right, Chunk512<T> addend) =>
        new(VectorMath.MultiplyAdd(left.Value, right.Value, addend.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk512<T> MultiplyAdd(Chunk512<T> left, ref T origin, nint offset, Chunk512<T> addend) =>
        new(VectorMath.MultiplyAdd(left.Value, Vector512.LoadUnsafe(ref origin, (nuint)offset), addend.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk512<T> Multiply(Chunk512<T> left, ref T origin, nint offset) =>
        new(left.Value * Vector512.LoadUnsafe(ref origin, (nuint)offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk512<T> operator +(Chunk512<T> left, Chunk512<T> right) => new(left.Value + right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk512<T> operator -(Chunk512<T> left, Chunk512<T> right) => new(left.Value - right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk512<T> operator *(Chunk512<T> left, Chunk512<T> right) => new(left.Value * right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk512<T> ZeroLanesBelow(Chunk512<T> value, nint lane) => lane == 0
        ? value
        : new(value.Value & Vector512.GreaterThanOrEqual(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(lane))));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk512<T> Activate<TOperator>(Chunk512<T> x) where TOperator : IActivationOperator<T> =>
        new(TOperator.Invoke(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk512<T> DerivativeFromOutput<TOperator>(Chunk512<T> y) where TOperator : IActivationOperator<T> =>
        new(TOperator.DerivativeFromOutput(y.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Chunk512<T> value) => Vector512.Sum(value.Value);
}
