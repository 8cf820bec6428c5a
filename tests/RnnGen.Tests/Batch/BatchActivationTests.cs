using System;
using RnnGen.Tests.Numerics;
using Xunit;

namespace RnnGen.Tests.Batch;

/// <summary>
/// Which activations a call differentiates, the same in the generated code and in <see cref="ReferenceNetwork{T}"/>:
/// BackwardBatch those of the last ForwardBatch (TrainBatch's included, with the parameters of that moment), and every
/// batch call replaces the last Forward pass for Backward, as a single-sequence call replaces the batch's.
/// </summary>
public class BatchActivationTests
{
    public static TheoryData<string> Networks => new() { "generated", "reference" };

    private static IBatchNetwork<double> Create(string which) => which == "generated"
        ? new Container.NestedClassifier<double>(1)       // 2 inputs, 5 units, 3 outputs, 2 steps, state 5
        : new ReferenceNetwork<double>(new Container.NestedClassifier<double>().Shape, 1);

    [Theory]
    [MemberData(nameof(Networks))]
    public void BackwardBatch_after_TrainBatch_differentiates_the_activations_TrainBatch_computed(string which)
    {
        IBatchNetwork<double> network = Create(which);
        var data = new BatchData(network.Shape, 4, seed: 2);
        double trainLoss = network.TrainBatch(data.Tokens, data.TargetTokens, 0.5);
        double[] updated = network.Parameters.ToArray();

        // The update changed the parameters, but the activations are still those TrainBatch's forward pass computed.
        network.ZeroGradients();
        Assert.Equal(trainLoss, network.BackwardBatch(data.TargetTokens), 12);
        Assert.Equal(updated, network.Parameters.ToArray());
    }

    [Fact]
    public void After_a_parameter_change_BackwardBatch_agrees_between_generated_and_reference()
    {
        var generated = new Container.NestedClassifier<double>(1);
        var reference = new ReferenceNetwork<double>(generated.Shape, 1);
        var data = new BatchData(generated.Shape, 5, seed: 4);
        var outputs = new double[5 * generated.Shape.Steps * generated.Shape.Outputs];
        double[] changed = TestData.Uniform(new Random(9), generated.Shape.ParameterCount, -1, 1);
        var results = new (double Loss, double[] Gradients)[2];
        int n = 0;
        foreach (IBatchNetwork<double> network in new IBatchNetwork<double>[] { generated, reference })
        {
            network.ForwardBatch(data.Inputs, outputs);
            changed.CopyTo(network.Parameters);      // after ForwardBatch: its activations stay, the weights are new
            network.ZeroGradients();
            results[n++] = (network.BackwardBatch(data.Targets), network.Gradients.ToArray());
        }
        TestData.AssertClose(results[0].Loss, results[1].Loss, 1e-12, "loss");
        TestData.AssertClose(results[0].Gradients, results[1].Gradients, 1e-10, "gradients");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Every_batch_call_replaces_the_last_Forward_pass_for_Backward(string which)
    {
        IBatchNetwork<double> network = Create(which);
        var data = new BatchData(network.Shape, 2, seed: 3);
        var outputs = new double[2 * network.Shape.Steps * network.Shape.Outputs];
        var single = new double[network.Shape.Steps * network.Shape.Outputs];
        var singleTargets = new double[single.Length];
        Action[] batchCalls =
        [
            () => network.ForwardBatch(data.Inputs, outputs),
            () => network.ForwardBatch(data.Tokens, outputs),
            () => network.TrainBatch(data.Inputs, data.Targets, 0.1),
            () => network.StepBatch(data.StepTokens, (double[])data.States.Clone(), new double[2 * network.Shape.Outputs]),
            () =>
            {
                network.ForwardBatch(data.Tokens, outputs);
                network.BackwardBatch(data.TargetTokens);
            },
        ];
        foreach (Action batchCall in batchCalls)
        {
            network.Forward(data.Inputs.AsSpan(0, network.Shape.Steps * network.Shape.Inputs), single);
            network.Backward(singleTargets);      // the Forward pass is there
            batchCall();
            var exception = Assert.Throws<InvalidOperationException>(() => network.Backward(singleTargets));
            Assert.Contains("batch call", exception.Message);
        }

        // A failed batch call changes nothing: the Forward pass stays.
        network.Forward(data.Inputs.AsSpan(0, network.Shape.Steps * network.Shape.Inputs), single);
        Assert.Throws<ArgumentException>(() => network.ForwardBatch(new double[3], outputs));
        network.Backward(singleTargets);
    }
}
