using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnGen;

/// <summary>
/// 8 <see cref="System.Half"/> values held in the float lanes of a 256-bit register. Every operation computes in
/// float and rounds the result to the nearest Half, ties to even, exactly as .NET's Half operators do one element at a
/// time, so results are the same as <see cref="ScalarChunk{T}"/> up to the order of summation.
/// </summary>
/// <remarks>.NET has no vector Half arithmetic on x86; this is the SIMD path for <c>T = Half</c>.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct HalfChunk256<T>(Vector256<float> value) : IChunk<HalfChunk256<T>, T> where T : INumber<T>
{
    /// <summary>The lanes, each a float that a Half represents exactly.</summary>
    public Vector256<float> Value { get; } = value;

    /// <inheritdoc/>
    public static int Count
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => 8;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Fits(int length) => typeof(T) == typeof(System.Half) && Vector256.IsHardwareAccelerated && length >= 8;

    /// <inheritdoc/>
    public static HalfChunk256<T> Zero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(Vector256<float>.Zero);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HalfChunk256<T> Load(ref T origin, nint offset) =>
        new(HalfVector.ToSingle(Vector128.LoadUnsafe(ref Unsafe.As<T, ushort>(ref origin), (nuint)offset)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(HalfChunk256<T> value, ref T origin, nint offset) =>
        HalfVector.ToHalfBits(value.Value).StoreUnsafe(ref Unsafe.As<T, ushort>(ref origin), (nuint)offset);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HalfChunk256<T> Broadcast(ref T origin, nint offset) => new(Vector256.Create((float)Unsafe.As<T, System.Half>(ref Unsafe.Add(ref origin, offset))));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HalfChunk256<T> Broadcast(T value) => new(Vector256.Create(float.CreateTruncating(value)));

    /// <inheritdoc/>
    /// <remarks>Rounds the product, then the sum, as <c>left * right + addend</c> does in Half.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HalfChunk256<T> MultiplyAdd(HalfChunk256<T> left, HalfChunk256<T> right, HalfChunk256<T> addend) =>
        new(HalfVector.Round(HalfVector.Round(left.Value * right.Value) + addend.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HalfChunk256<T> operator +(HalfChunk256<T> left, HalfChunk256<T> right) => new(HalfVector.Round(left.Value + right.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HalfChunk256<T> operator -(HalfChunk256<T> left, HalfChunk256<T> right) => new(HalfVector.Round(left.Value - right.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HalfChunk256<T> operator *(HalfChunk256<T> left, HalfChunk256<T> right) => new(HalfVector.Round(left.Value * right.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HalfChunk256<T> ZeroLanesBelow(HalfChunk256<T> value, nint lane) => lane == 0
        ? value
        : new(value.Value & Vector256.GreaterThanOrEqual(Vector256<float>.Indices, Vector256.Create((float)lane)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HalfChunk256<T> Activate<TOperator>(HalfChunk256<T> x) where TOperator : IActivationOperator<T> =>
        new(HalfVector.Activate(TOperator.Kind, x.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HalfChunk256<T> DerivativeFromOutput<TOperator>(HalfChunk256<T> y) where TOperator : IActivationOperator<T> =>
        new(HalfVector.DerivativeFromOutput(TOperator.Kind, y.Value));

    /// <inheritdoc/>
    /// <remarks>Adds lane by lane, rounding to Half after each addition, as a scalar loop does.</remarks>
    public static T Sum(HalfChunk256<T> value)
    {
        System.Half sum = System.Half.Zero;
        for (int lane = 0; lane < 8; lane++)
            sum += (System.Half)value.Value[lane];
        return T.CreateTruncating(sum);
    }
}
