using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace RnnGen;

/// <summary>A chunk of one element: the path for <see cref="System.Half"/>, <see cref="decimal"/> and any other number type without vector support.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ScalarChunk<T>(T value) : IChunk<ScalarChunk<T>, T> where T : INumber<T>
{
    /// <summary>The element.</summary>
    public T Value { get; } = value;

    /// <inheritdoc/>
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 1;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Fits(int length) => length >= 1;

    /// <inheritdoc/>
    public static ScalarChunk<T> Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(T.Zero);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarChunk<T> Load(ref T origin, nint offset) => new(Unsafe.Add(ref origin, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ScalarChunk<T> value, ref T origin, nint offset) => Unsafe.Add(ref origin, offset) = value.Value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarChunk<T> Broadcast(ref T origin, nint offset) => new(Unsafe.Add(ref origin, offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarChunk<T> Broadcast(T value) => new(value);

    /// <inheritdoc/>
    /// <remarks>Multiplies then adds, rounding twice, exactly as a plain loop does.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarChunk<T> MultiplyAdd(ScalarChunk<T> left, ScalarChunk<T> right, ScalarChunk<T> addend) =>
        new((left.Value * right.Value) + addend.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarChunk<T> operator +(ScalarChunk<T> left, ScalarChunk<T> right) => new(left.Value + right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarChunk<T> operator -(ScalarChunk<T> left, ScalarChunk<T> right) => new(left.Value - right.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarChunk<T> operator *(ScalarChunk<T> left, ScalarChunk<T> right) => new(left.Value * right.Value);

    /// <inheritdoc/>
    /// <remarks>A one-element chunk never overlaps its neighbour, so <paramref name="lane"/> is always 0.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarChunk<T> ZeroLanesBelow(ScalarChunk<T> value, nint lane) => value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarChunk<T> Activate<TOperator>(ScalarChunk<T> x) where TOperator : IActivationOperator<T> =>
        new(TOperator.Invoke(x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarChunk<T> DerivativeFromOutput<TOperator>(ScalarChunk<T> y) where TOperator : IActivationOperator<T> =>
        new(TOperator.DerivativeFromOutput(y.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(ScalarChunk<T> value) => value.Value;
}
