using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace RnnGen;

/// <summary>
/// Adam (Kingma and Ba): m = β₁m + (1 − β₁)g, v = β₂v + (1 − β₂)g², θ −= η·m̂ / (√v̂ + ε) with the bias-corrected
/// m̂ = m / (1 − β₁ᵗ) and v̂ = v / (1 − β₂ᵗ) at step t. The corrections are computed in double.
/// </summary>
public sealed class AdamOptimizer<T> : IOptimizer<T>, IResumableOptimizer<T> where T : INumber<T>, IRootFunctions<T>
{
    private readonly T[] firstMoment;
    private readonly T[] secondMoment;
    private readonly T[] scratch;
    private double beta1, beta2;
    private long step;
    private T learningRate;

    /// <summary>
    /// An optimizer for <paramref name="parameterCount"/> parameters with β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (1e-4 for
    /// <see cref="Half"/>, which cannot hold 1e-8).
    /// </summary>
    public AdamOptimizer(int parameterCount, T learningRate)
        : this(parameterCount, learningRate, T.CreateChecked(0.9), T.CreateChecked(0.999), OptimizerChecks.DefaultEpsilon<T>())
    {
    }

    /// <summary>An optimizer for <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="parameterCount">Length of the parameter vector.</param>
    /// <param name="learningRate">η, non-negative; 1e-3 is the usual start.</param>
    /// <param name="beta1">β₁ in [0, 1).</param>
    /// <param name="beta2">β₂ in [0, 1).</param>
    /// <param name="epsilon">ε, positive (for Half, whose smallest normal value is 6.1e-5, 1e-8 rounds to zero; pass at least that).</param>
    public AdamOptimizer(int parameterCount, T learningRate, T beta1, T beta2, T epsilon)
    {
        OptimizerChecks.Count(parameterCount);
        OptimizerChecks.NonNegative(learningRate, nameof(learningRate));
        T b1 = beta1, b2 = beta2, eps = epsilon;
        OptimizerChecks.Fraction(b1, nameof(beta1));
        OptimizerChecks.Fraction(b2, nameof(beta2));
        OptimizerChecks.Positive(eps, nameof(epsilon));
        ParameterCount = parameterCount;
        this.learningRate = learningRate;
        Beta1 = b1;
        Beta2 = b2;
        Epsilon = eps;
        this.beta1 = double.CreateChecked(b1);
        this.beta2 = double.CreateChecked(b2);
        firstMoment = new T[parameterCount];
        secondMoment = new T[parameterCount];
        scratch = new T[parameterCount];
    }

    /// <inheritdoc/>
    public int ParameterCount { get; }

    /// <inheritdoc/>
    public T LearningRate
    {
        get => learningRate;
        set
        {
            OptimizerChecks.NonNegative(value, nameof(LearningRate));
            learningRate = value;
        }
    }

    /// <summary>β₁.</summary>
    public T Beta1 { get; private set; }

    /// <summary>β₂.</summary>
    public T Beta2 { get; private set; }

    /// <summary>ε.</summary>
    public T Epsilon { get; private set; }

    /// <inheritdoc/>
    public void Step(Span<T> parameters, ReadOnlySpan<T> gradients)
    {
        OptimizerChecks.Lengths(ParameterCount, parameters.Length, gradients.Length);
        step++;
        TensorPrimitives.Multiply(firstMoment, Beta1, firstMoment);
        TensorPrimitives.MultiplyAdd(gradients, T.One - Beta1, firstMoment, firstMoment);
        TensorPrimitives.Multiply(gradients, gradients, scratch);
        TensorPrimitives.Multiply(secondMoment, Beta2, secondMoment);
        TensorPrimitives.MultiplyAdd(scratch, T.One - Beta2, secondMoment, secondMoment);

        // θ −= η·m̂ / (√v̂ + ε), rewritten as θ −= η_t·m / (√v + ε·√c₂) with c₁ = 1 − β₁ᵗ, c₂ = 1 − β₂ᵗ, η_t = η·√c₂ / c₁.
        double firstCorrection = 1 - Math.Pow(beta1, step), secondCorrection = 1 - Math.Pow(beta2, step);
        T stepSize = T.CreateChecked(double.CreateChecked(LearningRate) * Math.Sqrt(secondCorrection) / firstCorrection);
        T epsilon = T.CreateChecked(double.CreateChecked(Epsilon) * Math.Sqrt(secondCorrection));
        TensorPrimitives.Sqrt<T>(secondMoment, scratch);
        TensorPrimitives.Add(scratch, epsilon, scratch);
        TensorPrimitives.Divide(firstMoment, scratch, scratch);
        TensorPrimitives.MultiplyAdd(scratch, -stepSize, parameters, parameters);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        Array.Clear(firstMoment);
        Array.Clear(secondMoment);
        step = 0;
    }

    OptimizerKind IResumableOptimizer<T>.Kind => OptimizerKind.Adam;

    /// <summary>Settings η, β₁, β₂, ε; the step count t; two state vectors, the first and second moments.</summary>
    OptimizerState<T> IResumableOptimizer<T>.CaptureState() =>
        new(OptimizerKind.Adam, [LearningRate, Beta1, Beta2, Epsilon], step, [(T[])firstMoment.Clone(), (T[])secondMoment.Clone()]);

    void IResumableOptimizer<T>.RestoreState(OptimizerState<T> state)
    {
        T rate = state.Settings[0], b1 = state.Settings[1], b2 = state.Settings[2], eps = state.Settings[3];
        OptimizerChecks.NonNegative(rate, nameof(LearningRate));
        OptimizerChecks.Fraction(b1, "beta1");
        OptimizerChecks.Fraction(b2, "beta2");
        OptimizerChecks.Positive(eps, "epsilon");
        if (state.StepCount < 0)
            throw new ArgumentOutOfRangeException(nameof(state), state.StepCount, "Adam's step count cannot be negative.");
        learningRate = rate;
        Beta1 = b1;
        Beta2 = b2;
        Epsilon = eps;
        beta1 = double.CreateChecked(b1);
        beta2 = double.CreateChecked(b2);
        step = state.StepCount;
        state.Vectors[0].CopyTo(firstMoment, 0);
        state.Vectors[1].CopyTo(secondMoment, 0);
    }
}
