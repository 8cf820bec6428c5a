using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace RnnGen;

/// <summary>
/// Stochastic gradient descent, with optional classical momentum: v = μ·v − η·g, θ += v. With μ = 0 this is
/// θ −= η·g, exactly what <c>Train</c> does.
/// </summary>
public sealed class SgdOptimizer<T> : IOptimizer<T>, IResumableOptimizer<T> where T : INumber<T>
{
    private T[] velocity;
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
    public T Momentum { get; private set; }

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

    OptimizerKind IResumableOptimizer<T>.Kind => OptimizerKind.Sgd;

    /// <summary>Settings η, μ; one state vector, the velocity (zeros without momentum, which keeps none).</summary>
    OptimizerState<T> IResumableOptimizer<T>.CaptureState() =>
        new(OptimizerKind.Sgd, [LearningRate, Momentum], 0, [velocity.Length == 0 ? new T[ParameterCount] : (T[])velocity.Clone()]);

    void IResumableOptimizer<T>.RestoreState(OptimizerState<T> state)
    {
        T rate = state.Settings[0], momentum = state.Settings[1];
        OptimizerChecks.NonNegative(rate, nameof(LearningRate));
        OptimizerChecks.Fraction(momentum, nameof(momentum));
        if (momentum == T.Zero && state.Vectors[0].AsSpan().IndexOfAnyExcept(T.Zero) >= 0)
            throw new ArgumentOutOfRangeException(nameof(state), "Plain gradient descent (momentum 0) keeps no velocity, but the state holds one.");
        learningRate = rate;
        Momentum = momentum;
        velocity = momentum == T.Zero ? Array.Empty<T>() : (T[])state.Vectors[0].Clone();
    }
}
