using System;
using System.ComponentModel;
using System.Numerics;

namespace RnnGen;

/// <summary>
/// The output activations that act on a whole step (softmax) and the losses of API.md section 3, one step at a
/// time. Each loss returns its value for the step and writes dL/dz, the gradient at the output pre-activation z,
/// which is where backpropagation into the network starts. Generated code and <see cref="ReferenceNetwork{T}"/>
/// both call these.
/// </summary>
public static class OutputLayer
{
    /// <summary>ŷ[o] = e^{z[o] − m} / Σ_q e^{z[q] − m} with m = max z, which cannot overflow.</summary>
    public static void Softmax<T>(ReadOnlySpan<T> logits, Span<T> outputs) where T : INumber<T>, IExponentialFunctions<T>
    {
        T max = logits[0];
        for (int o = 1; o < logits.Length; o++)
            max = T.Max(max, logits[o]);
        T sum = T.Zero;
        for (int o = 0; o < logits.Length; o++)
        {
            outputs[o] = T.Exp(logits[o] - max);
            sum += outputs[o];
        }
        for (int o = 0; o < logits.Length; o++)
            outputs[o] /= sum;
    }

    /// <summary>½ Σ_o (ŷ[o] − y[o])² for an element-wise output activation; dL/dz[o] = (ŷ[o] − y[o]) · g'(z[o]).</summary>
    public static T SquaredError<TActivation, T>(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> outputGradient)
        where TActivation : IActivationOperator<T>
        where T : INumber<T>
    {
        T loss = T.Zero;
        for (int o = 0; o < outputs.Length; o++)
        {
            T error = outputs[o] - targets[o];
            loss += error * error;
            outputGradient[o] = error * TActivation.DerivativeFromOutput(outputs[o]);
        }
        return loss / (T.One + T.One);
    }

    /// <summary>½ Σ_o (ŷ[o] − y[o])² for a softmax output; dL/dz[o] = ŷ[o] · (e[o] − Σ_q ŷ[q] e[q]) with e = ŷ − y.</summary>
    public static T SoftmaxSquaredError<T>(ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> outputGradient)
        where T : INumber<T>
    {
        T loss = T.Zero, weightedError = T.Zero;
        for (int o = 0; o < outputs.Length; o++)
        {
            T error = outputs[o] - targets[o];
            loss += error * error;
            weightedError += outputs[o] * error;
        }
        for (int o = 0; o < outputs.Length; o++)
            outputGradient[o] = outputs[o] * (outputs[o] - targets[o] - weightedError);
        return loss / (T.One + T.One);
    }

    /// <summary>
    /// −Σ_o [y log ŷ + (1 − y) log(1 − ŷ)] with ŷ = σ(z), computed from the logits as max(z, 0) − y·z + log(1 + e^{−|z|})
    /// so that it stays finite when ŷ rounds to 0 or 1; dL/dz[o] = ŷ[o] − y[o].
    /// </summary>
    public static T SigmoidCrossEntropy<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> outputGradient)
        where T : INumber<T>, IExponentialFunctions<T>, ILogarithmicFunctions<T>
    {
        T loss = T.Zero;
        for (int o = 0; o < logits.Length; o++)
        {
            T z = logits[o];
            loss += T.Max(z, T.Zero) - (targets[o] * z) + T.Log(T.One + T.Exp(-T.Abs(z)));
            outputGradient[o] = outputs[o] - targets[o];
        }
        return loss;
    }

    /// <summary>
    /// −Σ_o y[o] log ŷ[o] with ŷ = softmax(z), computed as log ŷ[o] = z[o] − m − log Σ_q e^{z[q] − m};
    /// dL/dz[o] = ŷ[o] · Σ_q y[q] − y[o], which is ŷ − y when the targets sum to one.
    /// </summary>
    public static T SoftmaxCrossEntropy<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> outputs, ReadOnlySpan<T> targets, Span<T> outputGradient)
        where T : INumber<T>, IExponentialFunctions<T>, ILogarithmicFunctions<T>
    {
        T max = logits[0];
        for (int o = 1; o < logits.Length; o++)
            max = T.Max(max, logits[o]);
        T sum = T.Zero, targetTotal = T.Zero;
        for (int o = 0; o < logits.Length; o++)
        {
            sum += T.Exp(logits[o] - max);
            targetTotal += targets[o];
        }
        T logSum = T.Log(sum);
        T loss = T.Zero;
        for (int o = 0; o < logits.Length; o++)
        {
            if (targets[o] != T.Zero)
                loss -= targets[o] * (logits[o] - max - logSum);
            outputGradient[o] = (outputs[o] * targetTotal) - targets[o];
        }
        return loss;
    }
}

/// <summary>The parameter update of <c>Train</c>, shared by generated networks and the reference.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GradientDescent
{
    /// <summary>parameters[p] −= learningRate · gradients[p], vectorized by TensorPrimitives.</summary>
    public static void Step<T>(Span<T> parameters, ReadOnlySpan<T> gradients, T learningRate) where T : INumber<T> =>
        System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(gradients, -learningRate, parameters, parameters);
}
