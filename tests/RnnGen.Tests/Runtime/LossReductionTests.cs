using System;
using RnnGen.Tests.Numerics;
using Xunit;

namespace RnnGen.Tests.Runtime;

/// <summary>
/// <see cref="LossReduction.Mean"/> is the summed loss divided by the number of steps, gradient and all. The grid
/// (NetworkGrid's rotations) checks it against finite differences and the reference for every cell; these tests pin
/// down what it means.
/// </summary>
public class LossReductionTests
{
    [Fact]
    public void The_mean_is_the_sum_divided_by_the_steps()
    {
        var sum = new BinaryAdder<double>(4);
        var mean = new MeanLossAdder<double>(4);
        Assert.Equal(LossReduction.Mean, mean.Shape.LossReduction);
        Assert.Equal(LossReduction.Sum, sum.Shape.LossReduction);
        Assert.Equal(sum.Shape with { LossReduction = LossReduction.Mean }, mean.Shape);
        Assert.Contains("mean over steps", mean.Shape.ToString());

        var random = new Random(6);
        double[] inputs = TestData.Inputs(sum.Shape, random), targets = TestData.Targets(sum.Shape, random);
        var outputs = new double[8];
        sum.Forward(inputs, outputs);
        mean.Forward(inputs, outputs);
        double summed = sum.Backward(targets), averaged = mean.Backward(targets);
        TestData.AssertClose(summed / 8, averaged, 1e-15, "loss");
        double[] scaled = Array.ConvertAll(sum.Gradients.ToArray(), gradient => gradient / 8);
        TestData.AssertClose(scaled, mean.Gradients.ToArray(), 1e-14, "gradients");
        Assert.Equal(averaged, mean.Evaluate(inputs, targets));
    }

    [Fact]
    public void The_reference_and_the_generated_network_agree()
    {
        var generated = new MeanLossAdder<float>(2);
        var reference = new ReferenceNetwork<float>(generated.Shape);
        generated.Parameters.CopyTo(reference.Parameters);
        var random = new Random(8);
        float[] inputs = TestData.Convert<float>(TestData.Inputs(generated.Shape, random)), targets = TestData.Convert<float>(TestData.Targets(generated.Shape, random));
        for (int step = 0; step < 5; step++)
            TestData.AssertClose(reference.Train(inputs, targets, 0.5f), generated.Train(inputs, targets, 0.5f), 1e-5, $"training loss {step}");
        TestData.AssertClose(TestData.ToDoubles<float>(reference.Parameters), TestData.ToDoubles<float>(generated.Parameters), 1e-5, "parameters");
    }

    [Fact]
    public void Shapes_with_different_reductions_differ()
    {
        NetworkShape shape = new BinaryAdder<float>().Shape, mean = shape with { LossReduction = LossReduction.Mean };
        Assert.NotEqual(shape, mean);
        Assert.NotEqual(shape.GetHashCode(), mean.GetHashCode());
        Assert.Throws<ArgumentException>(() => new ReferenceNetwork<double>(shape with { LossReduction = (LossReduction)2 }));
    }
}
