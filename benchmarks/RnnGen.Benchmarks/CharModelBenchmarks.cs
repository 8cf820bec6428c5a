using BenchmarkDotNet.Attributes;

namespace RnnGen.Benchmarks;

/// <summary>
/// The character model of the chars demo (97 symbols, 100 tanh units, 25 steps, softmax and cross-entropy): one
/// training step on a 25-character chunk through the generated token path (row lookup) against ReferenceNetwork,
/// which multiplies the one-hot vectors out as a plain implementation does. Times are per character
/// (OperationsPerInvoke = 25), so 1 / time is characters per second.
/// </summary>
[MemoryDiagnoser]
public class CharModelBenchmarks
{
    private const int Characters = 25;
    private readonly CharModel<float> generated = new(1);
    private readonly ReferenceNetwork<float> reference;
    private readonly CharModel<double> generatedDouble = new(1);
    private readonly int[] tokens = new int[Characters], targets = new int[Characters];

    public CharModelBenchmarks()
    {
        generated.Initialize(new System.Random(1), 0.01);
        generatedDouble.Initialize(new System.Random(1), 0.01);
        reference = new ReferenceNetwork<float>(generated.Shape);
        generated.Parameters.CopyTo(reference.Parameters);
        var random = new System.Random(5);
        for (int i = 0; i < Characters; i++)
        {
            tokens[i] = random.Next(97);
            targets[i] = random.Next(97);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Characters)]
    public float Reference_Train_Float() => reference.Train(tokens, targets, 0.001f);

    [Benchmark(OperationsPerInvoke = Characters)]
    public float Generated_Train_Float() => generated.Train(tokens, targets, 0.001f);

    [Benchmark(OperationsPerInvoke = Characters)]
    public double Generated_Train_Double() => generatedDouble.Train(tokens, targets, 0.001);
}
