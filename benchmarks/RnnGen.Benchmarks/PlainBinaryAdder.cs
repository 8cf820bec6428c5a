using System;
using System.Numerics;

namespace RnnGen.Benchmarks;

/// <summary>
/// The classic binary-addition RNN (2-16-1 sigmoid over 8 steps, squared error) as a C# programmer would write it by
/// hand with flat arrays and plain loops: no SIMD, no unrolling, no library. It is the baseline the targets
/// refer to ("a plain hand-written C# loop"); <see cref="ClassicBinaryAdder{T}"/> is the slower line-by-line port of
/// the numpy version with two-dimensional arrays. The arithmetic is the same as the generated network's: weights laid
/// out as in the contract (W_x, W_hh, W_y, each row-major [from, to]), gradients summed over the sequence, then one
/// update.
/// </summary>
public sealed class PlainBinaryAdder<T> where T : IFloatingPointIeee754<T>
{
    private const int InputCount = 2, HiddenCount = 16, StepCount = 8;

    private readonly T[] inputWeights = new T[InputCount * HiddenCount];     // [input, hidden]
    private readonly T[] recurrentWeights = new T[HiddenCount * HiddenCount]; // [from, to]
    private readonly T[] outputWeights = new T[HiddenCount];                  // [hidden], one output
    private readonly T[] inputGradient = new T[InputCount * HiddenCount];
    private readonly T[] recurrentGradient = new T[HiddenCount * HiddenCount];
    private readonly T[] outputGradient = new T[HiddenCount];

    private readonly T[] hidden = new T[(StepCount + 1) * HiddenCount];        // hidden[(t + 1) * H + j], row 0 is zero
    private readonly T[] outputs = new T[StepCount];
    private readonly T[] hiddenDelta = new T[HiddenCount];
    private readonly T[] nextHiddenDelta = new T[HiddenCount];

    /// <summary>Weights uniform in [−1, 1), drawn in the same order as RnnGen's parameter layout.</summary>
    public PlainBinaryAdder(int seed)
    {
        var random = new Random(seed);
        foreach (T[] weights in new[] { inputWeights, recurrentWeights, outputWeights })
        {
            for (int i = 0; i < weights.Length; i++)
                weights[i] = T.CreateChecked((2 * random.NextDouble()) - 1);
        }
    }

    /// <summary>Starts from given weights in the contract's parameter layout (W_xh, W_hh, W_hy; no bias).</summary>
    public PlainBinaryAdder(ReadOnlySpan<T> parameters)
    {
        parameters[..inputWeights.Length].CopyTo(inputWeights);
        parameters.Slice(inputWeights.Length, recurrentWeights.Length).CopyTo(recurrentWeights);
        parameters.Slice(inputWeights.Length + recurrentWeights.Length, outputWeights.Length).CopyTo(outputWeights);
    }

    /// <summary>The weights in the contract's parameter layout.</summary>
    public T[] Parameters => [.. inputWeights, .. recurrentWeights, .. outputWeights];

    /// <summary>Forward only: the eight output probabilities.</summary>
    /// <param name="inputs">inputs[2 t] = bit t of a, inputs[2 t + 1] = bit t of b.</param>
    public void Predict(T[] inputs, T[] prediction)
    {
        Forward(inputs);
        Array.Copy(outputs, prediction, StepCount);
    }

    /// <summary>One sample: forward, backpropagation through time, gradient descent. Returns the squared-error loss.</summary>
    public T Train(T[] inputs, T[] targets, T learningRate)
    {
        Forward(inputs);
        T loss = T.Zero;
        Array.Clear(nextHiddenDelta);
        for (int t = StepCount - 1; t >= 0; t--)
        {
            T output = outputs[t], error = output - targets[t];
            loss += error * error / (T.One + T.One);
            T outputDelta = error * output * (T.One - output);
            int current = (t + 1) * HiddenCount, previous = t * HiddenCount;
            for (int j = 0; j < HiddenCount; j++)
            {
                T sum = outputDelta * outputWeights[j];
                for (int k = 0; k < HiddenCount; k++)
                    sum += recurrentWeights[(j * HiddenCount) + k] * nextHiddenDelta[k];
                T h = hidden[current + j];
                hiddenDelta[j] = sum * h * (T.One - h);
                outputGradient[j] += outputDelta * h;
            }
            for (int k = 0; k < HiddenCount; k++)
            {
                for (int j = 0; j < HiddenCount; j++)
                    recurrentGradient[(k * HiddenCount) + j] += hidden[previous + k] * hiddenDelta[j];
            }
            for (int i = 0; i < InputCount; i++)
            {
                T x = inputs[(t * InputCount) + i];
                for (int j = 0; j < HiddenCount; j++)
                    inputGradient[(i * HiddenCount) + j] += x * hiddenDelta[j];
            }
            Array.Copy(hiddenDelta, nextHiddenDelta, HiddenCount);
        }
        Descend(inputWeights, inputGradient, learningRate);
        Descend(recurrentWeights, recurrentGradient, learningRate);
        Descend(outputWeights, outputGradient, learningRate);
        return loss;
    }

    private void Forward(T[] inputs)
    {
        for (int t = 0; t < StepCount; t++)
        {
            int current = (t + 1) * HiddenCount, previous = t * HiddenCount;
            T output = T.Zero;
            for (int j = 0; j < HiddenCount; j++)
            {
                T sum = T.Zero;
                for (int i = 0; i < InputCount; i++)
                    sum += inputs[(t * InputCount) + i] * inputWeights[(i * HiddenCount) + j];
                for (int k = 0; k < HiddenCount; k++)
                    sum += hidden[previous + k] * recurrentWeights[(k * HiddenCount) + j];
                T h = Sigmoid(sum);
                hidden[current + j] = h;
                output += h * outputWeights[j];
            }
            outputs[t] = Sigmoid(output);
        }
    }

    private static T Sigmoid(T x) => T.One / (T.One + T.Exp(-x));

    private static void Descend(T[] weights, T[] gradient, T learningRate)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] -= learningRate * gradient[i];
            gradient[i] = T.Zero;
        }
    }
}
