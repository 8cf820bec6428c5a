using System;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace RnnGen;

/// <summary>
/// The output activations that act on a whole step (softmax) and the losses of API.md section 3, one step at a
/// time. Each loss returns its value for the step and writes dL/dz, the gradient at the output pre-activation z,
/// which is where backpropagation into the network starts. Generated code and <see cref="ReferenceNetwork{T}"/>
/// both call these.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OutputLayer
{
    /// <summary>ŷ[o] = e^{z[o] − m} / Σ_q e^{z[q] − m} with m = max z, which cannot overflow.</summary>
    public static void Softmax<T>(ReadOnlySpan<T> logits, Span<T> outputs) where T : INumber<T>, IExponentialFunctions<T>
    {
        T max = TensorPrimitives.Max(logits);
        TensorPrimitives.Subtract(logits, max, outputs);
        TensorPrimitives.Exp(outputs, outputs);
        TensorPrimitives.Divide(outputs, TensorPrimitives.Sum<T>(outputs), outputs);
    }

    /// <summary>
    /// ½ Σ (ŷ − y)² over the elements of an element-wise output activation, any number of steps at once;
    /// dL/dz = (ŷ − y) · g'(z).
    /// </summary>
    public static T SquaredError<TActivation, T>(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> outputGradient)
        where TActivation : IActivationOperator<T>
        where T : INumber<T>
    {
        ThrowHelper.ThrowIfWrongLength(targets.Length, outputs.Length, nameof(targets));
        ThrowHelper.ThrowIfWrongLength(outputGradient.Length, outputs.Length, nameof(outputGradient));
        T sumOfSquares = Kernels.SquaredErrorGradient<TActivation, T>(ref MemoryMarshal.GetReference(outputGradient), ref MemoryMarshal.GetReference(outputs),
            ref MemoryMarshal.GetReference(targets), outputs.Length);
        return sumOfSquares / (T.One + T.One);
    }

    /// <summary>½ Σ_o (ŷ[o] − y[o])² for one step of a softmax output; dL/dz[o] = ŷ[o] · (e[o] − Σ_q ŷ[q] e[q]) with e = ŷ − y.</summary>
    public static T SoftmaxSquaredError<T>(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> outputGradient)
        where T : INumber<T>
    {
        TensorPrimitives.Subtract(outputs, targets, outputGradient);
        T loss = TensorPrimitives.SumOfSquares<T>(outputGradient) / (T.One + T.One);
        T weightedError = TensorPrimitives.Dot<T>(outputs, outputGradient);
        TensorPrimitives.Subtract(outputGradient, weightedError, outputGradient);
        TensorPrimitives.Multiply(outputGradient, outputs, outputGradient);
        return loss;
    }

    /// <summary>
    /// −Σ [y log ŷ + (1 − y) log(1 − ŷ)] with ŷ = σ(z), any number of steps at once, computed from the logits as
    /// Σ max(z, 0) − y·z + log(1 + e^{−|z|}) so that it stays finite when ŷ rounds to 0 or 1; dL/dz = ŷ − y.
    /// </summary>
    public static T SigmoidCrossEntropy<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> outputGradient)
        where T : INumber<T>, IExponentialFunctions<T>, ILogarithmicFunctions<T>
    {
        // The gradient buffer is scratch for log(1 + e^{−|z|}) until the gradient itself goes in.
        TensorPrimitives.Abs(logits, outputGradient);
        TensorPrimitives.Negate<T>(outputGradient, outputGradient);
        TensorPrimitives.Exp<T>(outputGradient, outputGradient);
        TensorPrimitives.Add(outputGradient, T.One, outputGradient);
        TensorPrimitives.Log<T>(outputGradient, outputGradient);
        T softPlus = TensorPrimitives.Sum<T>(outputGradient);
        // Σ max(z, 0) = (Σ z + Σ |z|) / 2
        T positivePart = (TensorPrimitives.Sum(logits) + TensorPrimitives.SumOfMagnitudes(logits)) / (T.One + T.One);
        T loss = softPlus + positivePart - TensorPrimitives.Dot(targets, logits);
        TensorPrimitives.Subtract(outputs, targets, outputGradient);
        return loss;
    }

    /// <summary>
    /// −Σ_o y[o] log ŷ[o] for one step of a softmax output, computed as (m + log Σ_q e^{z[q] − m}) · Σ_o y[o] − Σ_o y[o] z[o];
    /// dL/dz[o] = ŷ[o] · Σ_q y[q] − y[o], which is ŷ − y when the targets sum to one.
    /// </summary>
    public static T SoftmaxCrossEntropy<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> outputGradient)
        where T : INumber<T>, IExponentialFunctions<T>, ILogarithmicFunctions<T>
    {
        // The gradient buffer is scratch for e^{z − m} until the gradient itself goes in.
        T max = TensorPrimitives.Max(logits);
        TensorPrimitives.Subtract(logits, max, outputGradient);
        TensorPrimitives.Exp<T>(outputGradient, outputGradient);
        T logSumExp = max + T.Log(TensorPrimitives.Sum<T>(outputGradient));
        T targetTotal = TensorPrimitives.Sum(targets);
        T loss = (logSumExp * targetTotal) - TensorPrimitives.Dot(targets, logits);
        TensorPrimitives.Multiply(outputs, targetTotal, outputGradient);
        TensorPrimitives.Subtract(outputGradient, targets, outputGradient);
        return loss;
    }
}

/// <summary>The loss reductions of <see cref="LossReduction"/>, shared by generated networks and the reference.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LossReductions
{
    /// <summary>
    /// <see cref="LossReduction.Mean"/>: turns a loss summed over <paramref name="steps"/> steps into their mean, and its
    /// gradient dL/dz (every step's) with it.
    /// </summary>
    public static T MeanOverSteps<T>(T summedLoss, Span<T> outputGradient, int steps) where T : INumber<T>
    {
        T count = T.CreateChecked(steps);
        TensorPrimitives.Divide(outputGradient, count, outputGradient);
        return summedLoss / count;
    }
}

/// <summary>The parameter update of <c>Train</c>, shared by generated networks and the reference.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GradientDescent
{
    /// <summary>parameters[p] −= learningRate · gradients[p], vectorized by TensorPrimitives.</summary>
    public static void Step<T>(Span<T> parameters, ReadOnlySpan<T> gradients, T learningRate) where T : INumber<T> =>
        TensorPrimitives.MultiplyAdd(gradients, -learningRate, parameters, parameters);
}
