using System;
using System.Numerics;

namespace RnnGen.Benchmarks;

/// <summary>
/// The classic binary-addition RNN written the way a user would write it without RnnGen: a line-by-line port of the
/// well-known Python/numpy blog version (2-16-1 sigmoid network over 8 steps, squared error), with two-dimensional
/// arrays, plain loops and a fresh forward/backward per sample ("NumpyPort" in the benchmarks). Two-dimensional arrays
/// make it the slowest of the baselines; the benchmarks' baseline is the flat-array <see cref="PlainBinaryAdder{T}"/>.
/// Generic over T only so that float and double share one text; the JIT specializes it.
/// </summary>
public sealed class ClassicBinaryAdder<T> where T : IFloatingPointIeee754<T>
{
    private const int InputDim = 2, HiddenDim = 16, OutputDim = 1, BinaryDim = 8;   // one output: layer_2 is a single unit

    private readonly T[,] synapse0 = new T[InputDim, HiddenDim];    // input → hidden
    private readonly T[,] synapse1 = new T[HiddenDim, OutputDim];   // hidden → output
    private readonly T[,] synapseH = new T[HiddenDim, HiddenDim];   // hidden → hidden
    private readonly T[,] synapse0Update = new T[InputDim, HiddenDim];
    private readonly T[,] synapse1Update = new T[HiddenDim, OutputDim];
    private readonly T[,] synapseHUpdate = new T[HiddenDim, HiddenDim];

    private readonly T[][] layer1Values = CreateJagged(BinaryDim + 1, HiddenDim);
    private readonly T[][] layer2Deltas = CreateJagged(BinaryDim, OutputDim);
    private readonly T[] futureLayer1Delta = new T[HiddenDim];
    private readonly T[] layer1Delta = new T[HiddenDim];

    /// <summary>Weights uniform in [−1, 1), drawn in the same order as RnnGen's parameter layout.</summary>
    public ClassicBinaryAdder(int seed)
    {
        var random = new Random(seed);
        Fill(synapse0, random);
        Fill(synapseH, random);
        Fill(synapse1, random);
    }

    /// <summary>One sample: forward through the 8 bits, backward through time, update. Returns the summed |error|.</summary>
    /// <param name="x">Bits of a and b, least significant first: x[position, 0] = a, x[position, 1] = b.</param>
    /// <param name="y">Bits of a + b, least significant first.</param>
    public T Train(T[,] x, T[] y, T alpha)
    {
        T overallError = T.Zero;
        Array.Clear(layer1Values[0]);

        // Forward: moving along the positions in the binary encoding.
        for (int position = 0; position < BinaryDim; position++)
        {
            T layer2 = ForwardPosition(x, position, layer1Values[position], layer1Values[position + 1]);
            T error = y[position] - layer2;
            layer2Deltas[position][0] = error * layer2 * (T.One - layer2);
            overallError += T.Abs(error);
        }

        // Backward through time.
        Array.Clear(futureLayer1Delta);
        for (int position = BinaryDim - 1; position >= 0; position--)
        {
            T[] layer1 = layer1Values[position + 1], previous = layer1Values[position], layer2Delta = layer2Deltas[position];
            for (int j = 0; j < HiddenDim; j++)
            {
                T sum = T.Zero;
                for (int k = 0; k < HiddenDim; k++)
                    sum += futureLayer1Delta[k] * synapseH[j, k];
                for (int o = 0; o < OutputDim; o++)
                    sum += layer2Delta[o] * synapse1[j, o];
                layer1Delta[j] = sum * layer1[j] * (T.One - layer1[j]);
            }
            for (int j = 0; j < HiddenDim; j++)
            {
                for (int o = 0; o < OutputDim; o++)
                    synapse1Update[j, o] += layer1[j] * layer2Delta[o];
                for (int k = 0; k < HiddenDim; k++)
                    synapseHUpdate[j, k] += previous[j] * layer1Delta[k];
            }
            for (int i = 0; i < InputDim; i++)
            {
                for (int k = 0; k < HiddenDim; k++)
                    synapse0Update[i, k] += x[position, i] * layer1Delta[k];
            }
            Array.Copy(layer1Delta, futureLayer1Delta, HiddenDim);
        }

        Update(synapse0, synapse0Update, alpha);
        Update(synapse1, synapse1Update, alpha);
        Update(synapseH, synapseHUpdate, alpha);
        return overallError;
    }

    /// <summary>Forward only: the predicted bits' probabilities.</summary>
    public void Predict(T[,] x, T[] prediction)
    {
        Array.Clear(layer1Values[0]);
        for (int position = 0; position < BinaryDim; position++)
            prediction[position] = ForwardPosition(x, position, layer1Values[position], layer1Values[position + 1]);
    }

    /// <summary>layer_1 = sigmoid(X·synapse_0 + prev_layer_1·synapse_h); returns layer_2 = sigmoid(layer_1·synapse_1).</summary>
    private T ForwardPosition(T[,] x, int position, T[] previous, T[] layer1)
    {
        for (int j = 0; j < HiddenDim; j++)
        {
            T sum = T.Zero;
            for (int i = 0; i < InputDim; i++)
                sum += x[position, i] * synapse0[i, j];
            for (int k = 0; k < HiddenDim; k++)
                sum += previous[k] * synapseH[k, j];
            layer1[j] = Sigmoid(sum);
        }
        T output = T.Zero;
        for (int j = 0; j < HiddenDim; j++)
            output += layer1[j] * synapse1[j, 0];
        return Sigmoid(output);
    }

    private static T Sigmoid(T x) => T.One / (T.One + T.Exp(-x));

    private static void Update(T[,] weights, T[,] update, T alpha)
    {
        for (int r = 0; r < weights.GetLength(0); r++)
        {
            for (int c = 0; c < weights.GetLength(1); c++)
            {
                weights[r, c] += update[r, c] * alpha;
                update[r, c] = T.Zero;
            }
        }
    }

    private static void Fill(T[,] weights, Random random)
    {
        for (int r = 0; r < weights.GetLength(0); r++)
        {
            for (int c = 0; c < weights.GetLength(1); c++)
                weights[r, c] = T.CreateChecked((2 * random.NextDouble()) - 1);
        }
    }

    private static T[][] CreateJagged(int rows, int columns)
    {
        var result = new T[rows][];
        for (int r = 0; r < rows; r++)
            result[r] = new T[columns];
        return result;
    }
}
