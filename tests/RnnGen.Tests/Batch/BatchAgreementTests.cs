using System;
using System.Numerics;
using RnnGen.Tests.Numerics;
using Xunit;

namespace RnnGen.Tests.Batch;

/// <summary>
/// Every grid network's batch calls against its own single-sequence calls in double: outputs and final states, the
/// mean loss and the mean of the per-sequence gradients (added to what Gradients held), TrainBatch's update and
/// StepBatch; and the same for <see cref="ReferenceNetwork{T}"/>'s batch calls. Each case runs four batches: dense
/// from the zero state (B = 17), dense from given states (B = 3), tokens from given states (B = 64), tokens from the
/// zero state (B = 1).
/// </summary>
public class BatchAgreementTests
{
    private const double Tight = 1e-12, AgainstReference = 1e-9;

    [Theory]
    [MemberData(nameof(NetworkGrid.Names), MemberType = typeof(NetworkGrid))]
    public void Batches_agree_with_single_sequences(string name)
    {
        GridCase gridCase = NetworkGrid.Find(name);
        NetworkShape shape = gridCase.Shape;
        var generated = (IBatchNetwork<double>)NetworkGrid.Create<double>(gridCase, seed: 8);
        var reference = new ReferenceNetwork<double>(shape);
        generated.Parameters.CopyTo(reference.Parameters);

        foreach ((int sequences, bool tokens, bool withStates) in new[] { (17, false, false), (3, false, true), (64, true, true), (1, true, false) })
        {
            var data = new BatchData(shape, sequences, seed: sequences);
            string what = $"B = {sequences}, {(tokens ? "tokens" : "dense")}, {(withStates ? "given states" : "zero state")}";
            (double[] outputs, double[] states) = SingleForward(generated, shape, data, tokens, withStates);
            foreach (IBatchNetwork<double> network in new IBatchNetwork<double>[] { generated, reference })
            {
                double tolerance = network == generated ? Tight : AgainstReference;
                string who = $"{(network == generated ? "generated" : "reference")}, {what}";
                (double[] batchOutputs, double[] batchStates) = BatchForward(network, shape, data, tokens, withStates);
                TestData.AssertClose(outputs, batchOutputs, tolerance, $"outputs ({who})");
                if (withStates)
                    TestData.AssertClose(states, batchStates, tolerance, $"final states ({who})");
            }

            (double loss, double[] gradient) = SingleMeanGradient(generated, shape, data, tokens, withStates);
            foreach (IBatchNetwork<double> network in new IBatchNetwork<double>[] { generated, reference })
            {
                double tolerance = network == generated ? Tight : AgainstReference;
                string who = $"{(network == generated ? "generated" : "reference")}, {what}";
                // BackwardBatch adds to what Gradients holds.
                double[] before = TestData.Uniform(new Random(3), shape.ParameterCount, -1, 1);
                before.CopyTo(network.Gradients);
                BatchForward(network, shape, data, tokens, withStates);
                double batchLoss = tokens ? network.BackwardBatch(data.TargetTokens) : network.BackwardBatch(data.Targets);
                double[] added = network.Gradients.ToArray();
                for (int p = 0; p < added.Length; p++)
                    added[p] -= before[p];
                TestData.AssertClose(loss, batchLoss, tolerance, $"mean loss ({who})");
                TestData.AssertClose(gradient, added, tolerance * 1e3, $"mean gradient ({who})");
            }
        }

        CheckTraining(generated, reference, shape);
        CheckSteps(generated, reference, shape);
    }

    /// <summary>TrainBatch takes one step along the mean gradient, from the zero state.</summary>
    private static void CheckTraining(IBatchNetwork<double> generated, ReferenceNetwork<double> reference, NetworkShape shape)
    {
        var data = new BatchData(shape, 5, seed: 21);
        foreach (bool tokens in new[] { false, true })
        {
            double[] start = generated.Parameters.ToArray();
            (double loss, double[] gradient) = SingleMeanGradient(generated, shape, data, tokens, withStates: false);
            double[] expected = (double[])start.Clone();
            for (int p = 0; p < expected.Length; p++)
                expected[p] -= 0.1 * gradient[p];
            foreach (IBatchNetwork<double> network in new IBatchNetwork<double>[] { generated, reference })
            {
                start.CopyTo(network.Parameters);
                double batchLoss = tokens ? network.TrainBatch(data.Tokens, data.TargetTokens, 0.1) : network.TrainBatch(data.Inputs, data.Targets, 0.1);
                TestData.AssertClose(loss, batchLoss, AgainstReference, $"TrainBatch loss ({network.GetType().Name}, {(tokens ? "tokens" : "dense")})");
                TestData.AssertClose(expected, network.Parameters.ToArray(), AgainstReference, $"parameters after TrainBatch ({network.GetType().Name})");
                TestData.AssertClose(gradient, network.Gradients.ToArray(), AgainstReference * 1e3, $"Gradients after TrainBatch ({network.GetType().Name})");
            }
            start.CopyTo(generated.Parameters);
            start.CopyTo(reference.Parameters);
        }
    }

    /// <summary>StepBatch advances each sequence's state as Step does.</summary>
    private static void CheckSteps(IBatchNetwork<double> generated, ReferenceNetwork<double> reference, NetworkShape shape)
    {
        var data = new BatchData(shape, 19, seed: 4);
        int sequences = data.Sequences;
        var expectedStates = (double[])data.States.Clone();
        var expectedOutputs = new double[sequences * shape.Outputs];
        var tokenStates = (double[])data.States.Clone();
        var tokenOutputs = new double[sequences * shape.Outputs];
        for (int b = 0; b < sequences; b++)
        {
            generated.Step(data.StepInputs.AsSpan(b * shape.Inputs, shape.Inputs), expectedStates.AsSpan(b * shape.StateSize, shape.StateSize), expectedOutputs.AsSpan(b * shape.Outputs, shape.Outputs));
            generated.Step(data.StepTokens[b], tokenStates.AsSpan(b * shape.StateSize, shape.StateSize), tokenOutputs.AsSpan(b * shape.Outputs, shape.Outputs));
        }
        foreach (IBatchNetwork<double> network in new IBatchNetwork<double>[] { generated, reference })
        {
            double tolerance = network == generated ? Tight : AgainstReference;
            var states = (double[])data.States.Clone();
            var outputs = new double[sequences * shape.Outputs];
            network.StepBatch(data.StepInputs, states, outputs);
            TestData.AssertClose(expectedStates, states, tolerance, $"StepBatch states ({network.GetType().Name})");
            TestData.AssertClose(expectedOutputs, outputs, tolerance, $"StepBatch outputs ({network.GetType().Name})");
            states = (double[])data.States.Clone();
            network.StepBatch(data.StepTokens, states, outputs);
            TestData.AssertClose(tokenStates, states, tolerance, $"StepBatch token states ({network.GetType().Name})");
            TestData.AssertClose(tokenOutputs, outputs, tolerance, $"StepBatch token outputs ({network.GetType().Name})");
        }
    }

    internal static (double[] Outputs, double[] States) SingleForward(IBatchNetwork<double> network, NetworkShape shape, BatchData data, bool tokens, bool withStates)
    {
        int sequenceOutputs = shape.Steps * shape.Outputs;
        var outputs = new double[data.Sequences * sequenceOutputs];
        var states = new double[data.Sequences * shape.StateSize];
        for (int b = 0; b < data.Sequences; b++)
            RunSingle(network, shape, data, tokens, withStates, b, outputs.AsSpan(b * sequenceOutputs, sequenceOutputs), states.AsSpan(b * shape.StateSize, shape.StateSize));
        return (outputs, states);
    }

    internal static (double[] Outputs, double[] States) BatchForward(IBatchNetwork<double> network, NetworkShape shape, BatchData data, bool tokens, bool withStates)
    {
        var outputs = new double[data.Sequences * shape.Steps * shape.Outputs];
        var states = new double[data.Sequences * shape.StateSize];
        if (tokens && withStates)
            network.ForwardBatch(data.Tokens, outputs, data.States, states);
        else if (tokens)
            network.ForwardBatch(data.Tokens, outputs);
        else if (withStates)
            network.ForwardBatch(data.Inputs, outputs, data.States, states);
        else
            network.ForwardBatch(data.Inputs, outputs);
        return (outputs, states);
    }

    /// <summary>The mean loss and the mean of the per-sequence gradients, from single-sequence calls.</summary>
    internal static (double Loss, double[] Gradient) SingleMeanGradient(IBatchNetwork<double> network, NetworkShape shape, BatchData data, bool tokens, bool withStates)
    {
        int sequenceOutputs = shape.Steps * shape.Outputs;
        var sum = new double[shape.ParameterCount];
        double loss = 0;
        var outputs = new double[sequenceOutputs];
        var state = new double[shape.StateSize];
        for (int b = 0; b < data.Sequences; b++)
        {
            network.ZeroGradients();
            RunSingle(network, shape, data, tokens, withStates, b, outputs, state);
            loss += tokens
                ? network.Backward(data.TargetTokens.AsSpan(b * shape.Steps, shape.Steps))
                : network.Backward(data.Targets.AsSpan(b * sequenceOutputs, sequenceOutputs));
            for (int p = 0; p < sum.Length; p++)
                sum[p] += network.Gradients[p];
        }
        network.ZeroGradients();
        for (int p = 0; p < sum.Length; p++)
            sum[p] /= data.Sequences;
        return (loss / data.Sequences, sum);
    }

    private static void RunSingle(IBatchNetwork<double> network, NetworkShape shape, BatchData data, bool tokens, bool withStates, int b, Span<double> outputs, Span<double> finalState)
    {
        ReadOnlySpan<double> initial = data.States.AsSpan(b * shape.StateSize, shape.StateSize);
        ReadOnlySpan<int> sequenceTokens = data.Tokens.AsSpan(b * shape.Steps, shape.Steps);
        ReadOnlySpan<double> sequenceInputs = data.Inputs.AsSpan(b * shape.Steps * shape.Inputs, shape.Steps * shape.Inputs);
        if (tokens && withStates)
            network.Forward(sequenceTokens, outputs, initial, finalState);
        else if (tokens)
            network.Forward(sequenceTokens, outputs);
        else if (withStates)
            network.Forward(sequenceInputs, outputs, initial, finalState);
        else
            network.Forward(sequenceInputs, outputs);
    }
}
