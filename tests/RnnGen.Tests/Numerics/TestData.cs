using System;
using System.Numerics;
using Xunit;

namespace RnnGen.Tests.Numerics;

/// <summary>Random inputs, targets and states suited to a network's activations and loss, and tolerant comparisons.</summary>
internal static class TestData
{
    public static double[] Uniform(Random random, int length, double low, double high)
    {
        var values = new double[length];
        for (int i = 0; i < length; i++)
            values[i] = low + ((high - low) * random.NextDouble());
        return values;
    }

    /// <summary><paramref name="count"/> tokens drawn uniformly from [0, <paramref name="vocabulary"/>).</summary>
    public static int[] Tokens(Random random, int count, int vocabulary)
    {
        var tokens = new int[count];
        for (int i = 0; i < count; i++)
            tokens[i] = random.Next(vocabulary);
        return tokens;
    }

    public static double[] Inputs(NetworkShape shape, Random random) => Uniform(random, shape.Steps * shape.Inputs, -1, 1);

    public static double[] InitialState(NetworkShape shape, Random random) => Uniform(random, shape.StateSize, -0.5, 0.5);

    /// <summary>Targets in the range of the output activation; cross-entropy targets are soft, and softmax targets do not sum to one, which exercises the general gradient.</summary>
    public static double[] Targets(NetworkShape shape, Random random) => shape.OutputActivation switch
    {
        Activation.Sigmoid or Activation.Softmax => Uniform(random, shape.Steps * shape.Outputs, 0, 1),
        _ => Uniform(random, shape.Steps * shape.Outputs, -1, 1),
    };

    public static T[] Convert<T>(double[] values) where T : INumber<T> => Array.ConvertAll(values, T.CreateChecked);

    public static double[] ToDoubles<T>(ReadOnlySpan<T> values) where T : INumber<T>
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
            result[i] = double.CreateChecked(values[i]);
        return result;
    }

    /// <summary>Normwise relative error max|actual − expected| / max|expected| (absolute when expected is all zero).</summary>
    public static double RelativeError(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double difference = 0, scale = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            difference = Math.Max(difference, Math.Abs(actual[i] - expected[i]));
            scale = Math.Max(scale, Math.Abs(expected[i]));
            if (double.IsNaN(actual[i]) != double.IsNaN(expected[i]) || double.IsInfinity(actual[i]))
                return double.PositiveInfinity;
        }
        return scale == 0 ? difference : difference / scale;
    }

    public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string what)
    {
        double error = RelativeError(expected, actual);
        Assert.True(error <= tolerance, $"{what}: relative error {error:E2} exceeds {tolerance:E1}");
    }

    public static void AssertClose(double expected, double actual, double tolerance, string what) =>
        AssertClose(new[] { expected }, new[] { actual }, tolerance, what);
}
