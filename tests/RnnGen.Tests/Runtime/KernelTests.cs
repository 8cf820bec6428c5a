using System;
using System.Numerics;
using CsCheck;
using Xunit;

namespace RnnGen.Tests.Runtime;

/// <summary>
/// The SIMD kernels against plain loops, for random lengths that land on every chunk type and every remainder,
/// in float and double (vector paths) and Half (scalar path).
/// </summary>
public class KernelTests
{
    private static readonly Gen<(int Rows, int Columns, int Seed)> sizes = Gen.Select(Gen.Int[1, 40], Gen.Int[1, 70], Gen.Int);

    [Fact]
    public void Vector_times_matrix_matches_a_loop() => sizes.Sample(size =>
    {
        CheckVectorTimesMatrix<double>(size, 1e-12);
        CheckVectorTimesMatrix<float>(size, 1e-5);
        CheckVectorTimesMatrix<Half>(size, 1e-2);
    });

    [Fact]
    public void Outer_product_matches_a_loop() => sizes.Sample(size =>
    {
        CheckOuterProduct<double>(size, 1e-12);
        CheckOuterProduct<float>(size, 1e-5);
    });

    [Fact]
    public void Activations_match_their_scalar_forms() => Gen.Select(Gen.Int[1, 70], Gen.Int).Sample((length, seed) =>
    {
        CheckActivation<SigmoidOperator<float>, float>(length, seed, 1e-6);
        CheckActivation<TanhOperator<float>, float>(length, seed, 1e-6);
        CheckActivation<ReluOperator<float>, float>(length, seed, 0);
        CheckActivation<SigmoidOperator<double>, double>(length, seed, 1e-15);
        CheckActivation<TanhOperator<double>, double>(length, seed, 1e-15);
        CheckActivation<ReluOperator<double>, double>(length, seed, 0);
        CheckActivation<IdentityOperator<double>, double>(length, seed, 0);
    });

    [Fact]
    public void Dot_and_add_scaled_match_loops() => Gen.Select(Gen.Int[1, 90], Gen.Int).Sample((length, seed) =>
    {
        var random = new Random(seed);
        double[] left = Numerics.TestData.Uniform(random, length, -1, 1), right = Numerics.TestData.Uniform(random, length, -1, 1);
        double expected = 0;
        for (int i = 0; i < length; i++)
            expected += left[i] * right[i];
        Assert.True(Math.Abs(expected - Kernels.Dot(ref left[0], ref right[0], length)) < 1e-12);

        double[] destination = (double[])right.Clone();
        Kernels.AddScaled(ref destination[0], ref left[0], 0.5, length);
        for (int i = 0; i < length; i++)
            Assert.True(Math.Abs(right[i] + (0.5 * left[i]) - destination[i]) <= 4e-16, $"element {i}");
    });

    [Fact]
    public void Transpose_matches_a_loop() => sizes.Sample(size =>
    {
        CheckTranspose<float>(size);
        CheckTranspose<double>(size);
        CheckTranspose<Half>(size);
    });

    [Theory]
    [InlineData(8, 8)]
    [InlineData(16, 16)]
    [InlineData(16, 64)]
    [InlineData(24, 40)]
    [InlineData(4, 12)]
    [InlineData(12, 8)]
    public void Transpose_matches_a_loop_on_whole_blocks(int rows, int columns)
    {
        // Sides that are multiples of the AVX blocks (8 × 8 float, 4 × 4 double), which random sizes seldom hit.
        CheckTranspose<float>((rows, columns, rows * columns));
        CheckTranspose<double>((rows, columns, rows + columns));
    }

    [Fact]
    public void Tanh_vector_form_is_accurate_near_zero_and_saturates()
    {
        var x = new double[] { -40, -1e-9, 0, 1e-9, 0.3, 40, 800, -800 };
        var y = new double[x.Length];
        Kernels.Activate<TanhOperator<double>, double>(ref y[0], ref x[0], x.Length);
        for (int i = 0; i < x.Length; i++)
            Assert.True(Math.Abs(Math.Tanh(x[i]) - y[i]) < 1e-15, $"tanh({x[i]}) = {y[i]}");
    }

    [Fact]
    public void Sigmoid_vector_form_is_accurate_across_the_range_and_saturates()
    {
        // Around zero, in the steep part, near and past the exponential's clamps, at the infinities and NaN: relative
        // accuracy of a few units in the last place where the result is a normal number, saturation beyond.
        double[] points = { 0, 1e-9, -1e-9, 0.3, -0.3, 2.5, -2.5, 10, -10, 30, -30, 86, -86, 87.5, -87.5, 88.5, -88.5, 100, -100, 800, -800,
            double.PositiveInfinity, double.NegativeInfinity, double.NaN };
        CheckSigmoid<float>(points, relative: 5e-7, absolute: 1e-37);   // 4 units in the last place of a float
        CheckSigmoid<double>(points, relative: 9e-16, absolute: 1e-300);   // 4 units in the last place of a double
    }

    private static void CheckSigmoid<T>(double[] points, double relative, double absolute) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] x = Numerics.TestData.Convert<T>(points);
        var y = new T[x.Length];
        Kernels.Activate<SigmoidOperator<T>, T>(ref y[0], ref x[0], x.Length);
        for (int i = 0; i < x.Length; i++)
        {
            double input = double.CreateChecked(x[i]), actual = double.CreateChecked(y[i]);
            if (double.IsNaN(input))
            {
                Assert.True(double.IsNaN(actual), $"σ(NaN) = {actual}");
                continue;
            }
            double expected = 1 / (1 + Math.Exp(-input));
            double error = Math.Abs(expected - actual);
            Assert.True(error <= (relative * expected) + absolute, $"{typeof(T).Name} σ({input}) = {actual}, expected {expected}");
        }
    }

    [Fact]
    public void Batched_products_with_bias_match_a_loop() => sizes.Sample(size =>
    {
        (int inner, int columns, int seed) = size;
        var random = new Random(seed);
        int count = 1 + random.Next(5), leftStride = inner + random.Next(3), destinationStride = columns + random.Next(3);
        double[] left = Numerics.TestData.Uniform(random, count * leftStride, -1, 1), right = Numerics.TestData.Uniform(random, inner * columns, -1, 1);
        double[] bias = Numerics.TestData.Uniform(random, columns, -1, 1);
        var destination = new double[count * destinationStride];
        Kernels.MatrixTimesMatrix(ref destination[0], destinationStride, ref left[0], leftStride, count, inner, ref right[0], columns, ref bias[0]);
        for (int k = 0; k < count; k++)
        {
            for (int c = 0; c < columns; c++)
            {
                double expected = bias[c];
                for (int r = 0; r < inner; r++)
                    expected += left[(k * leftStride) + r] * right[(r * columns) + c];
                Assert.True(Math.Abs(expected - destination[(k * destinationStride) + c]) < 1e-12, $"row {k}, column {c}");
            }
        }
    });

    private static void CheckVectorTimesMatrix<T>((int Rows, int Columns, int Seed) size, double tolerance) where T : INumber<T>
    {
        (int rows, int columns, int seed) = size;
        var random = new Random(seed);
        T[] vector = Numerics.TestData.Convert<T>(Numerics.TestData.Uniform(random, rows, -1, 1));
        T[] matrix = Numerics.TestData.Convert<T>(Numerics.TestData.Uniform(random, rows * columns, -1, 1));
        T[] start = Numerics.TestData.Convert<T>(Numerics.TestData.Uniform(random, columns, -1, 1));
        var expected = new double[columns];
        for (int c = 0; c < columns; c++)
        {
            for (int r = 0; r < rows; r++)
                expected[c] += double.CreateChecked(vector[r]) * double.CreateChecked(matrix[(r * columns) + c]);
        }

        var written = new T[columns];
        Kernels.VectorTimesMatrix(ref written[0], ref vector[0], rows, ref matrix[0], columns);
        Numerics.TestData.AssertClose(expected, Numerics.TestData.ToDoubles<T>(written), tolerance * rows, $"{typeof(T).Name} {rows}x{columns} written");

        T[] added = (T[])start.Clone();
        Kernels.AddVectorTimesMatrix(ref added[0], ref vector[0], rows, ref matrix[0], columns);
        for (int c = 0; c < columns; c++)
            expected[c] += double.CreateChecked(start[c]);
        Numerics.TestData.AssertClose(expected, Numerics.TestData.ToDoubles<T>(added), tolerance * rows, $"{typeof(T).Name} {rows}x{columns} added");
    }

    private static void CheckTranspose<T>((int Rows, int Columns, int Seed) size) where T : INumber<T>
    {
        (int rows, int columns, int seed) = size;
        T[] source = Numerics.TestData.Convert<T>(Numerics.TestData.Uniform(new Random(seed), rows * columns, -1, 1));
        var transposed = new T[rows * columns];
        Kernels.Transpose(ref transposed[0], ref source[0], rows, columns);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
                Assert.Equal(source[(r * columns) + c], transposed[(c * rows) + r]);
        }
    }

    private static void CheckOuterProduct<T>((int Rows, int Columns, int Seed) size, double tolerance) where T : INumber<T>
    {
        // A batch of count outer products with padded strides, summed into the matrix.
        (int rows, int columns, int seed) = size;
        var random = new Random(seed);
        int count = 1 + random.Next(4), leftStride = rows + random.Next(3), rightStride = columns + random.Next(3);
        T[] left = Numerics.TestData.Convert<T>(Numerics.TestData.Uniform(random, count * leftStride, -1, 1));
        T[] right = Numerics.TestData.Convert<T>(Numerics.TestData.Uniform(random, count * rightStride, -1, 1));
        T[] matrix = Numerics.TestData.Convert<T>(Numerics.TestData.Uniform(random, rows * columns, -1, 1));
        var expected = new double[rows * columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                expected[(r * columns) + c] = double.CreateChecked(matrix[(r * columns) + c]);
                for (int k = 0; k < count; k++)
                    expected[(r * columns) + c] += double.CreateChecked(left[(k * leftStride) + r]) * double.CreateChecked(right[(k * rightStride) + c]);
            }
        }
        Kernels.AddOuterProducts(ref matrix[0], ref left[0], leftStride, rows, ref right[0], rightStride, columns, count);
        Numerics.TestData.AssertClose(expected, Numerics.TestData.ToDoubles<T>(matrix), tolerance * count, $"{typeof(T).Name} {rows}x{columns} x{count}");

        var sums = new T[columns];
        var expectedSums = new double[columns];
        for (int c = 0; c < columns; c++)
        {
            for (int k = 0; k < count; k++)
                expectedSums[c] += double.CreateChecked(right[(k * rightStride) + c]);
        }
        Kernels.AddRows(ref sums[0], ref right[0], rightStride, count, columns);
        Numerics.TestData.AssertClose(expectedSums, Numerics.TestData.ToDoubles<T>(sums), tolerance * count, $"{typeof(T).Name} row sums of {columns}");
    }

    private static void CheckActivation<TOperator, T>(int length, int seed, double tolerance)
        where TOperator : IActivationOperator<T>
        where T : INumber<T>
    {
        T[] x = Numerics.TestData.Convert<T>(Numerics.TestData.Uniform(new Random(seed), length, -6, 6));
        var y = new T[length];
        var derivative = new T[length];
        var ones = new T[length];
        Array.Fill(ones, T.One);
        Kernels.Activate<TOperator, T>(ref y[0], ref x[0], length);
        Kernels.MultiplyByDerivative<TOperator, T>(ref derivative[0], ref ones[0], ref y[0], length);
        for (int i = 0; i < length; i++)
        {
            Assert.True(Math.Abs(double.CreateChecked(TOperator.Invoke(x[i]) - y[i])) <= tolerance, $"{typeof(TOperator).Name}({x[i]}): {y[i]}");
            Assert.True(Math.Abs(double.CreateChecked(TOperator.DerivativeFromOutput(y[i]) - derivative[i])) <= tolerance, $"{typeof(TOperator).Name}'({x[i]})");
        }
    }
}
