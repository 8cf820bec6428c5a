using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace RnnGen;

/// <summary>
/// Adagrad, as in the classic character-level RNN: m += g², θ −= η·g / √(m + ε). Each parameter's step shrinks with
/// the gradients it has seen, which suits sparse, one-hot inputs.
/// </summary>
public sealed class AdagradOptimizer<T> : IOptimizer<T>, IResumableOptimizer<T> where T : INumber<T>, IRootFunctions<T>
{
    private readonly T[] squaredGradientSum;
    private readonly T[] scratch;
    private T learningRate;

    /// <summary>An optimizer for <paramref name="parameterCount"/> parameters with ε = 1e-8 (1e-4 for <see cref="Half"/>, which cannot hold 1e-8).</summary>
    public AdagradOptimizer(int parameterCount, T learningRate) : this(parameterCount, learningRate, OptimizerChecks.DefaultEpsilon<T>())
    {
    }

    /// <summary>An optimizer for <paramref name="parameterCount"/> parameters.</summary>
    /// <param name="parameterCount">Length of the parameter vector.</param>
    /// <param name="learningRate">η, non-negative.</param>
    /// <param name="epsilon">ε, positive (for Half, whose smallest normal value is 6.1e-5, 1e-8 rounds to zero; pass at least that).</param>
    public AdagradOptimizer(int parameterCount, T learningRate, T epsilon)
    {
        OptimizerChecks.Count(parameterCount);
        OptimizerChecks.NonNegative(learningRate, nameof(learningRate));
        T eps = epsilon;
        OptimizerChecks.Positive(eps, nameof(epsilon));
        ParameterCount = parameterCount;
        this.learningRate = learningRate;
        Epsilon = eps;
        squaredGradientSum = new T[parameterCount];
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

    /// <summary>ε.</summary>
    public T Epsilon { get; private set; }

    /// <inheritdoc/>
    public void Step(Span<T> parameters, ReadOnlySpan<T> gradients)
    {
        OptimizerChecks.Lengths(ParameterCount, parameters.Length, gradients.Length);
        TensorPrimitives.MultiplyAdd(gradients, gradients, squaredGradientSum, squaredGradientSum);
        TensorPrimitives.Add(squaredGradientSum, Epsilon, scratch);
        TensorPrimitives.Sqrt<T>(scratch, scratch);
        TensorPrimitives.Divide(gradients, scratch, scratch);
        TensorPrimitives.MultiplyAdd(scratch, -LearningRate, parameters, parameters);
    }

    /// <inheritdoc/>
    public void Reset() => Array.Clear(squaredGradientSum);

    OptimizerKind IResumableOptimizer<T>.Kind => OptimizerKind.Adagrad;

    /// <summary>Settings η, ε; one state vector, the sums of squared gradients.</summary>
    OptimizerState<T> IResumableOptimizer<T>.CaptureState() =>
        new(OptimizerKind.Adagrad, [LearningRate, Epsilon], 0, [(T[])squaredGradientSum.Clone()]);

    void IResumableOptimizer<T>.RestoreState(OptimizerState<T> state)
    {
        T rate = state.Settings[0], epsilon = state.Settings[1];
        OptimizerChecks.NonNegative(rate, nameof(LearningRate));
        OptimizerChecks.Positive(epsilon, nameof(epsilon));
        learningRate = rate;
        Epsilon = epsilon;
        state.Vectors[0].CopyTo(squaredGradientSum, 0);
    }
}
