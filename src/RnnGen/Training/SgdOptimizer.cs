using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace RnnGen;

/// <summary>
/// Stochastic gradient descent, with optional classical momentum: v = μ·v − η·g, θ += v. With μ = 0 this is
/// θ −= η·g, exactly what <c>Train</c> does.
/// </summary>
public sealed class SgdOptimizer<T> : IOptimizer<T> where T : INumber<T>
{
    private readonly T[] velocity;
    private T learningRate;

    /// <summary>Plain gradient descent for <paramref name="parameterCount"/> parameters.</summary>
    public SgdOptimizer(int parameterCount, T learningRate) : this(parameterCount, learningRate, T.Zero)
    {
    }

    /// <summary>An optimizer for <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="parameterCount">Length of the parameter vector.</param>
    /// <param name="learningRate">η, non-negative.</param>
    /// <param name="momentum">μ in [0, 1); zero for plain gradient descent.</param>
    public SgdOptimizer(int parameterCount, T learningRate, T momentum)
    {
        OptimizerChecks.Count(parameterCount);
        OptimizerChecks.NonNegative(learningRate, nameof(learningRate));
        OptimizerChecks.Fraction(momentum, nameof(momentum));
        ParameterCount = parameterCount;
        this.learningRate = learningRate;
        Momentum = momentum;
        velocity = momentum == T.Zero ? Array.Empty<T>() : new T[parameterCount];
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

    /// <summary>μ.</summary>
    public T Momentum { get; }

    /// <inheritdoc/>
    public void Step(Span<T> parameters, ReadOnlySpan<T> gradients)
    {
        OptimizerChecks.Lengths(ParameterCount, parameters.Length, gradients.Length);
        if (velocity.Length == 0)
        {
            TensorPrimitives.MultiplyAdd(gradients, -LearningRate, parameters, parameters);
            return;
        }
        TensorPrimitives.Multiply(velocity, Momentum, velocity);
        TensorPrimitives.MultiplyAdd(gradients, -LearningRate, velocity, velocity);
        TensorPrimitives.Add(parameters, velocity, parameters);
    }

    /// <inheritdoc/>
    public void Reset() => Array.Clear(velocity);
}
