using System;
using System.Numerics;
using Xunit;

namespace RnnGen.Tests.Batch;

/// <summary>Tests that measure allocations of the whole process, so no other test may run beside them.</summary>
[CollectionDefinition(nameof(ProcessAllocations), DisableParallelization = true)]
public sealed class ProcessAllocations;

/// <summary>
/// After the first call with the largest B, batch calls allocate nothing, with one thread or many: measured on the
/// calling thread and in the whole process (the workers run on other threads).
/// </summary>
[Collection(nameof(ProcessAllocations))]
public class BatchAllocationTests
{
    [Fact]
    public void Batch_calls_allocate_nothing_on_one_thread() => AssertNoAllocation(threads: 1);

    [Fact]
    public void Batch_calls_allocate_nothing_on_several_threads() => AssertNoAllocation(threads: 3);

    [Fact]
    public void The_process_wide_measure_sees_a_worker_allocation()
    {
        // Items that take a millisecond each and allocate only on the workers: the process-wide count must see them,
        // and the calling thread's must not.
        var job = new AllocatingJob(Environment.CurrentManagedThreadId);
        long thread = GC.GetAllocatedBytesForCurrentThread(), before = GC.GetTotalAllocatedBytes(precise: true);
        BatchWorkers.Run(job, 32, 3);
        Assert.True(job.OnWorkers > 0, "no item ran on a worker");
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before >= job.OnWorkers * 2048L);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - thread);
        GC.KeepAlive(job.Last);
    }

    private static void AssertNoAllocation(int threads)
    {
        Exercise(new BinaryAdder<float>(1), threads, tokens: false);
        Exercise(new LoopedBinaryAdder<double>(1), threads, tokens: false);
        Exercise(new WideLstm<float>(1), threads, tokens: true);
        Exercise(new GruAdder<Half>(1), threads, tokens: false);
        Exercise(new StackedLstm<float>(1), threads, tokens: true);
        Exercise(new ReferenceNetwork<double>(new Container.NestedClassifier<double>().Shape, 1), threads, tokens: true);
    }

    private static void Exercise<T>(IBatchNetwork<T> network, int threads, bool tokens) where T : INumber<T>
    {
        network.MaxDegreeOfParallelism = threads;
        NetworkShape shape = network.Shape;
        const int largest = 20, smaller = 9;
        var data = new BatchData(shape, largest, seed: 1);
        T[] inputs = Numerics.TestData.Convert<T>(data.Inputs), targets = Numerics.TestData.Convert<T>(data.Targets);
        T[] states = Numerics.TestData.Convert<T>(data.States), finalStates = new T[states.Length];
        T[] outputs = new T[largest * shape.Steps * shape.Outputs];
        T[] stepInputs = Numerics.TestData.Convert<T>(data.StepInputs), stepOutputs = new T[largest * shape.Outputs];
        T rate = T.CreateChecked(0.001);
        int perSequence = shape.Steps * shape.Inputs, perTarget = shape.Steps * shape.Outputs;

        void Calls(int sequences)
        {
            if (tokens)
            {
                ReadOnlySpan<int> sequenceTokens = data.Tokens.AsSpan(0, sequences * shape.Steps), targetTokens = data.TargetTokens.AsSpan(0, sequences * shape.Steps);
                network.ForwardBatch(sequenceTokens, outputs.AsSpan(0, sequences * perTarget), states.AsSpan(0, sequences * shape.StateSize), finalStates.AsSpan(0, sequences * shape.StateSize));
                network.BackwardBatch(targetTokens);
                network.TrainBatch(sequenceTokens, targetTokens, rate);
                network.StepBatch(data.StepTokens.AsSpan(0, sequences), finalStates.AsSpan(0, sequences * shape.StateSize), stepOutputs.AsSpan(0, sequences * shape.Outputs));
            }
            else
            {
                network.ForwardBatch(inputs.AsSpan(0, sequences * perSequence), outputs.AsSpan(0, sequences * perTarget));
                network.BackwardBatch(targets.AsSpan(0, sequences * perTarget));
                network.TrainBatch(inputs.AsSpan(0, sequences * perSequence), targets.AsSpan(0, sequences * perTarget), rate);
                network.StepBatch(stepInputs.AsSpan(0, sequences * shape.Inputs), finalStates.AsSpan(0, sequences * shape.StateSize), stepOutputs.AsSpan(0, sequences * shape.Outputs));
            }
        }

        // Warm-up: the largest batch first, then long enough for tiered compilation to finish promoting every method
        // called once per call (each promotion allocates a little on the JIT's background thread).
        for (int i = 0; i < 100; i++)
            Calls(i % 2 == 0 ? largest : smaller);
        // Steady state: a window of calls in which nothing is allocated. Up to ten short windows: tiering may still
        // swap in code during the first ones (as the single-sequence allocation test found on a clean CI machine), and
        // the test host's own threads allocate now and then (a few hundred bytes, seen in long windows); an allocation
        // per call would show in every window.
        long smallestThread = long.MaxValue, smallestProcess = long.MaxValue;
        for (int window = 0; window < 10 && (smallestThread > 0 || smallestProcess > 0); window++)
        {
            long thread = GC.GetAllocatedBytesForCurrentThread(), process = GC.GetTotalAllocatedBytes(precise: true);
            for (int i = 0; i < 4; i++)
                Calls(i % 2 == 0 ? largest : smaller);
            smallestThread = Math.Min(smallestThread, GC.GetAllocatedBytesForCurrentThread() - thread);
            smallestProcess = Math.Min(smallestProcess, GC.GetTotalAllocatedBytes(precise: true) - process);
        }
        Assert.True(smallestThread == 0, $"{network.GetType().Name}: {smallestThread} bytes on the calling thread ({threads} threads)");
        Assert.True(smallestProcess == 0, $"{network.GetType().Name}: {smallestProcess} bytes in the process ({threads} threads)");
    }

    private sealed class AllocatingJob(int caller) : IBatchJob
    {
        public object? Last;
        public int OnWorkers;

        public void Run(int item)
        {
            long end = System.Diagnostics.Stopwatch.GetTimestamp() + (System.Diagnostics.Stopwatch.Frequency / 1000);
            while (System.Diagnostics.Stopwatch.GetTimestamp() < end)
                System.Threading.Thread.SpinWait(20);
            if (Environment.CurrentManagedThreadId != caller)
            {
                Last = new byte[2048];
                System.Threading.Interlocked.Increment(ref OnWorkers);
            }
        }
    }
}
