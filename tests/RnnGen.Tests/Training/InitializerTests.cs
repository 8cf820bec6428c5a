using System;
using System.Numerics.Tensors;
using Xunit;

namespace RnnGen.Tests.Training;

/// <summary>Glorot, orthogonal and the whole-network scheme: distributions, orthogonality, layout positions and determinism.</summary>
public class InitializerTests
{
    [Fact]
    public void Glorot_uniform_stays_within_its_limit_with_its_variance()
    {
        var values = new double[200 * 300];
        Initializers.GlorotUniform(new TensorSpan<double>(values, [200, 300], []), new Random(1));
        double limit = Math.Sqrt(6.0 / 500);
        Assert.All(values, value => Assert.InRange(value, -limit, limit));
        (double mean, double variance) = Moments(values);
        Assert.InRange(mean, -0.01 * limit, 0.01 * limit);
        Assert.InRange(variance / (2.0 / 500), 0.97, 1.03);   // 60,000 draws: the sample variance is within about 1 %
        Assert.True(Array.IndexOf(values, 0.0) < 0);
    }

    [Fact]
    public void Glorot_normal_has_its_variance_and_gain()
    {
        var values = new double[250 * 250];
        Initializers.GlorotNormal(new TensorSpan<double>(values, [250, 250], []), new Random(2), gain: 2);
        (double mean, double variance) = Moments(values);
        double expected = 4 * 2.0 / 500;
        Assert.InRange(mean, -0.02 * Math.Sqrt(expected), 0.02 * Math.Sqrt(expected));
        Assert.InRange(variance / expected, 0.97, 1.03);
        // A normal distribution reaches past two standard deviations about 4.6 % of the time; a uniform one never does.
        double beyond = Array.FindAll(values, value => Math.Abs(value) > 2 * Math.Sqrt(expected)).Length / (double)values.Length;
        Assert.InRange(beyond, 0.04, 0.052);
    }

    [Theory]
    [InlineData(16, 16)]
    [InlineData(5, 12)]
    [InlineData(12, 5)]
    public void Orthogonal_gives_orthonormal_rows_or_columns(int rows, int columns)
    {
        var values = new double[rows * columns];
        Initializers.Orthogonal(new TensorSpan<double>(values, [rows, columns], []), new Random(3), gain: 1.5);
        // W·Wᵀ (wide) or Wᵀ·W (tall) is 1.5² times the identity.
        bool wide = rows < columns;
        int size = Math.Min(rows, columns);
        for (int a = 0; a < size; a++)
        {
            for (int b = 0; b < size; b++)
            {
                double dot = 0;
                for (int k = 0; k < Math.Max(rows, columns); k++)
                    dot += wide ? values[(a * columns) + k] * values[(b * columns) + k] : values[(k * columns) + a] * values[(k * columns) + b];
                Assert.Equal(a == b ? 2.25 : 0, dot, 12);
            }
        }
    }

    [Fact]
    public void The_whole_network_scheme_puts_each_initialiser_in_its_block()
    {
        var network = new LstmAdder<double>();   // 2 inputs, 16 units, 1 output, bias
        network.InitializeGlorotOrthogonal(new Random(4));
        int hidden = 16;

        Assert.All(network.Block("W_x").ToArray(), value => Assert.InRange(value, -Math.Sqrt(6.0 / (2 + 64)), Math.Sqrt(6.0 / (2 + 64))));
        Assert.All(network.Block("W_hy").ToArray(), value => Assert.InRange(value, -Math.Sqrt(6.0 / 17), Math.Sqrt(6.0 / 17)));
        TensorSpan<double> recurrent = network.Matrix("W_h");
        for (int gate = 0; gate < 4; gate++)
            AssertOrthogonal(recurrent, gate * hidden, hidden);
        Span<double> bias = network.Block("b");
        for (int c = 0; c < 4 * hidden; c++)
            Assert.Equal(c >= hidden && c < 2 * hidden ? 1.0 : 0.0, bias[c]);   // gates i, f, g, o: the forget gate starts at 1
        Assert.Equal(0.0, network.Block("b_y")[0]);
    }

    [Fact]
    public void Gru_and_elman_get_zero_biases_and_orthogonal_gates()
    {
        var gru = new GruAdder<double>(9);
        gru.InitializeGlorotOrthogonal(new Random(5));
        Assert.True(gru.Block("b_x").IndexOfAnyExcept(0.0) < 0);
        Assert.True(gru.Block("b_h").IndexOfAnyExcept(0.0) < 0);
        for (int gate = 0; gate < 3; gate++)
            AssertOrthogonal(gru.Matrix("W_h"), gate * 16, 16);

        var elman = new ReferenceNetwork<double>(new NetworkShape(CellKind.Elman, 3, 7, 2, 4, true, Activation.Tanh, Activation.Identity, LossKind.SquaredError));
        elman.InitializeGlorotOrthogonal(new Random(6));
        AssertOrthogonal(elman.Matrix("W_hh"), 0, 7);
        Assert.True(elman.Block("b_h").IndexOfAnyExcept(0.0) < 0);
    }

    [Fact]
    public void A_seed_gives_the_same_parameters_in_every_type()
    {
        var first = new LstmAdder<double>();
        var second = new LstmAdder<double>();
        var other = new LstmAdder<double>();
        var single = new LstmAdder<float>();
        first.InitializeGlorotOrthogonal(new Random(7));
        second.InitializeGlorotOrthogonal(new Random(7));
        other.InitializeGlorotOrthogonal(new Random(8));
        single.InitializeGlorotOrthogonal(new Random(7));
        Assert.Equal(first.Parameters.ToArray(), second.Parameters.ToArray());
        Assert.NotEqual(first.Parameters.ToArray(), other.Parameters.ToArray());
        for (int p = 0; p < first.Parameters.Length; p++)
            Assert.Equal((float)first.Parameters[p], single.Parameters[p]);
        var half = new LstmAdder<Half>();
        half.InitializeGlorotOrthogonal(new Random(7));
        Assert.Equal((Half)first.Parameters[100], half.Parameters[100]);
    }

    [Fact]
    public void Bad_arguments_throw()
    {
        var values = new double[6];
        Assert.Throws<ArgumentOutOfRangeException>(() => Initializers.GlorotUniform(new TensorSpan<double>(values, [2, 3], []), new Random(1), gain: 0));
        Assert.Throws<ArgumentException>(() => Initializers.Orthogonal(new TensorSpan<double>(values, [6], []), new Random(1)));
        Assert.Throws<ArgumentNullException>(() => new BinaryAdder<float>().InitializeGlorotOrthogonal(null!));
    }

    private static void AssertOrthogonal(TensorSpan<double> matrix, int firstColumn, int size)
    {
        for (int a = 0; a < size; a++)
        {
            for (int b = 0; b < size; b++)
            {
                double dot = 0;
                for (int k = 0; k < size; k++)
                    dot += matrix[k, firstColumn + a] * matrix[k, firstColumn + b];
                Assert.Equal(a == b ? 1 : 0, dot, 12);
            }
        }
    }

    private static (double Mean, double Variance) Moments(double[] values)
    {
        double mean = 0, square = 0;
        foreach (double value in values)
            mean += value;
        mean /= values.Length;
        foreach (double value in values)
            square += (value - mean) * (value - mean);
        return (mean, square / values.Length);
    }
}
