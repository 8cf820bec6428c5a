using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace RnnGen.Benchmarks;

/// <summary>LSTM and GRU, forward and training step, generated (Unroll.Auto) against ReferenceNetwork, for 2-16-1 over 8 steps and 32-64-8 over 32 steps.</summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class GatedCellBenchmarks
{
    private readonly Case<float> lstmSmall = new(new LstmSmall<float>(1));
    private readonly Case<float> gruSmall = new(new GruSmall<float>(1));
    private readonly Case<float> lstmLarge = new(new LstmLarge<float>(1));
    private readonly Case<float> gruLarge = new(new GruLarge<float>(1));
    private readonly Case<double> lstmSmallDouble = new(new LstmSmall<double>(1));
    private readonly Case<double> gruSmallDouble = new(new GruSmall<double>(1));

    [Benchmark(Baseline = true), BenchmarkCategory("LSTM 2-16-1x8 float")]
    public float Lstm_Small_Reference_Train() => lstmSmall.TrainReference();

    [Benchmark, BenchmarkCategory("LSTM 2-16-1x8 float")]
    public float Lstm_Small_Generated_Train() => lstmSmall.TrainGenerated();

    [Benchmark, BenchmarkCategory("LSTM 2-16-1x8 float")]
    public void Lstm_Small_Reference_Forward() => lstmSmall.ForwardReference();

    [Benchmark, BenchmarkCategory("LSTM 2-16-1x8 float")]
    public void Lstm_Small_Generated_Forward() => lstmSmall.ForwardGenerated();

    [Benchmark(Baseline = true), BenchmarkCategory("LSTM 2-16-1x8 double")]
    public double Lstm_Small_Reference_Train_Double() => lstmSmallDouble.TrainReference();

    [Benchmark, BenchmarkCategory("LSTM 2-16-1x8 double")]
    public double Lstm_Small_Generated_Train_Double() => lstmSmallDouble.TrainGenerated();

    [Benchmark(Baseline = true), BenchmarkCategory("GRU 2-16-1x8 float")]
    public float Gru_Small_Reference_Train() => gruSmall.TrainReference();

    [Benchmark, BenchmarkCategory("GRU 2-16-1x8 float")]
    public float Gru_Small_Generated_Train() => gruSmall.TrainGenerated();

    [Benchmark, BenchmarkCategory("GRU 2-16-1x8 float")]
    public void Gru_Small_Reference_Forward() => gruSmall.ForwardReference();

    [Benchmark, BenchmarkCategory("GRU 2-16-1x8 float")]
    public void Gru_Small_Generated_Forward() => gruSmall.ForwardGenerated();

    [Benchmark(Baseline = true), BenchmarkCategory("GRU 2-16-1x8 double")]
    public double Gru_Small_Reference_Train_Double() => gruSmallDouble.TrainReference();

    [Benchmark, BenchmarkCategory("GRU 2-16-1x8 double")]
    public double Gru_Small_Generated_Train_Double() => gruSmallDouble.TrainGenerated();

    [Benchmark(Baseline = true), BenchmarkCategory("LSTM 32-64-8x32 float")]
    public float Lstm_Large_Reference_Train() => lstmLarge.TrainReference();

    [Benchmark, BenchmarkCategory("LSTM 32-64-8x32 float")]
    public float Lstm_Large_Generated_Train() => lstmLarge.TrainGenerated();

    [Benchmark, BenchmarkCategory("LSTM 32-64-8x32 float")]
    public void Lstm_Large_Reference_Forward() => lstmLarge.ForwardReference();

    [Benchmark, BenchmarkCategory("LSTM 32-64-8x32 float")]
    public void Lstm_Large_Generated_Forward() => lstmLarge.ForwardGenerated();

    [Benchmark(Baseline = true), BenchmarkCategory("GRU 32-64-8x32 float")]
    public float Gru_Large_Reference_Train() => gruLarge.TrainReference();

    [Benchmark, BenchmarkCategory("GRU 32-64-8x32 float")]
    public float Gru_Large_Generated_Train() => gruLarge.TrainGenerated();

    [Benchmark, BenchmarkCategory("GRU 32-64-8x32 float")]
    public void Gru_Large_Reference_Forward() => gruLarge.ForwardReference();

    [Benchmark, BenchmarkCategory("GRU 32-64-8x32 float")]
    public void Gru_Large_Generated_Forward() => gruLarge.ForwardGenerated();

    /// <summary>A generated network, a reference with the same parameters, and one random sequence.</summary>
    private sealed class Case<T> where T : System.Numerics.IFloatingPointIeee754<T>
    {
        private readonly IRecurrentNetwork<T> generated;
        private readonly ReferenceNetwork<T> reference;
        private readonly T[] inputs, targets, outputs;
        private readonly T learningRate = T.CreateChecked(0.01);

        public Case(IRecurrentNetwork<T> generated)
        {
            this.generated = generated;
            NetworkShape shape = generated.Shape;
            reference = new ReferenceNetwork<T>(shape);
            generated.Parameters.CopyTo(reference.Parameters);
            var random = new System.Random(7);
            inputs = new T[shape.Steps * shape.Inputs];
            targets = new T[shape.Steps * shape.Outputs];
            outputs = new T[shape.Steps * shape.Outputs];
            for (int i = 0; i < inputs.Length; i++)
                inputs[i] = T.CreateChecked(random.NextDouble() - 0.5);
            for (int i = 0; i < targets.Length; i++)
                targets[i] = T.CreateChecked(random.NextDouble());
        }

        public T TrainGenerated() => generated.Train(inputs, targets, learningRate);

        public T TrainReference() => reference.Train(inputs, targets, learningRate);

        public void ForwardGenerated() => generated.Forward(inputs, outputs);

        public void ForwardReference() => reference.Forward(inputs, outputs);
    }
}
