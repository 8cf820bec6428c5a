using System;
using System.Numerics;

namespace RnnGen;

/// <summary>The optimizers whose state a network file can hold (docs/file-format.md numbers them the same way).</summary>
public enum OptimizerKind
{
    /// <summary><see cref="SgdOptimizer{T}"/>: settings η, μ; state the velocity.</summary>
    Sgd = 1,

    /// <summary><see cref="AdagradOptimizer{T}"/>: settings η, ε; state the sums of squared gradients.</summary>
    Adagrad = 2,

    /// <summary><see cref="AdamOptimizer{T}"/>: settings η, β₁, β₂, ε; state the two moments and the step count.</summary>
    Adam = 3,
}

/// <summary>
/// Everything an optimizer needs to continue exactly where it stopped: its kind, its settings in the order
/// <see cref="OptimizerKind"/> lists them, its step count, and its state vectors, each one value per parameter.
/// </summary>
internal sealed record OptimizerState<T>(OptimizerKind Kind, T[] Settings, long StepCount, T[][] Vectors) where T : INumber<T>;

/// <summary>What each <see cref="OptimizerKind"/> stores.</summary>
internal static class OptimizerKinds
{
    /// <summary>How many settings and state vectors an optimizer of <paramref name="kind"/> has.</summary>
    public static (int Settings, int Vectors) CountsOf(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Sgd => (2, 1),
        OptimizerKind.Adagrad => (2, 1),
        OptimizerKind.Adam => (4, 2),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an optimizer kind a network file stores."),
    };

    /// <summary>The class name, as messages show it.</summary>
    public static string ClassName(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Sgd => "SgdOptimizer",
        OptimizerKind.Adagrad => "AdagradOptimizer",
        _ => "AdamOptimizer",
    };
}

/// <summary>An optimizer whose state a network file can save and restore.</summary>
internal interface IResumableOptimizer<T> : IOptimizer<T> where T : INumber<T>
{
    OptimizerKind Kind { get; }

    /// <summary>A copy of the settings and state.</summary>
    OptimizerState<T> CaptureState();

    /// <summary>
    /// Takes the settings and state of <paramref name="state"/> (of this kind and size). Checks everything first: a
    /// setting out of range is an <see cref="ArgumentOutOfRangeException"/> and leaves the optimizer as it was.
    /// </summary>
    void RestoreState(OptimizerState<T> state);
}
