using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnGen;

/// <summary>A chunk of <c>Vector128&lt;T&gt;.Count</c> elements held in one 128-bit register (float and double only).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct Chunk128<T>(Vector128<T> value) : IChunk<Chunk128<T>, T> where T : INumber<T>
{
    /// <summary>The lanes.</summary>
    public Vector128<T> Value { get; } = value;

    /// <inheritdoc/>
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector128<T>.Count;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Fits(int length) =>
        Vector128.IsHardwareAccelerated && VectorMath.IsHardwareType<T>() && length >= Vector128<T>.Count;

    /// <inheritdoc/>
    public static Chunk128<T> Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector128<T>.Zero);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk128<T> Load(ref T origin, nint offset) => new(Vector128.LoadUnsafe(ref origin, (nuint)offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Chunk128<T> value, ref T origin, nint offset) => value.Value.StoreUnsafe(ref origin, (nuint)offset);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk128<T> Broadcast(ref T origin, nint offset) => new(Vector128.Create(Unsafe.Add(ref origin, offset)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk128<T> Broadcast(T value) => new(Vector128.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk128<T> MultiplyAdd(Chunk128<T> left, Chunk128<T> right, Chunk128<T> addend) =>
        new(VectorMath.MultiplyAdd(left.Value, right.Value, addend.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk128<T> MultiplyAdd(Chunk128<T> left, ref T origin, nint offset, Chunk128<T> addend) =>
        new(VectorMath.MultiplyAdd(left.Value, Vector128.LoadUnsafe(ref origin, (nuint)offset), addend.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk128<T> Multiply(Chunk128<T> left, ref T origin, nint offset) =>
        new(left.Value * Vector128.LoadUnsafe(ref origin, (nuint)offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk128<T> operator +(Chunk128<T> left, Chunk128<T> right) => new(left.Value + right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk128<T> operator -(Chunk128<T> left, Chunk128<T> right) => new(left.Value - right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk128<T> operator *(Chunk128<T> left, Chunk128<T> right) => new(left.Value * right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk128<T> ZeroLanesBelow(Chunk128<T> value, nint lane) => lane == 0
        ? value
        : new(value.Value & Vector128.GreaterThanOrEqual(Vector128<T>.Indices, Vector128.Create(T.CreateTruncating(lane))));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk128<T> Activate<TOperator>(Chunk128<T> x) where TOperator : IActivationOperator<T> =>
        new(TOperator.Invoke(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chunk128<T> DerivativeFromOutput<TOperator>(Chunk128<T> y) where TOperator : IActivationOperator<T> =>
        new(TOperator.DerivativeFromOutput(y.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Chunk128<T> value) => Vector128.Sum(value.Value);
}
