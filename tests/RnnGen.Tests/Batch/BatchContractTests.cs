using System;
using Xunit;

namespace RnnGen.Tests.Batch;

/// <summary>Every bad batch call of API.md section 6 throws the contract's exception, on a generated network and on the reference, and changes nothing.</summary>
public class BatchContractTests
{
    public static TheoryData<string> Networks => new() { "generated", "reference" };

    private static IBatchNetwork<float> Create(string which) => which == "generated"
        ? new Container.NestedClassifier<float>(1)       // 2 inputs, 5 units, 3 outputs, 2 steps, state 5
        : new ReferenceNetwork<float>(new Container.NestedClassifier<float>().Shape, 1);

    [Theory]
    [MemberData(nameof(Networks))]
    public void Batch_sizes_must_be_whole_and_consistent(string which)
    {
        IBatchNetwork<float> network = Create(which);
        float[] parameters = network.Parameters.ToArray();
        // B = 0 and a remainder.
        Assert.Throws<ArgumentException>(() => network.ForwardBatch(ReadOnlySpan<float>.Empty, Span<float>.Empty));
        Assert.Throws<ArgumentException>(() => network.ForwardBatch(new float[5], new float[6]));
        Assert.Throws<ArgumentException>(() => network.ForwardBatch(new int[3], new float[6]));
        Assert.Throws<ArgumentException>(() => network.TrainBatch(new float[9], new float[12], 0.1f));
        Assert.Throws<ArgumentException>(() => network.TrainBatch(ReadOnlySpan<int>.Empty, ReadOnlySpan<int>.Empty, 0.1f));
        Assert.Throws<ArgumentException>(() => network.StepBatch(new float[3], new float[5], new float[3]));
        Assert.Throws<ArgumentException>(() => network.StepBatch(ReadOnlySpan<int>.Empty, Span<float>.Empty, Span<float>.Empty));
        // Other spans that do not hold exactly B sequences or states.
        var exception = Assert.Throws<ArgumentException>(() => network.ForwardBatch(new float[8], new float[6]));   // B = 2, outputs for 1
        Assert.Equal("outputs", exception.ParamName);
        Assert.Throws<ArgumentException>(() => network.ForwardBatch(new float[8], new float[12], new float[5], new float[10]));
        Assert.Throws<ArgumentException>(() => network.ForwardBatch(new int[4], new float[12], new float[10], new float[5]));
        Assert.Throws<ArgumentException>(() => network.TrainBatch(new float[8], new float[6], 0.1f));
        Assert.Throws<ArgumentException>(() => network.TrainBatch(new int[4], new int[2], 0.1f));
        Assert.Throws<ArgumentException>(() => network.StepBatch(new float[4], new float[5], new float[6]));
        Assert.Throws<ArgumentException>(() => network.StepBatch(new int[2], new float[10], new float[3]));
        Assert.Equal(parameters, network.Parameters.ToArray());
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Tokens_outside_the_vocabulary_throw(string which)
    {
        IBatchNetwork<float> network = Create(which);
        Assert.Throws<ArgumentOutOfRangeException>(() => network.ForwardBatch(new[] { 0, 1, 2, 0 }, new float[12]));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.TrainBatch(new[] { 0, 1, 1, 0 }, new[] { 0, 3, 1, 2 }, 0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.StepBatch(new[] { 0, -1 }, new float[10], new float[6]));
        network.ForwardBatch(new[] { 0, 1, 1, 0 }, new float[12]);
        Assert.Throws<ArgumentOutOfRangeException>(() => network.BackwardBatch(new[] { 0, 1, 3, 0 }));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void BackwardBatch_needs_the_activations_of_a_ForwardBatch_of_the_same_size(string which)
    {
        IBatchNetwork<float> network = Create(which);
        Assert.Throws<InvalidOperationException>(() => network.BackwardBatch(new float[12]));
        Assert.Throws<InvalidOperationException>(() => network.BackwardBatch(new int[4]));

        network.ForwardBatch(new float[8], new float[12]);                                  // B = 2
        var exception = Assert.Throws<ArgumentException>(() => network.BackwardBatch(new float[18]));   // B = 3
        Assert.Equal("targets", exception.ParamName);
        Assert.Throws<ArgumentException>(() => network.BackwardBatch(new int[2]));
        Assert.Throws<ArgumentException>(() => network.BackwardBatch(new float[7]));
        network.BackwardBatch(new float[12]);

        // A single-sequence call that replaces the activations, and StepBatch, forget the batch.
        network.Forward(new float[4], new float[6]);
        Assert.Throws<InvalidOperationException>(() => network.BackwardBatch(new float[12]));
        network.ForwardBatch(new int[4], new float[12]);
        network.Step(1, new float[5], new float[3]);
        Assert.Throws<InvalidOperationException>(() => network.BackwardBatch(new int[4]));
        network.ForwardBatch(new int[4], new float[12]);
        network.Train(new float[4], new float[6], 0.1f);
        Assert.Throws<InvalidOperationException>(() => network.BackwardBatch(new int[4]));
        network.ForwardBatch(new int[4], new float[12]);
        network.StepBatch(new float[4], new float[10], new float[6]);
        Assert.Throws<InvalidOperationException>(() => network.BackwardBatch(new int[4]));
        network.ForwardBatch(new int[4], new float[12], new float[10], new float[10]);
        network.BackwardBatch(new int[4]);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void MaxDegreeOfParallelism_defaults_to_the_processor_count_and_rejects_less_than_one(string which)
    {
        IBatchNetwork<float> network = Create(which);
        Assert.Equal(Environment.ProcessorCount, network.MaxDegreeOfParallelism);
        Assert.Throws<ArgumentOutOfRangeException>(() => network.MaxDegreeOfParallelism = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => network.MaxDegreeOfParallelism = -3);
        Assert.Equal(Environment.ProcessorCount, network.MaxDegreeOfParallelism);
        network.MaxDegreeOfParallelism = 1;
        Assert.Equal(1, network.MaxDegreeOfParallelism);
        network.MaxDegreeOfParallelism = 64;
        Assert.Equal(64, network.MaxDegreeOfParallelism);
    }
}
