using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RnnGen;

/// <summary>
/// Half precision emulated in float vectors: conversion between Half bits and float lanes, and rounding a float to the
/// nearest Half (ties to even, overflow to infinity, subnormals kept), so that float arithmetic followed by
/// <see cref="Round(Vector512{float})"/> gives exactly what .NET's scalar Half operators give.
/// </summary>
internal static class HalfVector
{
    private const uint SignMask = 0x8000_0000, MagnitudeMask = 0x7FFF_FFFF, FloatExponentMask = 0x7F80_0000;
    private const uint SmallestNormalHalf = 0x3880_0000;      // 2^-14 as float bits
    private const uint LargestHalf = 0x477F_E000;             // 65504 as float bits
    private const float ToFloatScale = 5.192297e33f;          // 2^112: moves a Half exponent to a float exponent
    private const float ToHalfScale = 1.925930e-34f;          // 2^-112
    private const float SubnormalRounder = 0.75f;             // adding it rounds a value below 2^-14 to a multiple of 2^-24

    // ---- 512 bits: 16 lanes ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Round(Vector512<float> x)
    {
        Vector512<uint> bits = x.AsUInt32(), magnitude = bits & Vector512.Create(MagnitudeMask);
        // Normal range: round the 23-bit mantissa to 10 bits, ties to even; past 65504 that is infinity.
        Vector512<uint> normal = (magnitude + Vector512.Create(0xFFFu) + ((magnitude >>> 13) & Vector512<uint>.One)) & Vector512.Create(0xFFFF_E000u);
        normal = Vector512.ConditionalSelect(Vector512.GreaterThan(normal, Vector512.Create(LargestHalf)), Vector512.Create(FloatExponentMask), normal);
        // Subnormal range: multiples of 2^-24.
        Vector512<float> absolute = magnitude.AsSingle();
        Vector512<uint> subnormal = ((absolute + Vector512.Create(SubnormalRounder)) - Vector512.Create(SubnormalRounder)).AsUInt32();
        Vector512<uint> rounded = Vector512.ConditionalSelect(Vector512.LessThan(magnitude, Vector512.Create(SmallestNormalHalf)), subnormal, normal);
        // Infinity and NaN stay as they are.
        rounded = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(magnitude, Vector512.Create(FloatExponentMask)), magnitude, rounded);
        return (rounded | (bits & Vector512.Create(SignMask))).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ToSingle(Vector256<ushort> halfBits)
    {
        (Vector256<uint> lower, Vector256<uint> upper) = Vector256.Widen(halfBits);
        Vector512<uint> half = Vector512.Create(lower, upper);
        Vector512<uint> shifted = (half & Vector512.Create(0x7FFFu)) << 13;
        Vector512<uint> finite = (shifted.AsSingle() * Vector512.Create(ToFloatScale)).AsUInt32();
        Vector512<uint> special = shifted | Vector512.Create(FloatExponentMask);
        Vector512<uint> isSpecial = Vector512.Equals(half & Vector512.Create(0x7C00u), Vector512.Create(0x7C00u));
        return (Vector512.ConditionalSelect(isSpecial, special, finite) | ((half & Vector512.Create(0x8000u)) << 16)).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ushort> ToHalfBits(Vector512<float> x)
    {
        Vector512<uint> bits = x.AsUInt32(), magnitude = bits & Vector512.Create(MagnitudeMask);
        Vector512<uint> finite = (magnitude.AsSingle() * Vector512.Create(ToHalfScale)).AsUInt32() >>> 13;
        Vector512<uint> special = Vector512.Create(0x7C00u) | ((magnitude & Vector512.Create(0x7F_FFFFu)) >>> 13)
            | (Vector512.GreaterThan(magnitude, Vector512.Create(FloatExponentMask)) & Vector512.Create(0x200u));
        Vector512<uint> half = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(magnitude, Vector512.Create(FloatExponentMask)), special, finite)
            | ((bits >>> 16) & Vector512.Create(0x8000u));
        return Vector256.Narrow(half.GetLower(), half.GetUpper());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Activate(Activation kind, Vector512<float> x)
    {
        Vector512<float> one = Vector512<float>.One;
        return kind switch
        {
            // 1 / (1 + e^{-x}), each operation rounded as Half does it.
            Activation.Sigmoid => Round(one / Round(one + Round(SigmoidOperator<float>.Exp(-x)))),
            Activation.Tanh => Round(TanhOperator<float>.Invoke(x)),
            Activation.Relu => Vector512.Max(x, Vector512<float>.Zero),
            _ => x,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> DerivativeFromOutput(Activation kind, Vector512<float> y)
    {
        Vector512<float> one = Vector512<float>.One;
        return kind switch
        {
            Activation.Sigmoid => Round(y * Round(one - y)),
            Activation.Tanh => Round(one - Round(y * y)),
            Activation.Relu => one & Vector512.GreaterThan(y, Vector512<float>.Zero),
            _ => one,
        };
    }

    // ---- 256 bits: 8 lanes ----

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Round(Vector256<float> x)
    {
        Vector256<uint> bits = x.AsUInt32(), magnitude = bits & Vector256.Create(MagnitudeMask);
        Vector256<uint> normal = (magnitude + Vector256.Create(0xFFFu) + ((magnitude >>> 13) & Vector256<uint>.One)) & Vector256.Create(0xFFFF_E000u);
        normal = Vector256.ConditionalSelect(Vector256.GreaterThan(normal, Vector256.Create(LargestHalf)), Vector256.Create(FloatExponentMask), normal);
        Vector256<float> absolute = magnitude.AsSingle();
        Vector256<uint> subnormal = ((absolute + Vector256.Create(SubnormalRounder)) - Vector256.Create(SubnormalRounder)).AsUInt32();
        Vector256<uint> rounded = Vector256.ConditionalSelect(Vector256.LessThan(magnitude, Vector256.Create(SmallestNormalHalf)), subnormal, normal);
        rounded = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(magnitude, Vector256.Create(FloatExponentMask)), magnitude, rounded);
        return (rounded | (bits & Vector256.Create(SignMask))).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ToSingle(Vector128<ushort> halfBits)
    {
        (Vector128<uint> lower, Vector128<uint> upper) = Vector128.Widen(halfBits);
        Vector256<uint> half = Vector256.Create(lower, upper);
        Vector256<uint> shifted = (half & Vector256.Create(0x7FFFu)) << 13;
        Vector256<uint> finite = (shifted.AsSingle() * Vector256.Create(ToFloatScale)).AsUInt32();
        Vector256<uint> special = shifted | Vector256.Create(FloatExponentMask);
        Vector256<uint> isSpecial = Vector256.Equals(half & Vector256.Create(0x7C00u), Vector256.Create(0x7C00u));
        return (Vector256.ConditionalSelect(isSpecial, special, finite) | ((half & Vector256.Create(0x8000u)) << 16)).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ushort> ToHalfBits(Vector256<float> x)
    {
        Vector256<uint> bits = x.AsUInt32(), magnitude = bits & Vector256.Create(MagnitudeMask);
        Vector256<uint> finite = (magnitude.AsSingle() * Vector256.Create(ToHalfScale)).AsUInt32() >>> 13;
        Vector256<uint> special = Vector256.Create(0x7C00u) | ((magnitude & Vector256.Create(0x7F_FFFFu)) >>> 13)
            | (Vector256.GreaterThan(magnitude, Vector256.Create(FloatExponentMask)) & Vector256.Create(0x200u));
        Vector256<uint> half = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(magnitude, Vector256.Create(FloatExponentMask)), special, finite)
            | ((bits >>> 16) & Vector256.Create(0x8000u));
        return Vector128.Narrow(half.GetLower(), half.GetUpper());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Activate(Activation kind, Vector256<float> x)
    {
        Vector256<float> one = Vector256<float>.One;
        return kind switch
        {
            Activation.Sigmoid => Round(one / Round(one + Round(SigmoidOperator<float>.Exp(-x)))),
            Activation.Tanh => Round(TanhOperator<float>.Invoke(x)),
            Activation.Relu => Vector256.Max(x, Vector256<float>.Zero),
            _ => x,
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> DerivativeFromOutput(Activation kind, Vector256<float> y)
    {
        Vector256<float> one = Vector256<float>.One;
        return kind switch
        {
            Activation.Sigmoid => Round(y * Round(one - y)),
            Activation.Tanh => Round(one - Round(y * y)),
            Activation.Relu => one & Vector256.GreaterThan(y, Vector256<float>.Zero),
            _ => one,
        };
    }
}
