using System;
using System.Numerics;
using Xunit;

namespace RnnGen.Tests.Numerics;

/// <summary>
/// Token input (one-hot by row lookup) gives the same answers as the dense path with one-hot vectors, and Step,
/// applied once per step, reproduces Forward from a given state, for every grid network.
/// </summary>
public class TokenAndStepTests
{
    [Theory]
    [MemberData(nameof(NetworkGrid.Names), MemberType = typeof(NetworkGrid))]
    public void Tokens_agree_with_one_hot_inputs(string name)
    {
        GridCase gridCase = NetworkGrid.Find(name);
        NetworkShape shape = gridCase.Shape;
        var dense = (ITokenNetwork<double>)NetworkGrid.Create<double>(gridCase, seed: 4);
        var tokenized = (ITokenNetwork<double>)NetworkGrid.Create<double>(gridCase, seed: 4);
        var reference = new ReferenceNetwork<double>(shape);
        dense.Parameters.CopyTo(reference.Parameters);

        var random = new Random(9);
        int[] tokens = TestData.Tokens(random, shape.Steps, shape.Inputs), targetTokens = TestData.Tokens(random, shape.Steps, shape.Outputs);
        double[] inputs = OneHot(tokens, shape.Inputs), targets = OneHot(targetTokens, shape.Outputs);
        double[] state = TestData.InitialState(shape, random);

        double[] denseOutputs = new double[shape.Steps * shape.Outputs], tokenOutputs = new double[shape.Steps * shape.Outputs], referenceOutputs = new double[shape.Steps * shape.Outputs];
        double[] denseState = new double[shape.StateSize], tokenState = new double[shape.StateSize];
        dense.Forward(inputs, denseOutputs, state, denseState);
        tokenized.Forward(tokens, tokenOutputs, state, tokenState);
        TestData.AssertClose(denseOutputs, tokenOutputs, 1e-13, "outputs");
        TestData.AssertClose(denseState, tokenState, 1e-13, "final state");

        dense.ZeroGradients();
        tokenized.ZeroGradients();
        TestData.AssertClose(dense.Backward(targets), tokenized.Backward(targetTokens), 1e-13, "loss");
        TestData.AssertClose(dense.Gradients.ToArray(), tokenized.Gradients.ToArray(), 1e-13, "gradients");

        double denseLoss = dense.Train(inputs, targets, 0.1);
        double tokenLoss = tokenized.Train(tokens, targetTokens, 0.1);
        double referenceLoss = reference.Train(tokens, targetTokens, 0.1);
        TestData.AssertClose(denseLoss, tokenLoss, 1e-13, "training loss");
        TestData.AssertClose(referenceLoss, tokenLoss, 1e-9, "training loss against the reference");
        TestData.AssertClose(dense.Parameters.ToArray(), tokenized.Parameters.ToArray(), 1e-13, "parameters after training");
        TestData.AssertClose(reference.Parameters.ToArray(), tokenized.Parameters.ToArray(), 1e-9, "parameters against the reference");

        tokenized.Forward(tokens, tokenOutputs);
        reference.Forward(tokens, referenceOutputs);
        TestData.AssertClose(referenceOutputs, tokenOutputs, 1e-9, "outputs against the reference from the zero state");
    }

    [Theory]
    [MemberData(nameof(NetworkGrid.Names), MemberType = typeof(NetworkGrid))]
    public void Steps_reproduce_forward(string name)
    {
        GridCase gridCase = NetworkGrid.Find(name);
        NetworkShape shape = gridCase.Shape;
        var network = (ITokenNetwork<double>)NetworkGrid.Create<double>(gridCase, seed: 6);
        var reference = new ReferenceNetwork<double>(shape);
        network.Parameters.CopyTo(reference.Parameters);
        var random = new Random(2);
        int[] tokens = TestData.Tokens(random, shape.Steps, shape.Inputs);
        double[] inputs = TestData.Inputs(shape, random), initialState = TestData.InitialState(shape, random);

        var expected = new double[shape.Steps * shape.Outputs];
        var expectedState = new double[shape.StateSize];
        network.Forward(inputs, expected, initialState, expectedState);

        foreach (ITokenNetwork<double> stepper in new ITokenNetwork<double>[] { network, reference })
        {
            double[] state = (double[])initialState.Clone(), outputs = new double[shape.Steps * shape.Outputs];
            for (int step = 0; step < shape.Steps; step++)
                stepper.Step(inputs.AsSpan(step * shape.Inputs, shape.Inputs), state, outputs.AsSpan(step * shape.Outputs, shape.Outputs));
            TestData.AssertClose(expected, outputs, 1e-12, $"{stepper.GetType().Name}: outputs step by step");
            TestData.AssertClose(expectedState, state, 1e-12, $"{stepper.GetType().Name}: state step by step");
        }

        network.Forward(tokens, expected, initialState, expectedState);
        double[] tokenState = (double[])initialState.Clone(), tokenOutputs = new double[shape.Steps * shape.Outputs];
        for (int step = 0; step < shape.Steps; step++)
            network.Step(tokens[step], tokenState, tokenOutputs.AsSpan(step * shape.Outputs, shape.Outputs));
        TestData.AssertClose(expected, tokenOutputs, 1e-12, "outputs token by token");
        TestData.AssertClose(expectedState, tokenState, 1e-12, "state token by token");
        Assert.Throws<InvalidOperationException>(() => network.Backward(new double[shape.Steps * shape.Outputs]));
    }

    [Fact]
    public void Tokens_out_of_range_throw()
    {
        var network = new Container.NestedClassifier<float>(1);   // 2 inputs, 3 outputs, 2 steps
        var outputs = new float[6];
        var state = new float[5];
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => network.Forward(new[] { 0, 2 }, outputs));
        Assert.Equal("tokens", exception.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => network.Forward(new[] { -1, 0 }, outputs));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.Train(new[] { 0, 1 }, new[] { 3, 0 }, 0.1f));
        network.Forward(new[] { 0, 1 }, outputs);
        Assert.Throws<ArgumentOutOfRangeException>(() => network.Backward(new[] { 0, 3 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.Step(2, state, new float[3]));
        Assert.Throws<ArgumentException>(() => network.Forward(new[] { 0 }, outputs));
        Assert.Throws<ArgumentException>(() => network.Step(new float[3], state, new float[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReferenceNetwork<float>(network.Shape).Forward(new[] { 5, 0 }, outputs));
    }

    [Fact]
    public void Token_calls_and_steps_allocate_nothing()
    {
        var network = new Container.NestedClassifier<float>(1);
        var looped = new GruAdder<double>(1);
        int[] tokens = { 1, 0 }, targets = { 2, 1 };
        var outputs = new float[6];
        var state = new float[5];
        var gruState = new double[16];
        var gruOutputs = new double[1];
        var gruInput = new double[2];
        void Exercise()
        {
            network.Forward(tokens, outputs);
            network.Backward(targets);
            network.Train(tokens, targets, 0.01f);
            network.Step(1, state, outputs.AsSpan(0, 3));
            network.Evaluate(tokens, targets);
            looped.Step(gruInput, gruState, gruOutputs);
        }
        for (int i = 0; i < 100; i++)
            Exercise();
        Assert.Equal(0, SteadyStateAllocations.Smallest(Exercise, callsPerWindow: 1000));
    }

    private static double[] OneHot(int[] tokens, int width)
    {
        var values = new double[tokens.Length * width];
        for (int t = 0; t < tokens.Length; t++)
            values[(t * width) + tokens[t]] = 1;
        return values;
    }
}
