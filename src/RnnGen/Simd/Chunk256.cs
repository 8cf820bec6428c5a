using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnGen;

/// <summary>A chunk of <c>Vector256&lt;T&gt;.Count</c> elements held in one 256-bit register (float and double only).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Chunk256<T>(Vector256<T> value) : IChunk<Chunk256<T>, T> where T : INumber<T>
{
    /// <summary>The lanes.</summary>
    public Vector256<T> Value { get; } = value;

    /// <inheritdoc/>
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256<T>.Count;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Fits(int length) =>
        Vector256.IsHardwareAccelerated && VectorMath.IsHardwareType<T>() && length >= Vector256<T>.Count;

    /// <inheritdoc/>
    public static Chunk256<T> Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector256<T>.Zero);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk256<T> Load(ref T origin, nint offset) => new(Vector256.LoadUnsafe(ref origin, (nuint)offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Chunk256<T> value, ref T origin, nint offset) => value.Value.StoreUnsafe(ref origin, (nuint)offset);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk256<T> Broadcast(ref T origin, nint offset) => new(Vector256.Create(Unsafe.Add(ref origin, offset)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk256<T> Broadcast(T value) => new(Vector256.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk256<T> MultiplyAdd(Chunk256<T> left, Chunk256<T> right, Chunk256<T> addend) =>
        new(VectorMath.MultiplyAdd(left.Value, right.Value, addend.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk256<T> MultiplyAdd(Chunk256<T> left, ref T origin, nint offset, Chunk256<T> addend) =>
        new(VectorMath.MultiplyAdd(left.Value, Vector256.LoadUnsafe(ref origin, (nuint)offset), addend.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk256<T> Multiply(Chunk256<T> left, ref T origin, nint offset) =>
        new(left.Value * Vector256.LoadUnsafe(ref origin, (nuint)offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk256<T> operator +(Chunk256<T> left, Chunk256<T> right) => new(left.Value + right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk256<T> operator -(Chunk256<T> left, Chunk256<T> right) => new(left.Value - right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk256<T> operator *(Chunk256<T> left, Chunk256<T> right) => new(left.Value * right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk256<T> ZeroLanesBelow(Chunk256<T> value, nint lane) => lane == 0
        ? value
        : new(value.Value & Vector256.GreaterThanOrEqual(Vector256<T>.Indices, Vector256.Create(T.CreateTruncating(lane))));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk256<T> Activate<TOperator>(Chunk256<T> x) where TOperator : IActivationOperator<T> =>
        new(TOperator.Invoke(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk256<T> DerivativeFromOutput<TOperator>(Chunk256<T> y) where TOperator : IActivationOperator<T> =>
        new(TOperator.DerivativeFromOutput(y.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Chunk256<T> value) => Vector256.Sum(value.Value);
}
