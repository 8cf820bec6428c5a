using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace RnnGen;

/// <summary>
/// Weight initialisers beside the uniform <c>Initialize(random, scale)</c> of every network: Xavier/Glorot uniform and
/// normal, orthogonal matrices, and <see cref="InitializeGlorotOrthogonal{T}"/>, which sets a whole network the way
/// Keras initialises its recurrent layers. Every draw comes from the <see cref="Random"/> given, so a seeded one
/// gives the same parameters on every run; values are computed in double and rounded to <c>T</c>.
/// </summary>
public static class Initializers
{
    /// <summary>
    /// Initialises every block as Keras does for <c>SimpleRNN</c>, <c>LSTM</c> and <c>GRU</c> followed by <c>Dense</c>, and as
    /// PyTorch users commonly do by hand: <c>W_x</c> (<c>W_xh</c>) and <c>W_hy</c> Glorot-uniform over the whole block, each
    /// gate's H × H block of <c>W_h</c> (<c>W_hh</c>) orthogonal, every bias zero except the LSTM forget gate's, which is 1
    /// (Keras's <c>unit_forget_bias</c>), so the cell starts out remembering.
    /// </summary>
    public static void InitializeGlorotOrthogonal<T>(this IRecurrentNetwork<T> network, Random random) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(random);
        NetworkShape shape = network.Shape;
        ParameterLayout layout = shape.Layout;
        Span<T> parameters = network.Parameters;
        GlorotUniform(layout.InputWeights.MatrixOf(parameters), random);
        TensorSpan<T> recurrent = layout.RecurrentWeights.MatrixOf(parameters);
        int hidden = shape.Hidden;
        for (int gate = 0; gate < ParameterLayout.GateCount(shape.Cell); gate++)
            Orthogonal(recurrent[.., (gate * hidden)..((gate + 1) * hidden)], random);
        GlorotUniform(layout.OutputWeights.MatrixOf(parameters), random);
        layout.HiddenBias.Of(parameters).Clear();
        layout.RecurrentBias.Of(parameters).Clear();
        layout.OutputBias.Of(parameters).Clear();
        if (shape.Cell == CellKind.Lstm && shape.Bias)
            layout.HiddenBias.Of(parameters).Slice(hidden, hidden).Fill(T.One);   // gates i, f, g, o: f is the second
    }

    /// <summary>
    /// Xavier/Glorot uniform: each element drawn from U(−a, a) with a = gain · √(6 / (fanIn + fanOut)), where fanIn is the
    /// number of rows (inputs) and fanOut the number of columns (outputs) of the [rows, columns] view. Variance
    /// gain² · 2 / (fanIn + fanOut), as PyTorch's <c>xavier_uniform_</c> and Keras's <c>glorot_uniform</c>.
    /// </summary>
    public static void GlorotUniform<T>(TensorSpan<T> weights, Random random, double gain = 1.0) where T : INumber<T>
    {
        (int rows, int columns) = Dimensions(weights);
        ArgumentNullException.ThrowIfNull(random);
        double limit = CheckGain(gain) * Math.Sqrt(6.0 / (rows + columns));
        Fill(weights, () => limit * ((2 * random.NextDouble()) - 1));
    }

    /// <summary>Xavier/Glorot normal: each element drawn from N(0, σ²) with σ = gain · √(2 / (fanIn + fanOut)), fans as in <see cref="GlorotUniform{T}"/>.</summary>
    public static void GlorotNormal<T>(TensorSpan<T> weights, Random random, double gain = 1.0) where T : INumber<T>
    {
        (int rows, int columns) = Dimensions(weights);
        ArgumentNullException.ThrowIfNull(random);
        double deviation = CheckGain(gain) * Math.Sqrt(2.0 / (rows + columns));
        Fill(weights, () => deviation * StandardNormal(random));
    }

    /// <summary>
    /// A random orthogonal matrix times <paramref name="gain"/>, as PyTorch's <c>orthogonal_</c> and Keras's <c>Orthogonal</c>:
    /// the Q of the QR decomposition of a matrix of standard normal draws, with the signs that make R's diagonal
    /// positive. A square view gets QᵀQ = I; a wide one orthonormal rows, a tall one orthonormal columns. Works on any
    /// 2-D view, such as one gate's columns: <c>Orthogonal(network.Matrix("W_h")[.., 0..H], random)</c>.
    /// </summary>
    public static void Orthogonal<T>(TensorSpan<T> weights, Random random, double gain = 1.0) where T : INumber<T>
    {
        (int rows, int columns) = Dimensions(weights);
        ArgumentNullException.ThrowIfNull(random);
        double scale = CheckGain(gain);
        // Orthonormal columns q_0..q_{m-1} of length n (n ≥ m) by Gram-Schmidt with a second pass, which keeps them
        // orthogonal to rounding; R's diagonal is then the positive norm of each column.
        int n = Math.Max(rows, columns), m = Math.Min(rows, columns);
        var q = new double[m * n];
        for (int j = 0; j < m; j++)
        {
            Span<double> column = q.AsSpan(j * n, n);
            for (int i = 0; i < n; i++)
                column[i] = StandardNormal(random);
            for (int pass = 0; pass < 2; pass++)
            {
                for (int k = 0; k < j; k++)
                {
                    ReadOnlySpan<double> previous = q.AsSpan(k * n, n);
                    double projection = TensorPrimitives.Dot(previous, column);
                    TensorPrimitives.MultiplyAdd(previous, -projection, column, column);
                }
            }
            double norm = TensorPrimitives.Norm<double>(column);
            TensorPrimitives.Divide(column, norm, column);
        }
        // A tall view takes the columns as they are, a wide one their transpose.
        Fill(weights, (r, c) => scale * (rows >= columns ? q[(c * n) + r] : q[(r * n) + c]));
    }

    /// <summary>Sets every element of a 2-D view, row by row, to the next value of <paramref name="draw"/>.</summary>
    private static void Fill<T>(TensorSpan<T> weights, Func<double> draw) where T : INumber<T> => Fill(weights, (_, _) => draw());

    /// <summary>Sets element [r, c] of a 2-D view to <paramref name="value"/>(r, c), row by row.</summary>
    private static void Fill<T>(TensorSpan<T> weights, Func<int, int, double> value) where T : INumber<T>
    {
        for (int r = 0; r < weights.Lengths[0]; r++)
        {
            for (int c = 0; c < weights.Lengths[1]; c++)
                weights[r, c] = T.CreateChecked(value(r, c));
        }
    }

    /// <summary>A draw from the standard normal distribution (Box-Muller, one of the pair).</summary>
    private static double StandardNormal(Random random)
    {
        double radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));   // 1 − u is in (0, 1], so the log is finite
        return radius * Math.Cos(2 * Math.PI * random.NextDouble());
    }

    private static (int Rows, int Columns) Dimensions<T>(TensorSpan<T> weights)
    {
        if (weights.Rank != 2)
            throw new ArgumentException($"The initialisers fill a 2-D view; this one has rank {weights.Rank}.", nameof(weights));
        return ((int)weights.Lengths[0], (int)weights.Lengths[1]);
    }

    private static double CheckGain(double gain)
    {
        if (!(gain > 0 && double.IsFinite(gain)))
            throw new ArgumentOutOfRangeException(nameof(gain), gain, "The gain must be positive and finite.");
        return gain;
    }
}
