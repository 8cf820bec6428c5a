using System;
using System.Numerics;

namespace RnnGen;

/// <summary>
/// A gradient-based update rule over the flat <c>Parameters</c> and <c>Gradients</c> spans of a network. State (momentum,
/// squared-gradient sums) is allocated once, in the constructor; <see cref="Step"/> allocates nothing.
/// </summary>
public interface IOptimizer<T> where T : INumber<T>
{
    /// <summary>Number of parameters this optimizer was sized for.</summary>
    int ParameterCount { get; }

    /// <summary>
    /// η, the step size of the next <see cref="Step"/>: non-negative, settable between steps (a schedule, see
    /// <see cref="LearningRateSchedule"/>), and setting it keeps the optimizer's state (momentum, sums, moments).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or NaN.</exception>
    T LearningRate { get; set; }

    /// <summary>Updates <paramref name="parameters"/> in place from <paramref name="gradients"/> (both of length <see cref="ParameterCount"/>).</summary>
    void Step(Span<T> parameters, ReadOnlySpan<T> gradients);

    /// <summary>Forgets the accumulated state, as if no step had been taken.</summary>
    void Reset();
}

/// <summary>Checks shared by the optimizers.</summary>
internal static class OptimizerChecks
{
    public static void Lengths(int parameterCount, int parameters, int gradients)
    {
        if (parameters != parameterCount)
            ThrowWrongLength(parameters, parameterCount, nameof(parameters));
        if (gradients != parameterCount)
            ThrowWrongLength(gradients, parameterCount, nameof(gradients));
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowWrongLength(int actual, int expected, string name) =>
        throw new ArgumentException($"'{name}' has length {actual}; this optimizer expects length {expected}, the parameter count it was created for.", name);

    /// <summary>
    /// ε = 1e-8, the usual default, where <typeparamref name="T"/> holds it as a normal number; otherwise the first power
    /// of ten above it that <typeparamref name="T"/> does (for <see cref="Half"/>, whose normal numbers start at 6.1e-5,
    /// 1e-4), so that the default works for every element type.
    /// </summary>
    public static T DefaultEpsilon<T>() where T : INumber<T>
    {
        for (int exponent = -8; exponent < 0; exponent++)
        {
            T value = T.CreateChecked(Math.Pow(10, exponent));
            if (value > T.Zero && T.IsNormal(value))
                return value;
        }
        return T.One;
    }

    public static void Count(int parameterCount)
    {
        if (parameterCount < 1)
            throw new ArgumentOutOfRangeException(nameof(parameterCount), parameterCount, "An optimizer needs at least one parameter.");
    }

    public static void NonNegative<T>(T value, string name) where T : INumber<T>
    {
        if (!(value >= T.Zero))
            throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be a non-negative number.");
    }

    public static void Fraction<T>(T value, string name) where T : INumber<T>
    {
        if (!(value >= T.Zero && value < T.One))
            throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be in [0, 1).");
    }

    public static void Positive<T>(T value, string name) where T : INumber<T>
    {
        if (!(value > T.Zero))
            throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be positive.");
    }
}
