using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace RnnGen.Benchmarks;

/// <summary>
/// Stacked layers (API.md section 7) on the batch path: char-rnn's default model, two LSTM or GRU layers of 128 units,
/// 65 symbols, 50 steps, B = 50 token sequences, per character (OperationsPerInvoke = 2,500), on one thread and on
/// every core, as benchmarks/pytorch/bench_rnn.py measures PyTorch's num_layers=2. The one-layer rows of the same
/// size are in <see cref="BatchBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class StackedLayerBenchmarks
{
    private const int Batch = 50, Steps = 50, Characters = Batch * Steps, Symbols = 65;

    private readonly CharRnnLstm2<float> lstm = new(), lstmAllThreads = new();
    private readonly CharRnnGru2<float> gru = new(), gruAllThreads = new();
    private readonly int[] tokens = new int[Characters], targets = new int[Characters];
    private readonly float[] outputs = new float[Characters * Symbols];

    public StackedLayerBenchmarks()
    {
        foreach (IBatchNetwork<float> network in new IBatchNetwork<float>[] { lstm, lstmAllThreads, gru, gruAllThreads })
        {
            var random = new Random(1);
            Span<float> parameters = network.Parameters;
            for (int p = 0; p < parameters.Length; p++)
                parameters[p] = (float)(0.08 * ((2 * random.NextDouble()) - 1));
        }
        lstm.MaxDegreeOfParallelism = gru.MaxDegreeOfParallelism = 1;
        lstmAllThreads.MaxDegreeOfParallelism = gruAllThreads.MaxDegreeOfParallelism = Environment.ProcessorCount;
        var data = new Random(5);
        for (int i = 0; i < Characters; i++)
        {
            tokens[i] = data.Next(Symbols);
            targets[i] = data.Next(Symbols);
        }
    }

    [BenchmarkCategory("Lstm2,TrainBatch"), Benchmark(OperationsPerInvoke = Characters)]
    public float Lstm2_TrainBatch_OneThread() => lstm.TrainBatch(tokens, targets, 0.001f);

    [BenchmarkCategory("Lstm2,TrainBatch"), Benchmark(OperationsPerInvoke = Characters)]
    public float Lstm2_TrainBatch_AllThreads() => lstmAllThreads.TrainBatch(tokens, targets, 0.001f);

    [BenchmarkCategory("Lstm2,ForwardBatch"), Benchmark(OperationsPerInvoke = Characters)]
    public void Lstm2_ForwardBatch_OneThread() => lstm.ForwardBatch(tokens, outputs);

    [BenchmarkCategory("Lstm2,ForwardBatch"), Benchmark(OperationsPerInvoke = Characters)]
    public void Lstm2_ForwardBatch_AllThreads() => lstmAllThreads.ForwardBatch(tokens, outputs);

    [BenchmarkCategory("Gru2,TrainBatch"), Benchmark(OperationsPerInvoke = Characters)]
    public float Gru2_TrainBatch_OneThread() => gru.TrainBatch(tokens, targets, 0.001f);

    [BenchmarkCategory("Gru2,TrainBatch"), Benchmark(OperationsPerInvoke = Characters)]
    public float Gru2_TrainBatch_AllThreads() => gruAllThreads.TrainBatch(tokens, targets, 0.001f);

    [BenchmarkCategory("Gru2,ForwardBatch"), Benchmark(OperationsPerInvoke = Characters)]
    public void Gru2_ForwardBatch_OneThread() => gru.ForwardBatch(tokens, outputs);

    [BenchmarkCategory("Gru2,ForwardBatch"), Benchmark(OperationsPerInvoke = Characters)]
    public void Gru2_ForwardBatch_AllThreads() => gruAllThreads.ForwardBatch(tokens, outputs);
}
