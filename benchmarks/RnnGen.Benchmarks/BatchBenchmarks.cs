using System;
using System.Numerics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace RnnGen.Benchmarks;

/// <summary>
/// The batch path (API.md section 6). Adder rows: <c>TrainBatch</c> on 64 sequences on one thread against the plain
/// hand-written loop's <c>Train</c>, per sequence (OperationsPerInvoke = B), and 256 sequences on one thread against
/// all of them, in float and double. char-rnn rows: 65 symbols, 128 units, 50 steps, softmax cross-entropy, B = 50 token sequences, per
/// character (OperationsPerInvoke = 2,500), as benchmarks/pytorch/bench_rnn.py measures PyTorch.
/// </summary>
[MemoryDiagnoser, MinColumn, MaxColumn, MedianColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class BatchBenchmarks
{
    private const int AdderBatch = 64, LargeAdderBatch = 256, CharBatch = 50, CharSteps = 50, Characters = CharBatch * CharSteps;

    private readonly PlainBinaryAdder<float> plainFloat = new(1);
    private readonly PlainBinaryAdder<double> plainDouble = new(1);
    private readonly AdderData<float> floatData = new(3);
    private readonly AdderData<double> doubleData = new(3);
    private readonly AdderAuto<float> adderFloat = new(1);
    private readonly AdderAuto<double> adderDouble = new(1);
    private readonly AdderAuto<float> adderFloatAllThreads = new(1);
    private readonly AdderAuto<double> adderDoubleAllThreads = new(1);
    private readonly float[] batchInputsFloat, batchTargetsFloat;
    private readonly double[] batchInputsDouble, batchTargetsDouble;

    private readonly CharRnnLstm<float> lstm = new(1), lstmAllThreads = new(1);
    private readonly CharRnnGru<float> gru = new(1), gruAllThreads = new(1);
    private readonly int[] tokens = new int[Characters], targets = new int[Characters];
    private readonly float[] charOutputs = new float[Characters * 65];

    public BatchBenchmarks()
    {
        (batchInputsFloat, batchTargetsFloat) = AdderBatches<float>(LargeAdderBatch);
        (batchInputsDouble, batchTargetsDouble) = AdderBatches<double>(LargeAdderBatch);
        adderFloat.MaxDegreeOfParallelism = 1;
        adderDouble.MaxDegreeOfParallelism = 1;
        lstm.Initialize(new Random(1), 0.08);
        lstmAllThreads.Initialize(new Random(1), 0.08);
        gru.Initialize(new Random(1), 0.08);
        gruAllThreads.Initialize(new Random(1), 0.08);
        lstm.MaxDegreeOfParallelism = gru.MaxDegreeOfParallelism = 1;
        lstmAllThreads.MaxDegreeOfParallelism = gruAllThreads.MaxDegreeOfParallelism = Environment.ProcessorCount;
        var random = new Random(5);
        for (int i = 0; i < Characters; i++)
        {
            tokens[i] = random.Next(65);
            targets[i] = random.Next(65);
        }
    }

    /// <summary>B adder samples, sequence-major, from the benchmarks' fixed stream of 256.</summary>
    internal static (T[] Inputs, T[] Targets) AdderBatches<T>(int sequences) where T : INumber<T>
    {
        var data = new AdderData<T>(3);
        var inputs = new T[sequences * AdderData<T>.Bits * 2];
        var targets = new T[sequences * AdderData<T>.Bits];
        for (int b = 0; b < sequences; b++)
        {
            data.Inputs.CopyTo(inputs, b * AdderData<T>.Bits * 2);
            data.Targets.CopyTo(targets, b * AdderData<T>.Bits);
            data.Advance();
        }
        return (inputs, targets);
    }

    [BenchmarkCategory("Adder,float"), Benchmark(Baseline = true)]
    public float Adder_PlainTrain_Float()
    {
        floatData.Advance();
        return plainFloat.Train(floatData.Inputs, floatData.Targets, 0.1f);
    }

    [BenchmarkCategory("Adder,float"), Benchmark(OperationsPerInvoke = AdderBatch)]
    public float Adder_TrainBatch64_OneThread_Float() =>
        adderFloat.TrainBatch(batchInputsFloat.AsSpan(0, AdderBatch * 16), batchTargetsFloat.AsSpan(0, AdderBatch * 8), 0.1f);

    [BenchmarkCategory("Adder,float"), Benchmark(OperationsPerInvoke = LargeAdderBatch)]
    public float Adder_TrainBatch256_OneThread_Float() => adderFloat.TrainBatch(batchInputsFloat, batchTargetsFloat, 0.1f);

    [BenchmarkCategory("Adder,float"), Benchmark(OperationsPerInvoke = LargeAdderBatch)]
    public float Adder_TrainBatch256_AllThreads_Float() => adderFloatAllThreads.TrainBatch(batchInputsFloat, batchTargetsFloat, 0.1f);

    [BenchmarkCategory("Adder,double"), Benchmark(Baseline = true)]
    public double Adder_PlainTrain_Double()
    {
        doubleData.Advance();
        return plainDouble.Train(doubleData.Inputs, doubleData.Targets, 0.1);
    }

    [BenchmarkCategory("Adder,double"), Benchmark(OperationsPerInvoke = AdderBatch)]
    public double Adder_TrainBatch64_OneThread_Double() =>
        adderDouble.TrainBatch(batchInputsDouble.AsSpan(0, AdderBatch * 16), batchTargetsDouble.AsSpan(0, AdderBatch * 8), 0.1);

    [BenchmarkCategory("Adder,double"), Benchmark(OperationsPerInvoke = LargeAdderBatch)]
    public double Adder_TrainBatch256_OneThread_Double() => adderDouble.TrainBatch(batchInputsDouble, batchTargetsDouble, 0.1);

    [BenchmarkCategory("Adder,double"), Benchmark(OperationsPerInvoke = LargeAdderBatch)]
    public double Adder_TrainBatch256_AllThreads_Double() => adderDoubleAllThreads.TrainBatch(batchInputsDouble, batchTargetsDouble, 0.1);

    [BenchmarkCategory("CharRnn,LSTM"), Benchmark(OperationsPerInvoke = Characters)]
    public float CharRnn_Lstm_TrainBatch_OneThread() => lstm.TrainBatch(tokens, targets, 0.001f);

    [BenchmarkCategory("CharRnn,LSTM"), Benchmark(OperationsPerInvoke = Characters)]
    public float CharRnn_Lstm_TrainBatch_AllThreads() => lstmAllThreads.TrainBatch(tokens, targets, 0.001f);

    [BenchmarkCategory("CharRnn,LSTM"), Benchmark(OperationsPerInvoke = Characters)]
    public void CharRnn_Lstm_ForwardBatch_OneThread() => lstm.ForwardBatch(tokens, charOutputs);

    [BenchmarkCategory("CharRnn,LSTM"), Benchmark(OperationsPerInvoke = Characters)]
    public void CharRnn_Lstm_ForwardBatch_AllThreads() => lstmAllThreads.ForwardBatch(tokens, charOutputs);

    [BenchmarkCategory("CharRnn,GRU"), Benchmark(OperationsPerInvoke = Characters)]
    public float CharRnn_Gru_TrainBatch_OneThread() => gru.TrainBatch(tokens, targets, 0.001f);

    [BenchmarkCategory("CharRnn,GRU"), Benchmark(OperationsPerInvoke = Characters)]
    public float CharRnn_Gru_TrainBatch_AllThreads() => gruAllThreads.TrainBatch(tokens, targets, 0.001f);

    [BenchmarkCategory("CharRnn,GRU"), Benchmark(OperationsPerInvoke = Characters)]
    public void CharRnn_Gru_ForwardBatch_OneThread() => gru.ForwardBatch(tokens, charOutputs);

    [BenchmarkCategory("CharRnn,GRU"), Benchmark(OperationsPerInvoke = Characters)]
    public void CharRnn_Gru_ForwardBatch_AllThreads() => gruAllThreads.ForwardBatch(tokens, charOutputs);
}

/// <summary>
/// The adder's <c>TrainBatch</c> over B ∈ {1, 8, 64, 256} × threads {1, all}, float and double; the time is per call
/// (divide by B for a sequence).
/// </summary>
[MemoryDiagnoser, MinColumn, MaxColumn, MedianColumn]
public class BatchSweepBenchmarks
{
    private AdderAuto<float> floatNetwork = null!;
    private AdderAuto<double> doubleNetwork = null!;
    private float[] floatInputs = null!, floatTargets = null!;
    private double[] doubleInputs = null!, doubleTargets = null!;

    [Params(1, 8, 64, 256)]
    public int Batch { get; set; }

    /// <summary>0 stands for all of the machine's threads (Environment.ProcessorCount).</summary>
    [Params(1, 0)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int threads = Threads == 0 ? Environment.ProcessorCount : Threads;
        floatNetwork = new AdderAuto<float>(1) { MaxDegreeOfParallelism = threads };
        doubleNetwork = new AdderAuto<double>(1) { MaxDegreeOfParallelism = threads };
        (floatInputs, floatTargets) = BatchBenchmarks.AdderBatches<float>(Batch);
        (doubleInputs, doubleTargets) = BatchBenchmarks.AdderBatches<double>(Batch);
    }

    [Benchmark]
    public float TrainBatch_Float() => floatNetwork.TrainBatch(floatInputs, floatTargets, 0.1f);

    [Benchmark]
    public double TrainBatch_Double() => doubleNetwork.TrainBatch(doubleInputs, doubleTargets, 0.1);
}
