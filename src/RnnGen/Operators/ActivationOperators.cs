using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnGen;

/// <summary>σ(x) = 1 / (1 + e^{−x}); σ' = y(1 − y).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct SigmoidOperator<T> : IActivationOperator<T> where T : INumber<T>, IExponentialFunctions<T>
{
    /// <inheritdoc/>
    public static Activation Kind => Activation.Sigmoid;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Invoke(T x) => T.One / (T.One + T.Exp(-x));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T DerivativeFromOutput(T y) => y * (T.One - y);

    /// <summary>e^x on each lane, as the vector forms of the activations compute it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<T> Exp(Vector512<T> x) => VectorMath.Exp(x);

    /// <summary>e^x on each lane, as the vector forms of the activations compute it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<T> Exp(Vector256<T> x) => VectorMath.Exp(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Invoke(Vector128<T> x)
    {
        // 1 + e^(−x) in one multiply-add from the exponential's two factors.
        Vector128<T> decay = VectorMath.ExpParts(-x, out Vector128<T> scale);
        return Vector128<T>.One / VectorMath.MultiplyAdd(decay, scale, Vector128<T>.One);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Invoke(Vector256<T> x)
    {
        // 1 + e^(−x) in one multiply-add from the exponential's two factors.
        Vector256<T> decay = VectorMath.ExpParts(-x, out Vector256<T> scale);
        return Vector256<T>.One / VectorMath.MultiplyAdd(decay, scale, Vector256<T>.One);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Invoke(Vector512<T> x)
    {
        // 1 + e^(−x) in one multiply-add from the exponential's two factors.
        Vector512<T> decay = VectorMath.ExpParts(-x, out Vector512<T> scale);
        return Vector512<T>.One / VectorMath.MultiplyAdd(decay, scale, Vector512<T>.One);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> DerivativeFromOutput(Vector128<T> y) => y * (Vector128<T>.One - y);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> DerivativeFromOutput(Vector256<T> y) => y * (Vector256<T>.One - y);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> DerivativeFromOutput(Vector512<T> y) => y * (Vector512<T>.One - y);
}

/// <summary>tanh(x); tanh' = 1 − y².</summary>
/// <remarks>
/// The vector form computes tanh|x| = (1 − e^{−2|x|}) / (1 + e^{−2|x|}) and restores the sign: it is exact to a few
/// units of the last place in absolute terms, like TensorPrimitives.Tanh, rather than in relative terms near zero.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct TanhOperator<T> : IActivationOperator<T> where T : INumber<T>, IHyperbolicFunctions<T>
{
    /// <inheritdoc/>
    public static Activation Kind => Activation.Tanh;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Invoke(T x) => T.Tanh(x);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T DerivativeFromOutput(T y) => T.One - (y * y);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Invoke(Vector128<T> x)
    {
        // e^(−2|x|) = decay·scale; 1 ∓ e^(−2|x|) in one multiply-add each.
        Vector128<T> decay = VectorMath.ExpParts(Vector128.Create(T.CreateTruncating(-2)) * Vector128.Abs(x), out Vector128<T> scale);
        return Vector128.CopySign(VectorMath.MultiplyAdd(-decay, scale, Vector128<T>.One) / VectorMath.MultiplyAdd(decay, scale, Vector128<T>.One), x);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Invoke(Vector256<T> x)
    {
        // e^(−2|x|) = decay·scale; 1 ∓ e^(−2|x|) in one multiply-add each.
        Vector256<T> decay = VectorMath.ExpParts(Vector256.Create(T.CreateTruncating(-2)) * Vector256.Abs(x), out Vector256<T> scale);
        return Vector256.CopySign(VectorMath.MultiplyAdd(-decay, scale, Vector256<T>.One) / VectorMath.MultiplyAdd(decay, scale, Vector256<T>.One), x);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Invoke(Vector512<T> x)
    {
        // e^(−2|x|) = decay·scale; 1 ∓ e^(−2|x|) in one multiply-add each.
        Vector512<T> decay = VectorMath.ExpParts(Vector512.Create(T.CreateTruncating(-2)) * Vector512.Abs(x), out Vector512<T> scale);
        return Vector512.CopySign(VectorMath.MultiplyAdd(-decay, scale, Vector512<T>.One) / VectorMath.MultiplyAdd(decay, scale, Vector512<T>.One), x);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> DerivativeFromOutput(Vector128<T> y) => Vector128<T>.One - (y * y);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> DerivativeFromOutput(Vector256<T> y) => Vector256<T>.One - (y * y);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> DerivativeFromOutput(Vector512<T> y) => Vector512<T>.One - (y * y);
}

/// <summary>max(x, 0); the derivative is 1 where the output is positive, else 0.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ReluOperator<T> : IActivationOperator<T> where T : INumber<T>
{
    /// <inheritdoc/>
    public static Activation Kind => Activation.Relu;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Invoke(T x) => x > T.Zero ? x : T.Zero;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T DerivativeFromOutput(T y) => y > T.Zero ? T.One : T.Zero;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Invoke(Vector128<T> x) => Vector128.Max(x, Vector128<T>.Zero);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Invoke(Vector256<T> x) => Vector256.Max(x, Vector256<T>.Zero);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Invoke(Vector512<T> x) => Vector512.Max(x, Vector512<T>.Zero);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> DerivativeFromOutput(Vector128<T> y) => Vector128<T>.One & Vector128.GreaterThan(y, Vector128<T>.Zero);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> DerivativeFromOutput(Vector256<T> y) => Vector256<T>.One & Vector256.GreaterThan(y, Vector256<T>.Zero);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> DerivativeFromOutput(Vector512<T> y) => Vector512<T>.One & Vector512.GreaterThan(y, Vector512<T>.Zero);
}

/// <summary>The identity: f(x) = x, f' = 1.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct IdentityOperator<T> : IActivationOperator<T> where T : INumber<T>
{
    /// <inheritdoc/>
    public static Activation Kind => Activation.Identity;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Invoke(T x) => x;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T DerivativeFromOutput(T y) => T.One;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Invoke(Vector128<T> x) => x;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Invoke(Vector256<T> x) => x;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Invoke(Vector512<T> x) => x;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> DerivativeFromOutput(Vector128<T> y) => Vector128<T>.One;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> DerivativeFromOutput(Vector256<T> y) => Vector256<T>.One;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> DerivativeFromOutput(Vector512<T> y) => Vector512<T>.One;
}
