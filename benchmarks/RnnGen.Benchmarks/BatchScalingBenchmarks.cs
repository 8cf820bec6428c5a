using System;
using System.Numerics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace RnnGen.Benchmarks;

/// <summary>
/// A diagnostic for the adder's two-thread ratio at B = 256 (issue 14): does the network's code or the machine decide it?
/// Per sequence (OperationsPerInvoke = sequences per invoke), in float and double, all in one process and one run:
/// <list type="bullet">
/// <item><c>OneNetwork_B256_OneThread</c>: one network, <c>TrainBatch</c> of 256 sequences, MaxDegreeOfParallelism 1.</item>
/// <item><c>OneNetwork_B256_TwoThreads</c>: the same on two threads (the library's path: one fork-join per call).</item>
/// <item><c>OneNetwork_B128_OneThread</c>: one network, 128 sequences on one thread, the other core idle: the time of
/// half the batch alone, the reference for the two rows that follow (at B = 256 a double workspace outgrows the L2).</item>
/// <item><c>TwoNetworks_B128_Lockstep</c>: two independent networks (own parameters, own workspace, own inputs, nothing
/// written by one and read by the other), each <c>TrainBatch</c> of 128 sequences on one thread, the benchmark thread
/// and a dedicated partner thread, which start every call together and wait for each other at its end, as the
/// library's fork-join does: what a design that shares no memory between the cores could reach.</item>
/// <item><c>TwoNetworks_B128_FreeRunning</c>: the same two networks, each thread running
/// <see cref="CallsPerRound"/> calls on its own between two meetings: the machine alone, no per-call synchronization.</item>
/// <item><c>EmptyRound</c>: the partner started and waited for with no call to run, the cost of a fork-join's
/// signalling alone (a cache line to the other core and one back), which follows the host's state.</item>
/// </list>
/// If the two-network rows lose against <c>OneNetwork_B128_OneThread</c> as much as <c>OneNetwork_B256_TwoThreads</c>
/// loses against <c>OneNetwork_B256_OneThread</c>, two busy cores slow each other and no change to the code can help; if
/// they hold while the one network's two threads drop, what the network's threads share is at fault.
/// </summary>
[MemoryDiagnoser, MinColumn, MaxColumn, MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class BatchScalingBenchmarks
{
    internal const int Batch = 256, HalfBatch = Batch / 2, CallsPerRound = 16;

    private AdderPair<float> floats = null!;
    private AdderPair<double> doubles = null!;
    private PartnerThread? partner;

    [GlobalSetup]
    public void Setup()
    {
        floats = new AdderPair<float>();
        doubles = new AdderPair<double>();
    }

    [GlobalSetup(Targets = [nameof(TwoNetworks_B128_Lockstep_Float), nameof(TwoNetworks_B128_FreeRunning_Float), nameof(EmptyRound)])]
    public void SetupFloatPartner()
    {
        Setup();
        partner = new PartnerThread(floats.RunSecond);
    }

    [GlobalSetup(Targets = [nameof(TwoNetworks_B128_Lockstep_Double), nameof(TwoNetworks_B128_FreeRunning_Double)])]
    public void SetupDoublePartner()
    {
        Setup();
        partner = new PartnerThread(doubles.RunSecond);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        partner?.Dispose();
        partner = null;
    }

    [BenchmarkCategory("float"), Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public float OneNetwork_B256_OneThread_Float() => floats.Whole(threads: 1);

    [BenchmarkCategory("float"), Benchmark(OperationsPerInvoke = Batch)]
    public float OneNetwork_B256_TwoThreads_Float() => floats.Whole(threads: 2);

    [BenchmarkCategory("float"), Benchmark(OperationsPerInvoke = HalfBatch)]
    public float OneNetwork_B128_OneThread_Float() => floats.RunFirst(1);

    [BenchmarkCategory("float"), Benchmark(OperationsPerInvoke = Batch)]
    public float TwoNetworks_B128_Lockstep_Float() => Together(floats, 1);

    [BenchmarkCategory("float"), Benchmark(OperationsPerInvoke = Batch * CallsPerRound)]
    public float TwoNetworks_B128_FreeRunning_Float() => Together(floats, CallsPerRound);

    [BenchmarkCategory("double"), Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public double OneNetwork_B256_OneThread_Double() => doubles.Whole(threads: 1);

    [BenchmarkCategory("double"), Benchmark(OperationsPerInvoke = Batch)]
    public double OneNetwork_B256_TwoThreads_Double() => doubles.Whole(threads: 2);

    [BenchmarkCategory("double"), Benchmark(OperationsPerInvoke = HalfBatch)]
    public double OneNetwork_B128_OneThread_Double() => doubles.RunFirst(1);

    [BenchmarkCategory("double"), Benchmark(OperationsPerInvoke = Batch)]
    public double TwoNetworks_B128_Lockstep_Double() => Together(doubles, 1);

    [BenchmarkCategory("double"), Benchmark(OperationsPerInvoke = Batch * CallsPerRound)]
    public double TwoNetworks_B128_FreeRunning_Double() => Together(doubles, CallsPerRound);

    /// <summary>The partner thread started and waited for with nothing to run: a round trip of two cache lines between the cores, the floor of a fork-join.</summary>
    [BenchmarkCategory("round trip"), Benchmark]
    public void EmptyRound()
    {
        partner!.Start(0);
        partner.Wait();
    }

    /// <summary>Starts <paramref name="calls"/> calls on the partner thread, runs as many of the first network on this one, and waits for the partner.</summary>
    private T Together<T>(AdderPair<T> pair, int calls) where T : unmanaged, IFloatingPointIeee754<T>
    {
        partner!.Start(calls);
        T loss = pair.RunFirst(calls);
        partner.Wait();
        return loss;
    }

    /// <summary>
    /// The adder's networks for one element type: one for the whole batch, and two independent ones for its halves, each
    /// with copies of its own half of the inputs and targets.
    /// </summary>
    internal sealed class AdderPair<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly AdderAuto<T> wholeOnOneThread = new(1) { MaxDegreeOfParallelism = 1 };
        private readonly AdderAuto<T> wholeOnTwoThreads = new(1) { MaxDegreeOfParallelism = 2 };
        private readonly AdderAuto<T> first = new(1) { MaxDegreeOfParallelism = 1 };
        private readonly AdderAuto<T> second = new(1) { MaxDegreeOfParallelism = 1 };
        private readonly T[] inputs, targets, firstInputs, firstTargets, secondInputs, secondTargets;
        private readonly T rate = T.CreateChecked(0.1);

        public AdderPair()
        {
            (inputs, targets) = BatchBenchmarks.AdderBatches<T>(Batch);
            int halfInputs = inputs.Length / 2, halfTargets = targets.Length / 2;
            firstInputs = inputs.AsSpan(0, halfInputs).ToArray();
            secondInputs = inputs.AsSpan(halfInputs).ToArray();
            firstTargets = targets.AsSpan(0, halfTargets).ToArray();
            secondTargets = targets.AsSpan(halfTargets).ToArray();
        }

        /// <summary>One call of the whole batch on one network, on one thread or on two.</summary>
        public T Whole(int threads) => (threads == 1 ? wholeOnOneThread : wholeOnTwoThreads).TrainBatch(inputs, targets, rate);

        /// <summary><paramref name="calls"/> calls of the first half's network, on this thread.</summary>
        public T RunFirst(int calls)
        {
            T loss = T.Zero;
            for (int i = 0; i < calls; i++)
                loss += first.TrainBatch(firstInputs, firstTargets, rate);
            return loss;
        }

        /// <summary><paramref name="calls"/> calls of the second half's network (the partner thread's work).</summary>
        public void RunSecond(int calls)
        {
            for (int i = 0; i < calls; i++)
                second.TrainBatch(secondInputs, secondTargets, rate);
        }
    }
}
