using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace RnnGen;

/// <summary>Generic front doors to the runtime's vector math for the two hardware element types.</summary>
internal static class VectorMath
{
    /// <summary>True for the element types the vector paths support: <see cref="float"/> and <see cref="double"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsHardwareType<T>() => typeof(T) == typeof(float) || typeof(T) == typeof(double);

    /// <summary>e^x on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Exp<T>(Vector128<T> x) => ExpParts(x, out Vector128<T> scale) * scale;

    /// <summary>
    /// e^x on each lane as two factors, e^x = p·scale with scale a power of two, so that a caller who adds or subtracts
    /// e^x can fold the last multiply into a fused multiply-add (one rounding and one instruction fewer on its critical path).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> ExpParts<T>(Vector128<T> x, out Vector128<T> scale)
    {
        if (typeof(T) == typeof(float))
        {
            Vector128<float> p = ExpSingle(x.AsSingle(), out Vector128<float> singleScale);
            scale = singleScale.As<float, T>();
            return p.As<float, T>();
        }
        if (typeof(T) == typeof(double))
        {
            Vector128<double> p = ExpDouble(x.AsDouble(), out Vector128<double> doubleScale);
            scale = doubleScale.As<double, T>();
            return p.As<double, T>();
        }
        throw new NotSupportedException();
    }

    /// <summary>e^x on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Exp<T>(Vector256<T> x) => ExpParts(x, out Vector256<T> scale) * scale;

    /// <summary>
    /// e^x on each lane as two factors, e^x = p·scale with scale a power of two, so that a caller who adds or subtracts
    /// e^x can fold the last multiply into a fused multiply-add (one rounding and one instruction fewer on its critical path).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> ExpParts<T>(Vector256<T> x, out Vector256<T> scale)
    {
        if (typeof(T) == typeof(float))
        {
            Vector256<float> p = ExpSingle(x.AsSingle(), out Vector256<float> singleScale);
            scale = singleScale.As<float, T>();
            return p.As<float, T>();
        }
        if (typeof(T) == typeof(double))
        {
            Vector256<double> p = ExpDouble(x.AsDouble(), out Vector256<double> doubleScale);
            scale = doubleScale.As<double, T>();
            return p.As<double, T>();
        }
        throw new NotSupportedException();
    }

    /// <summary>e^x on each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Exp<T>(Vector512<T> x) => ExpParts(x, out Vector512<T> scale) * scale;

    /// <summary>
    /// e^x on each lane as two factors, e^x = p·scale with scale a power of two, so that a caller who adds or subtracts
    /// e^x can fold the last multiply into a fused multiply-add (one rounding and one instruction fewer on its critical path).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> ExpParts<T>(Vector512<T> x, out Vector512<T> scale)
    {
        if (typeof(T) == typeof(float))
        {
            Vector512<float> p = ExpSingle(x.AsSingle(), out Vector512<float> singleScale);
            scale = singleScale.As<float, T>();
            return p.As<float, T>();
        }
        if (typeof(T) == typeof(double))
        {
            Vector512<double> p = ExpDouble(x.AsDouble(), out Vector512<double> doubleScale);
            scale = doubleScale.As<double, T>();
            return p.As<double, T>();
        }
        throw new NotSupportedException();
    }

    // ---- e^x in float, computed in float ----
    //
    // The runtime's Vector*.Exp(float) widens to double for accuracy, which costs twice the work. The activations only
    // need float accuracy: range reduction x = n·ln2 + r with |r| ≤ ln2/2 in one fused multiply-add (ln 2 rounded to
    // float is 1.9e-9 off, so r is off by at most 2.4e-7 at the clamp (n = 127) and under a quarter ulp for |x| < 10; splitting
    // ln 2 in two would cost one more multiply-add on the critical path of every step; without a fused multiply-add the
    // product n·ln 2 would round, so there ln 2 is split, see ReduceRange), the Cephes degree-6 polynomial
    // for e^r (about 1 ulp), and 2^n built in the exponent bits and returned apart from the polynomial, so that a caller
    // can fuse the last multiply into its own add (ExpParts). x is clamped to [-87.3, 88], where both e^x and 2^n stay
    // normal floats; below the clamp the result is 1.2e-38 instead of smaller, which no activation can tell apart.

    private const float ExpLowerLimit = -87.3f, ExpUpperLimit = 88f, Log2E = 1.44269504088896341f;
    private const float Ln2 = 0.693147182f, Ln2High = 0.693359375f, Ln2Low = -2.12194440e-4f;
    private const float RoundingShiftSingle = 12582912f; // 1.5·2^23: adding it rounds to an integer in the low bits
    private const int RoundingShiftSingleBits = 0x4B400000; // its bit pattern
    private const float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f, P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;

    /// <summary>
    /// n as integers, where n already holds small whole numbers: the plain conversion instruction. Vector128.ConvertToInt32
    /// saturates out-of-range and NaN lanes, which costs four more instructions per call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<int> ConvertIntegral(Vector128<float> n) => Sse2.IsSupported ? Sse2.ConvertToVector128Int32(n) : Vector128.ConvertToInt32(n);

    /// <summary>
    /// r = x − n·ln 2. With a fused multiply-add, one instruction and ln 2 in one float (see the note above); without
    /// one, ln 2 in two parts (Cody and Waite, Cephes' split): n·Ln2High is exact, so r keeps float accuracy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> ReduceRange(Vector128<float> n, Vector128<float> x) => HasFusedMultiplyAdd
        ? Vector128.FusedMultiplyAdd(n, Vector128.Create(-Ln2), x)
        : (x - (n * Vector128.Create(Ln2High))) - (n * Vector128.Create(Ln2Low));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> ExpSingle(Vector128<float> x, out Vector128<float> scale)
    {
        x = Vector128.Min(Vector128.Max(x, Vector128.Create(ExpLowerLimit)), Vector128.Create(ExpUpperLimit));
        Vector128<float> n;
        // Vector128.Round is one instruction only where SSE4.1 is certainly there: Native AOT's default x64 target checks
        // for SSE4.1 at run time, and there Vector128.Round calls MathF.Round for each lane even where the check passes.
        if (Avx.IsSupported || AdvSimd.IsSupported)
        {
            n = Vector128.Round(x * Vector128.Create(Log2E));
            scale = Vector128.ShiftLeft(ConvertIntegral(n) + Vector128.Create(127), 23).AsSingle();
        }
        else
        {
            // Adding 1.5·2^23 rounds to an integer and leaves n in the low bits of the sum, so 2^n comes from those bits
            // without a conversion.
            Vector128<float> shifted = MultiplyAdd(x, Vector128.Create(Log2E), Vector128.Create(RoundingShiftSingle));
            n = shifted - Vector128.Create(RoundingShiftSingle);
            scale = Vector128.ShiftLeft(shifted.AsInt32() - Vector128.Create(RoundingShiftSingleBits - 127), 23).AsSingle();
        }
        Vector128<float> r = ReduceRange(n, x);
        // Estrin's scheme: the polynomial 1 + r + P5·r² + … + P0·r⁷ in two dependent multiply-adds after r² (Horner's
        // would take seven), since this sits on the critical path of every recurrent step.
        Vector128<float> r2 = r * r, r4 = r2 * r2;
        Vector128<float> c01 = r + Vector128<float>.One;
        Vector128<float> c23 = MultiplyAdd(Vector128.Create(P4), r, Vector128.Create(P5));
        Vector128<float> c45 = MultiplyAdd(Vector128.Create(P2), r, Vector128.Create(P3));
        Vector128<float> c67 = MultiplyAdd(Vector128.Create(P0), r, Vector128.Create(P1));
        Vector128<float> c03 = MultiplyAdd(c23, r2, c01);
        Vector128<float> c47 = MultiplyAdd(c67, r2, c45);
        return MultiplyAdd(c47, r4, c03);
    }

    /// <summary>
    /// n as integers, where n already holds small whole numbers: the plain conversion instruction. Vector256.ConvertToInt32
    /// saturates out-of-range and NaN lanes, which costs four more instructions per call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> ConvertIntegral(Vector256<float> n) => Avx.IsSupported ? Avx.ConvertToVector256Int32(n) : Vector256.ConvertToInt32(n);

    /// <summary>
    /// r = x − n·ln 2. With a fused multiply-add, one instruction and ln 2 in one float (see the note above); without
    /// one, ln 2 in two parts (Cody and Waite, Cephes' split): n·Ln2High is exact, so r keeps float accuracy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ReduceRange(Vector256<float> n, Vector256<float> x) => HasFusedMultiplyAdd
        ? Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2), x)
        : (x - (n * Vector256.Create(Ln2High))) - (n * Vector256.Create(Ln2Low));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> ExpSingle(Vector256<float> x, out Vector256<float> scale)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(ExpLowerLimit)), Vector256.Create(ExpUpperLimit));
        Vector256<float> n = Vector256.Round(x * Vector256.Create(Log2E));
        Vector256<float> r = ReduceRange(n, x);
        // Estrin's scheme: the polynomial 1 + r + P5·r² + … + P0·r⁷ in two dependent multiply-adds after r² (Horner's
        // would take seven), since this sits on the critical path of every recurrent step.
        Vector256<float> r2 = r * r, r4 = r2 * r2;
        Vector256<float> c01 = r + Vector256<float>.One;
        Vector256<float> c23 = MultiplyAdd(Vector256.Create(P4), r, Vector256.Create(P5));
        Vector256<float> c45 = MultiplyAdd(Vector256.Create(P2), r, Vector256.Create(P3));
        Vector256<float> c67 = MultiplyAdd(Vector256.Create(P0), r, Vector256.Create(P1));
        Vector256<float> c03 = MultiplyAdd(c23, r2, c01);
        Vector256<float> c47 = MultiplyAdd(c67, r2, c45);
        scale = Vector256.ShiftLeft(ConvertIntegral(n) + Vector256.Create(127), 23).AsSingle();
        return MultiplyAdd(c47, r4, c03);
    }

    /// <summary>
    /// n as integers, where n already holds small whole numbers: the plain conversion instruction. Vector512.ConvertToInt32
    /// saturates out-of-range and NaN lanes, which costs four more instructions per call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> ConvertIntegral(Vector512<float> n) => Avx512F.IsSupported ? Avx512F.ConvertToVector512Int32(n) : Vector512.ConvertToInt32(n);

    /// <summary>
    /// r = x − n·ln 2. With a fused multiply-add, one instruction and ln 2 in one float (see the note above); without
    /// one, ln 2 in two parts (Cody and Waite, Cephes' split): n·Ln2High is exact, so r keeps float accuracy.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ReduceRange(Vector512<float> n, Vector512<float> x) => HasFusedMultiplyAdd
        ? Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2), x)
        : (x - (n * Vector512.Create(Ln2High))) - (n * Vector512.Create(Ln2Low));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpSingle(Vector512<float> x, out Vector512<float> scale)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(ExpLowerLimit)), Vector512.Create(ExpUpperLimit));
        Vector512<float> n = Vector512.Round(x * Vector512.Create(Log2E));
        Vector512<float> r = ReduceRange(n, x);
        // Estrin's scheme: the polynomial 1 + r + P5·r² + … + P0·r⁷ in two dependent multiply-adds after r² (Horner's
        // would take seven), since this sits on the critical path of every recurrent step.
        Vector512<float> r2 = r * r, r4 = r2 * r2;
        Vector512<float> c01 = r + Vector512<float>.One;
        Vector512<float> c23 = MultiplyAdd(Vector512.Create(P4), r, Vector512.Create(P5));
        Vector512<float> c45 = MultiplyAdd(Vector512.Create(P2), r, Vector512.Create(P3));
        Vector512<float> c67 = MultiplyAdd(Vector512.Create(P0), r, Vector512.Create(P1));
        Vector512<float> c03 = MultiplyAdd(c23, r2, c01);
        Vector512<float> c47 = MultiplyAdd(c67, r2, c45);
        scale = Vector512.ShiftLeft(ConvertIntegral(n) + Vector512.Create(127), 23).AsSingle();
        return MultiplyAdd(c47, r4, c03);
    }

    // ---- e^x in double ----
    //
    // The runtime's Vector*.Exp(double) is not inlined: a call in the middle of every recurrent step, with every live
    // vector register spilled around it. This is the same scheme as the float version with double constants: Cody-Waite
    // reduction with ln 2 split in two (Cephes), the Taylor series of e^r to r^13 (truncation error below 2e-16 for
    // |r| ≤ ln2/2), and 2^n put straight into the exponent bits (returned apart, as in the float version). x is clamped
    // to [-708, 709], where 2^n stays normal.

    private const double ExpLowerLimitDouble = -708, ExpUpperLimitDouble = 709, Log2EDouble = 1.4426950408889634074;
    private const double RoundingShift = 6755399441055744.0; // 1.5·2^52: adding it rounds to an integer in the low bits
    private const double Ln2HighDouble = 6.93145751953125e-1, Ln2LowDouble = 1.42860682030941723212e-6;
    private const double Q2 = 1.0 / 2, Q3 = 1.0 / 6, Q4 = 1.0 / 24, Q5 = 1.0 / 120, Q6 = 1.0 / 720, Q7 = 1.0 / 5040,
        Q8 = 1.0 / 40320, Q9 = 1.0 / 362880, Q10 = 1.0 / 3628800, Q11 = 1.0 / 39916800, Q12 = 1.0 / 479001600, Q13 = 1.0 / 6227020800;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> ExpDouble(Vector128<double> x, out Vector128<double> scale)
    {
        x = Vector128.Min(Vector128.Max(x, Vector128.Create(ExpLowerLimitDouble)), Vector128.Create(ExpUpperLimitDouble));
        // n = round(x·log2 e), kept in the low mantissa bits of a double offset by 1.5·2^52: no float-to-long convert.
        Vector128<double> shifted = MultiplyAdd(x, Vector128.Create(Log2EDouble), Vector128.Create(RoundingShift));
        Vector128<double> n = shifted - Vector128.Create(RoundingShift);
        Vector128<double> r = MultiplyAdd(n, Vector128.Create(-Ln2HighDouble), x);
        r = MultiplyAdd(n, Vector128.Create(-Ln2LowDouble), r);
        // Taylor to r^13 by Estrin's scheme: four dependent multiply-adds after r², r⁴ and r⁸.
        Vector128<double> r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
        Vector128<double> c01 = r + Vector128<double>.One;
        Vector128<double> c23 = MultiplyAdd(Vector128.Create(Q3), r, Vector128.Create(Q2));
        Vector128<double> c45 = MultiplyAdd(Vector128.Create(Q5), r, Vector128.Create(Q4));
        Vector128<double> c67 = MultiplyAdd(Vector128.Create(Q7), r, Vector128.Create(Q6));
        Vector128<double> c89 = MultiplyAdd(Vector128.Create(Q9), r, Vector128.Create(Q8));
        Vector128<double> c1011 = MultiplyAdd(Vector128.Create(Q11), r, Vector128.Create(Q10));
        Vector128<double> c1213 = MultiplyAdd(Vector128.Create(Q13), r, Vector128.Create(Q12));
        Vector128<double> c03 = MultiplyAdd(c23, r2, c01);
        Vector128<double> c47 = MultiplyAdd(c67, r2, c45);
        Vector128<double> c811 = MultiplyAdd(c1011, r2, c89);
        Vector128<double> c07 = MultiplyAdd(c47, r4, c03);
        Vector128<double> c813 = MultiplyAdd(c1213, r4, c811);
        Vector128<double> p = MultiplyAdd(c813, r8, c07);
        scale = Vector128.ShiftLeft(shifted.AsUInt64() + Vector128.Create(1023UL), 52).AsDouble();
        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ExpDouble(Vector256<double> x, out Vector256<double> scale)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(ExpLowerLimitDouble)), Vector256.Create(ExpUpperLimitDouble));
        // n = round(x·log2 e), kept in the low mantissa bits of a double offset by 1.5·2^52: no float-to-long convert.
        Vector256<double> shifted = MultiplyAdd(x, Vector256.Create(Log2EDouble), Vector256.Create(RoundingShift));
        Vector256<double> n = shifted - Vector256.Create(RoundingShift);
        Vector256<double> r = MultiplyAdd(n, Vector256.Create(-Ln2HighDouble), x);
        r = MultiplyAdd(n, Vector256.Create(-Ln2LowDouble), r);
        // Taylor to r^13 by Estrin's scheme: four dependent multiply-adds after r², r⁴ and r⁸.
        Vector256<double> r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
        Vector256<double> c01 = r + Vector256<double>.One;
        Vector256<double> c23 = MultiplyAdd(Vector256.Create(Q3), r, Vector256.Create(Q2));
        Vector256<double> c45 = MultiplyAdd(Vector256.Create(Q5), r, Vector256.Create(Q4));
        Vector256<double> c67 = MultiplyAdd(Vector256.Create(Q7), r, Vector256.Create(Q6));
        Vector256<double> c89 = MultiplyAdd(Vector256.Create(Q9), r, Vector256.Create(Q8));
        Vector256<double> c1011 = MultiplyAdd(Vector256.Create(Q11), r, Vector256.Create(Q10));
        Vector256<double> c1213 = MultiplyAdd(Vector256.Create(Q13), r, Vector256.Create(Q12));
        Vector256<double> c03 = MultiplyAdd(c23, r2, c01);
        Vector256<double> c47 = MultiplyAdd(c67, r2, c45);
        Vector256<double> c811 = MultiplyAdd(c1011, r2, c89);
        Vector256<double> c07 = MultiplyAdd(c47, r4, c03);
        Vector256<double> c813 = MultiplyAdd(c1213, r4, c811);
        Vector256<double> p = MultiplyAdd(c813, r8, c07);
        scale = Vector256.ShiftLeft(shifted.AsUInt64() + Vector256.Create(1023UL), 52).AsDouble();
        return p;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ExpDouble(Vector512<double> x, out Vector512<double> scale)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(ExpLowerLimitDouble)), Vector512.Create(ExpUpperLimitDouble));
        // n = round(x·log2 e), kept in the low mantissa bits of a double offset by 1.5·2^52: no float-to-long convert.
        Vector512<double> shifted = MultiplyAdd(x, Vector512.Create(Log2EDouble), Vector512.Create(RoundingShift));
        Vector512<double> n = shifted - Vector512.Create(RoundingShift);
        Vector512<double> r = MultiplyAdd(n, Vector512.Create(-Ln2HighDouble), x);
        r = MultiplyAdd(n, Vector512.Create(-Ln2LowDouble), r);
        // Taylor to r^13 by Estrin's scheme: four dependent multiply-adds after r², r⁴ and r⁸.
        Vector512<double> r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
        Vector512<double> c01 = r + Vector512<double>.One;
        Vector512<double> c23 = MultiplyAdd(Vector512.Create(Q3), r, Vector512.Create(Q2));
        Vector512<double> c45 = MultiplyAdd(Vector512.Create(Q5), r, Vector512.Create(Q4));
        Vector512<double> c67 = MultiplyAdd(Vector512.Create(Q7), r, Vector512.Create(Q6));
        Vector512<double> c89 = MultiplyAdd(Vector512.Create(Q9), r, Vector512.Create(Q8));
        Vector512<double> c1011 = MultiplyAdd(Vector512.Create(Q11), r, Vector512.Create(Q10));
        Vector512<double> c1213 = MultiplyAdd(Vector512.Create(Q13), r, Vector512.Create(Q12));
        Vector512<double> c03 = MultiplyAdd(c23, r2, c01);
        Vector512<double> c47 = MultiplyAdd(c67, r2, c45);
        Vector512<double> c811 = MultiplyAdd(c1011, r2, c89);
        Vector512<double> c07 = MultiplyAdd(c47, r4, c03);
        Vector512<double> c813 = MultiplyAdd(c1213, r4, c811);
        Vector512<double> p = MultiplyAdd(c813, r8, c07);
        scale = Vector512.ShiftLeft(shifted.AsUInt64() + Vector512.Create(1023UL), 52).AsDouble();
        return p;
    }

    // ---- Multiply-add ----
    //
    // Vector128/256/512.FusedMultiplyAdd promise one rounding on every machine: where the hardware has no fused
    // multiply-add they compute it lane by lane in software (a call to the C library's fmaf or fma per lane). x64's
    // baseline has none, and Native AOT compiles for that baseline by default, where those calls made the adder's
    // training step 50 times slower (20.8 µs against 0.4). Here the fused instruction is used where the hardware has
    // it, and a multiply and an add where it does not. The choice is a constant for the JIT and for Native AOT alike.

    /// <summary>True where left·right + addend is one hardware instruction: FMA3 on x64, every Arm64 core.</summary>
    /// <remarks>Inlined by demand: Native AOT otherwise kept it as a call, made once for every multiply-add.</remarks>
    public static bool HasFusedMultiplyAdd
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Fma.IsSupported || AdvSimd.IsSupported;
    }

    /// <summary>left·right + addend, fused where the hardware has it (see <see cref="HasFusedMultiplyAdd"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAdd<T>(Vector128<T> left, Vector128<T> right, Vector128<T> addend)
    {
        if (HasFusedMultiplyAdd && typeof(T) == typeof(float))
            return Vector128.FusedMultiplyAdd(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        if (HasFusedMultiplyAdd && typeof(T) == typeof(double))
            return Vector128.FusedMultiplyAdd(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
        return (left * right) + addend;
    }

    /// <summary>left·right + addend, fused where the hardware has it (see <see cref="HasFusedMultiplyAdd"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd<T>(Vector256<T> left, Vector256<T> right, Vector256<T> addend)
    {
        if (HasFusedMultiplyAdd && typeof(T) == typeof(float))
            return Vector256.FusedMultiplyAdd(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        if (HasFusedMultiplyAdd && typeof(T) == typeof(double))
            return Vector256.FusedMultiplyAdd(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
        return (left * right) + addend;
    }

    /// <summary>left·right + addend, fused where the hardware has it (see <see cref="HasFusedMultiplyAdd"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd<T>(Vector512<T> left, Vector512<T> right, Vector512<T> addend)
    {
        if (HasFusedMultiplyAdd && typeof(T) == typeof(float))
            return Vector512.FusedMultiplyAdd(left.AsSingle(), right.AsSingle(), addend.AsSingle()).As<float, T>();
        if (HasFusedMultiplyAdd && typeof(T) == typeof(double))
            return Vector512.FusedMultiplyAdd(left.AsDouble(), right.AsDouble(), addend.AsDouble()).As<double, T>();
        return (left * right) + addend;
    }
}
