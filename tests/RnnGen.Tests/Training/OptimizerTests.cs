using System;
using System.Numerics;
using CsCheck;
using Xunit;

namespace RnnGen.Tests.Training;

/// <summary>Each optimizer and clipping rule against a plain loop of its textbook formula, over several steps and random lengths.</summary>
public class OptimizerTests
{
    private static readonly Gen<(int Length, int Seed)> cases = Gen.Select(Gen.Int[1, 300], Gen.Int);

    [Fact]
    public void Sgd_with_momentum_matches_a_loop() => cases.Sample((length, seed) =>
    {
        (double[] parameters, double[][] gradients) = Data(length, seed);
        double[] expected = (double[])parameters.Clone(), velocity = new double[length];
        foreach (double[] gradient in gradients)
        {
            for (int i = 0; i < length; i++)
            {
                velocity[i] = (0.9 * velocity[i]) - (0.05 * gradient[i]);
                expected[i] += velocity[i];
            }
        }
        var optimizer = new SgdOptimizer<double>(length, 0.05, 0.9);
        foreach (double[] gradient in gradients)
            optimizer.Step(parameters, gradient);
        Numerics.TestData.AssertClose(expected, parameters, 1e-14, "SGD with momentum");
    });

    [Fact]
    public void Sgd_without_momentum_is_the_train_update() => cases.Sample((length, seed) =>
    {
        (double[] parameters, double[][] gradients) = Data(length, seed);
        double[] expected = (double[])parameters.Clone();
        foreach (double[] gradient in gradients)
            GradientDescent.Step<double>(expected, gradient, 0.1);
        var optimizer = new SgdOptimizer<double>(length, 0.1);
        foreach (double[] gradient in gradients)
            optimizer.Step(parameters, gradient);
        Assert.Equal(expected, parameters);
    });

    [Fact]
    public void Adagrad_matches_a_loop() => cases.Sample((length, seed) =>
    {
        (double[] parameters, double[][] gradients) = Data(length, seed);
        double[] expected = (double[])parameters.Clone(), memory = new double[length];
        foreach (double[] gradient in gradients)
        {
            for (int i = 0; i < length; i++)
            {
                memory[i] += gradient[i] * gradient[i];
                expected[i] -= 0.1 * gradient[i] / Math.Sqrt(memory[i] + 1e-8);
            }
        }
        var optimizer = new AdagradOptimizer<double>(length, 0.1);
        foreach (double[] gradient in gradients)
            optimizer.Step(parameters, gradient);
        Numerics.TestData.AssertClose(expected, parameters, 1e-14, "Adagrad");

        float[] floats = Array.ConvertAll(Data(length, seed).Parameters, p => (float)p);
        var floatOptimizer = new AdagradOptimizer<float>(length, 0.1f);
        foreach (double[] gradient in gradients)
            floatOptimizer.Step(floats, Array.ConvertAll(gradient, g => (float)g));
        Numerics.TestData.AssertClose(expected, Array.ConvertAll(floats, p => (double)p), 1e-5, "Adagrad in float");
    });

    [Fact]
    public void Adam_matches_a_loop() => cases.Sample((length, seed) =>
    {
        (double[] parameters, double[][] gradients) = Data(length, seed);
        double[] expected = (double[])parameters.Clone(), m = new double[length], v = new double[length];
        int t = 0;
        foreach (double[] gradient in gradients)
        {
            t++;
            for (int i = 0; i < length; i++)
            {
                m[i] = (0.9 * m[i]) + (0.1 * gradient[i]);
                v[i] = (0.999 * v[i]) + (0.001 * gradient[i] * gradient[i]);
                double mHat = m[i] / (1 - Math.Pow(0.9, t)), vHat = v[i] / (1 - Math.Pow(0.999, t));
                expected[i] -= 0.01 * mHat / (Math.Sqrt(vHat) + 1e-8);
            }
        }
        var optimizer = new AdamOptimizer<double>(length, 0.01);
        foreach (double[] gradient in gradients)
            optimizer.Step(parameters, gradient);
        Numerics.TestData.AssertClose(expected, parameters, 1e-12, "Adam");
    });

    [Fact]
    public void Clipping_matches_a_loop() => cases.Sample((length, seed) =>
    {
        double[] gradient = Numerics.TestData.Uniform(new Random(seed), length, -10, 10);
        double[] clamped = (double[])gradient.Clone();
        GradientClipping.ClampElements<double>(clamped, 5);
        for (int i = 0; i < length; i++)
            Assert.Equal(Math.Clamp(gradient[i], -5, 5), clamped[i]);

        double norm = 0;
        foreach (double g in gradient)
            norm += g * g;
        norm = Math.Sqrt(norm);
        double[] scaled = (double[])gradient.Clone();
        double reported = GradientClipping.ClipGlobalNorm<double>(scaled, 3);
        Assert.True(Math.Abs(norm - reported) <= 1e-12 * norm, $"norm {reported}, expected {norm}");
        for (int i = 0; i < length; i++)
            Assert.True(Math.Abs((norm > 3 ? gradient[i] * 3 / norm : gradient[i]) - scaled[i]) <= 1e-14, $"element {i}");
    });

    [Fact]
    public void Steps_allocate_nothing()
    {
        var parameters = new float[500];
        var gradients = new float[500];
        Array.Fill(gradients, 0.01f);
        IOptimizer<float>[] optimizers = { new SgdOptimizer<float>(500, 0.1f, 0.9f), new AdagradOptimizer<float>(500, 0.1f), new AdamOptimizer<float>(500, 0.001f) };
        foreach (IOptimizer<float> optimizer in optimizers)
        {
            for (int i = 0; i < 50; i++)
                optimizer.Step(parameters, gradients);
            void Exercise()
            {
                optimizer.Step(parameters, gradients);
                GradientClipping.ClampElements<float>(gradients, 5f);
                GradientClipping.ClipGlobalNorm<float>(gradients, 5f);
            }
            Assert.Equal(0, SteadyStateAllocations.Smallest(Exercise, callsPerWindow: 1000));
        }
    }

    [Fact]
    public void Adagrad_trains_the_next_bit_predictor()
    {
        var network = new NextBitPredictor<double>(1);
        var optimizer = new AdagradOptimizer<double>(NextBitPredictor<double>.ParameterCount, 1.0);
        double[] inputs = { 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1 }, targets = { 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0 };
        var outputs = new double[12];
        network.Forward(inputs, outputs);
        network.ZeroGradients();
        double first = network.Backward(targets), last = first;
        for (int step = 0; step < 1000; step++)
        {
            network.ZeroGradients();
            network.Forward(inputs, outputs);
            last = network.Backward(targets);
            optimizer.Step(network.Parameters, network.Gradients);
        }
        Assert.True(last < first / 2, $"loss went from {first} to {last}");
    }

    [Fact]
    public void Bad_arguments_throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SgdOptimizer<double>(10, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SgdOptimizer<double>(10, 0.1, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdagradOptimizer<double>(0, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptimizer<double>(10, 0.1, 0.9, 1.5, 1e-8));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptimizer<double>(10, 0.1, 0.9, 0.999, 0));
        Assert.Throws<ArgumentException>(() => new SgdOptimizer<double>(10, 0.1).Step(new double[9], new double[10]));
        Assert.Throws<ArgumentException>(() => new AdamOptimizer<double>(10, 0.1).Step(new double[10], new double[11]));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipGlobalNorm<double>(new double[3], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClampElements<double>(new double[3], -1));
    }

    [Fact]
    public void Every_optimizer_works_for_Half_with_its_default_settings()
    {
        // 1e-8 rounds to zero in Half: the default epsilon must be one Half can hold.
        IOptimizer<Half>[] optimizers = { new SgdOptimizer<Half>(10, (Half)0.1f), new AdagradOptimizer<Half>(10, (Half)0.1f), new AdamOptimizer<Half>(10, (Half)0.01f) };
        foreach (IOptimizer<Half> optimizer in optimizers)
        {
            var parameters = new Half[10];
            var gradients = new Half[10];
            for (int i = 0; i < 10; i++)
                gradients[i] = (Half)(0.5f - (0.1f * i));
            for (int step = 0; step < 20; step++)
                optimizer.Step(parameters, gradients);
            for (int i = 0; i < 10; i++)
            {
                Assert.True(Half.IsFinite(parameters[i]), $"{optimizer.GetType().Name}: parameter {i} is {parameters[i]}");
                // Every step moves against the gradient's sign (a zero gradient leaves its parameter alone).
                Assert.Equal(-Math.Sign((float)gradients[i]), Math.Sign((float)parameters[i]));
            }
        }
        Assert.True(new AdamOptimizer<Half>(10, (Half)0.01f).Epsilon > Half.Zero);
        Assert.True(new AdagradOptimizer<Half>(10, (Half)0.01f).Epsilon > Half.Zero);
        Assert.Equal(1e-8, new AdamOptimizer<double>(10, 0.01).Epsilon);
        Assert.Equal(1e-8f, new AdagradOptimizer<float>(10, 0.01f).Epsilon);
    }

    [Fact]
    public void A_wrong_length_names_the_optimizer_as_what_expects_it()
    {
        IOptimizer<double>[] optimizers = { new SgdOptimizer<double>(10, 0.1), new AdagradOptimizer<double>(10, 0.1), new AdamOptimizer<double>(10, 0.1) };
        foreach (IOptimizer<double> optimizer in optimizers)
        {
            var exception = Assert.Throws<ArgumentException>(() => optimizer.Step(new double[9], new double[10]));
            Assert.Equal("parameters", exception.ParamName);
            Assert.Contains("this optimizer expects length 10", exception.Message);
            Assert.DoesNotContain("network", exception.Message);
            exception = Assert.Throws<ArgumentException>(() => optimizer.Step(new double[10], new double[11]));
            Assert.Equal("gradients", exception.ParamName);
            Assert.Contains("this optimizer expects length 10", exception.Message);
        }
    }

    private static (double[] Parameters, double[][] Gradients) Data(int length, int seed)
    {
        var random = new Random(seed);
        double[] parameters = Numerics.TestData.Uniform(random, length, -1, 1);
        var gradients = new double[4][];
        for (int step = 0; step < gradients.Length; step++)
            gradients[step] = Numerics.TestData.Uniform(random, length, -2, 2);
        return (parameters, gradients);
    }
}
