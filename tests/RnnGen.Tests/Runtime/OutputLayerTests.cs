using System;
using Xunit;

namespace RnnGen.Tests.Runtime;

/// <summary>The losses and the softmax against the formulas of API.md section 3, written as plainly as possible.</summary>
public class OutputLayerTests
{
    [Fact]
    public void Squared_error_is_half_the_sum_of_squares()
    {
        double[] outputs = { 0.2, 0.9 }, targets = { 0, 1 };
        var gradient = new double[2];
        double loss = OutputLayer.SquaredError<SigmoidOperator<double>, double>(outputs, targets, gradient);
        Assert.Equal(0.5 * ((0.2 * 0.2) + (0.1 * 0.1)), loss, 15);
        Assert.Equal(0.2 * 0.2 * 0.8, gradient[0], 15);
        Assert.Equal(-0.1 * 0.9 * 0.1, gradient[1], 15);
    }

    [Fact]
    public void Sigmoid_cross_entropy_matches_the_textbook_formula()
    {
        double[] logits = { -2, 0.5, 3 }, targets = { 0, 1, 0.25 };
        double[] outputs = Array.ConvertAll(logits, z => 1 / (1 + Math.Exp(-z)));
        var gradient = new double[3];
        double loss = OutputLayer.SigmoidCrossEntropy<double>(logits, outputs, targets, gradient);
        double expected = 0;
        for (int o = 0; o < 3; o++)
            expected -= (targets[o] * Math.Log(outputs[o])) + ((1 - targets[o]) * Math.Log(1 - outputs[o]));
        Assert.Equal(expected, loss, 13);
        for (int o = 0; o < 3; o++)
            Assert.Equal(outputs[o] - targets[o], gradient[o], 15);
    }

    [Fact]
    public void Sigmoid_cross_entropy_stays_finite_when_the_output_saturates()
    {
        double[] logits = { 800 }, outputs = { 1.0 }, targets = { 0 };
        double loss = OutputLayer.SigmoidCrossEntropy<double>(logits, outputs, targets, new double[1]);
        Assert.Equal(800, loss, 9);
    }

    [Fact]
    public void Softmax_cross_entropy_matches_the_textbook_formula()
    {
        double[] logits = { 1, -2, 0.5, 3 }, targets = { 0, 0, 1, 0 };
        var outputs = new double[4];
        OutputLayer.Softmax<double>(logits, outputs);
        double sum = 0;
        foreach (double z in logits)
            sum += Math.Exp(z);
        for (int o = 0; o < 4; o++)
            Assert.Equal(Math.Exp(logits[o]) / sum, outputs[o], 15);
        var gradient = new double[4];
        double loss = OutputLayer.SoftmaxCrossEntropy<double>(logits, outputs, targets, gradient);
        Assert.Equal(-Math.Log(outputs[2]), loss, 13);
        for (int o = 0; o < 4; o++)
            Assert.Equal(outputs[o] - targets[o], gradient[o], 15);
    }

    [Fact]
    public void Softmax_does_not_overflow()
    {
        double[] logits = { 1000, 1001 };
        var outputs = new double[2];
        OutputLayer.Softmax<double>(logits, outputs);
        Assert.Equal(1 / (1 + Math.E), outputs[0], 14);
    }

    [Fact]
    public void Softmax_squared_error_gradient_is_the_jacobian_product()
    {
        double[] logits = { 0.3, -0.7, 1.1 }, targets = { 0.1, 0.5, 0.2 };
        var outputs = new double[3];
        OutputLayer.Softmax<double>(logits, outputs);
        var gradient = new double[3];
        OutputLayer.SoftmaxSquaredError<double>(outputs, targets, gradient);
        for (int q = 0; q < 3; q++)
        {
            double expected = 0;
            for (int o = 0; o < 3; o++)
                expected += (outputs[o] - targets[o]) * outputs[o] * ((o == q ? 1 : 0) - outputs[q]);
            Assert.Equal(expected, gradient[q], 15);
        }
    }
}
