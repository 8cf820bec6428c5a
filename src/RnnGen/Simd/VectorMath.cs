using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnGen;

/// <summary>Generic front doors to the runtime's vector math for the two hardware element types.</summary>
internal static class VectorMath
{
    /// <summary>True for the element types the vector paths support: <see cref="float"/> and <see cref="double"/>.</summary>
    public static bool IsHardwareType<T>() => typeof(T) == typeof(float) || typeof(T) == typeof(double);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Exp<T>(Vector128<T> x)
    {
        if (typeof(T) == typeof(float))
            return ExpSingle(x.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector128.Exp(x.AsDouble()).As<double, T>();
        throw new NotSupportedException();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Exp<T>(Vector256<T> x)
    {
        if (typeof(T) == typeof(float))
            return ExpSingle(x.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector256.Exp(x.AsDouble()).As<double, T>();
        throw new NotSupportedException();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Exp<T>(Vector512<T> x)
    {
        if (typeof(T) == typeof(float))
            return ExpSingle(x.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector512.Exp(x.AsDouble()).As<double, T>();
        throw new NotSupportedException();
    }

    // ---- e^x in float, computed in float ----
    //
    // The runtime's Vector*.Exp(float) widens to double for accuracy, which costs twice the work. The activations only
    // need float accuracy: Cody-Waite range reduction x = n·ln2 + r with |r| ≤ ln2/2, the Cephes degree-6 polynomial for
    // e^r (about 1 ulp), and 2^n built in the exponent bits. x is clamped to [-87.3, 88], where both e^x and 2^n stay
    // normal floats; below the clamp the result is 1.2e-38 instead of smaller, which no activation can tell apart.

    private const float ExpLowerLimit = -87.3f, ExpUpperLimit = 88f, Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693359375f, Ln2Low = -2.12194440e-4f;
    private const float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f, P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> ExpSingle(Vector128<float> x)
    {
        x = Vector128.Min(Vector128.Max(x, Vector128.Create(ExpLowerLimit)), Vector128.Create(ExpUpperLimit));
        Vector128<float> n = Vector128.Round(x * Vector128.Create(Log2E));
        Vector128<float> r = Vector128.FusedMultiplyAdd(n, Vector128.Create(-Ln2High), x);
        r = Vector128.FusedMultiplyAdd(n, Vector128.Create(-Ln2Low), r);
        // Estrin's scheme: the same polynomial in three dependent multiply-adds instead of six, since this sits on the
        // critical path of every recurrent step.
        Vector128<float> r2 = r * r;
        Vector128<float> high = Vector128.FusedMultiplyAdd(Vector128.FusedMultiplyAdd(Vector128.Create(P0), r, Vector128.Create(P1)), r2,
            Vector128.FusedMultiplyAdd(Vector128.Create(P2), r, Vector128.Create(P3)));
        Vector128<float> low = Vector128.FusedMultiplyAdd(Vector128.Create(P4), r, Vector128.Create(P5));
        Vector128<float> p = Vector128.FusedMultiplyAdd(high, r2, low);
        p = Vector128.FusedMultiplyAdd(p, r2, r + Vector128<float>.One);
        Vector128<int> scale = Vector128.ShiftLeft(Vector128.ConvertToInt32(n) + Vector128.Create(127), 23);
        return p * scale.AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ExpSingle(Vector256<float> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(ExpLowerLimit)), Vector256.Create(ExpUpperLimit));
        Vector256<float> n = Vector256.Round(x * Vector256.Create(Log2E));
        Vector256<float> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2High), x);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Low), r);
        // Estrin's scheme: the same polynomial in three dependent multiply-adds instead of six, since this sits on the
        // critical path of every recurrent step.
        Vector256<float> r2 = r * r;
        Vector256<float> high = Vector256.FusedMultiplyAdd(Vector256.FusedMultiplyAdd(Vector256.Create(P0), r, Vector256.Create(P1)), r2,
            Vector256.FusedMultiplyAdd(Vector256.Create(P2), r, Vector256.Create(P3)));
        Vector256<float> low = Vector256.FusedMultiplyAdd(Vector256.Create(P4), r, Vector256.Create(P5));
        Vector256<float> p = Vector256.FusedMultiplyAdd(high, r2, low);
        p = Vector256.FusedMultiplyAdd(p, r2, r + Vector256<float>.One);
        Vector256<int> scale = Vector256.ShiftLeft(Vector256.ConvertToInt32(n) + Vector256.Create(127), 23);
        return p * scale.AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpSingle(Vector512<float> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(ExpLowerLimit)), Vector512.Create(ExpUpperLimit));
        Vector512<float> n = Vector512.Round(x * Vector512.Create(Log2E));
        Vector512<float> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2High), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Low), r);
        // Estrin's scheme: the same polynomial in three dependent multiply-adds instead of six, since this sits on the
        // critical path of every recurrent step.
        Vector512<float> r2 = r * r;
        Vector512<float> high = Vector512.FusedMultiplyAdd(Vector512.FusedMultiplyAdd(Vector512.Create(P0), r, Vector512.Create(P1)), r2,
            Vector512.FusedMultiplyAdd(Vector512.Create(P2), r, Vector512.Create(P3)));
        Vector512<float> low = Vector512.FusedMultiplyAdd(Vector512.Create(P4), r, Vector512.Create(P5));
        Vector512<float> p = Vector512.FusedMultiplyAdd(high, r2, low);
        p = Vector512.FusedMultiplyAdd(p, r2, r + Vector512<float>.One);
        Vector512<int> scale = Vector512.ShiftLeft(Vector512.ConvertToInt32(n) + Vector512.Create(127), 23);
        return p * scale.AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> FusedMultiplyAdd<T>(Vector128<T> left, Vector128<T> right, Vector128<T> addend)
    {
        if (typeof(T) == typeof(float))
            return Vector128.FusedMultiplyAdd(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector128.FusedMultiplyAdd(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
        return (left * right) + addend;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> FusedMultiplyAdd<T>(Vector256<T> left, Vector256<T> right, Vector256<T> addend)
    {
        if (typeof(T) == typeof(float))
            return Vector256.FusedMultiplyAdd(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector256.FusedMultiplyAdd(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
        return (left * right) + addend;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> FusedMultiplyAdd<T>(Vector512<T> left, Vector512<T> right, Vector512<T> addend)
    {
        if (typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        if (typeof(T) == typeof(double))
            return Vector512.FusedMultiplyAdd(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
        return (left * right) + addend;
    }
}
