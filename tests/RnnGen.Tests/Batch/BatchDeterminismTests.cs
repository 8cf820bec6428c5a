using System;
using System.Numerics;
using Xunit;

namespace RnnGen.Tests.Batch;

/// <summary>
/// Results are bitwise identical for every MaxDegreeOfParallelism: many TrainBatch calls from the same start with 1,
/// 2, 3 and 64 threads end with the same parameters, bit for bit, and so do the losses, outputs and gradients on the way.
/// The batches span several blocks, and the wide LSTM several ranges of the gradient reduction.
/// </summary>
public class BatchDeterminismTests
{
    private static readonly int[] threadCounts = { 1, 2, 3, 64 };

    [Fact]
    public void Adder_trains_identically_on_any_thread_count()
    {
        AssertIdentical(() => new BinaryAdder<float>(3), sequences: 53, tokens: false, calls: 40);
        AssertIdentical(() => new LoopedBinaryAdder<double>(3), sequences: 37, tokens: false, calls: 20);
    }

    [Fact]
    public void Gated_networks_train_identically_on_any_thread_count()
    {
        AssertIdentical(() => new WideLstm<float>(5), sequences: 29, tokens: true, calls: 6);
        AssertIdentical(() => new WideGru<double>(5), sequences: 21, tokens: true, calls: 6);
        AssertIdentical(() => new GruAdder<float>(5), sequences: 40, tokens: false, calls: 10);
    }

    [Fact]
    public void Stacked_networks_train_identically_on_any_thread_count()
    {
        AssertIdentical(() => new StackedLstm<float>(5), sequences: 37, tokens: true, calls: 8);
        AssertIdentical(() => new StackedElman<double>(5), sequences: 35, tokens: false, calls: 8);
    }

    private static void AssertIdentical<T>(Func<IBatchNetwork<T>> create, int sequences, bool tokens, int calls)
        where T : IFloatingPointIeee754<T>
    {
        T[]? expectedParameters = null, expectedGradients = null, expectedOutputs = null;
        T[]? expectedLosses = null;
        foreach (int threads in threadCounts)
        {
            IBatchNetwork<T> network = create();
            network.MaxDegreeOfParallelism = threads;
            NetworkShape shape = network.Shape;
            var losses = new T[calls];
            T rate = T.CreateChecked(0.05);
            for (int call = 0; call < calls; call++)
            {
                var data = new BatchData(shape, sequences, seed: call);
                losses[call] = tokens
                    ? network.TrainBatch(data.Tokens, data.TargetTokens, rate)
                    : network.TrainBatch(Numerics.TestData.Convert<T>(data.Inputs), Numerics.TestData.Convert<T>(data.Targets), rate);
            }
            var last = new BatchData(shape, sequences, seed: 99);
            var outputs = new T[sequences * shape.Steps * shape.Outputs];
            var states = new T[sequences * shape.StateSize];
            if (tokens)
                network.ForwardBatch(last.Tokens, outputs, Numerics.TestData.Convert<T>(last.States), states);
            else
                network.ForwardBatch(Numerics.TestData.Convert<T>(last.Inputs), outputs, Numerics.TestData.Convert<T>(last.States), states);

            if (expectedParameters is null)
            {
                (expectedParameters, expectedGradients, expectedOutputs, expectedLosses) = (network.Parameters.ToArray(), network.Gradients.ToArray(), outputs, losses);
                continue;
            }
            string what = $"{network.GetType().Name}, {threads} threads";
            Assert.True(expectedLosses.AsSpan().SequenceEqual(losses), $"losses differ ({what})");
            Assert.True(expectedParameters.AsSpan().SequenceEqual(network.Parameters), $"parameters differ ({what})");
            Assert.True(expectedGradients.AsSpan().SequenceEqual(network.Gradients), $"gradients differ ({what})");
            Assert.True(expectedOutputs.AsSpan().SequenceEqual(outputs), $"outputs differ ({what})");
        }
    }
}
