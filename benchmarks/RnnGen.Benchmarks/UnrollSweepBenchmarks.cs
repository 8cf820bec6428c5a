using BenchmarkDotNet.Attributes;

namespace RnnGen.Benchmarks;

/// <summary>
/// Where unrolling stops paying: one float training step of a 2-H-1 sigmoid network for H in {4, 16, 64, 128} and 8,
/// 32 or 100 steps, as Unroll.Full, Unroll.None and Unroll.Auto (which should match the faster of the two).
/// </summary>
[MemoryDiagnoser]
public class UnrollSweepBenchmarks
{
    private IRecurrentNetwork<float> network = null!;
    private float[] inputs = null!, targets = null!;

    [Params(4, 16, 64, 128)]
    public int Hidden { get; set; }

    [Params(8, 32, 100)]
    public int Steps { get; set; }

    [Params("Full", "None", "Auto")]
    public string Unroll { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        network = SweepNetworks.Create(Hidden, Steps, Unroll);
        var random = new System.Random(3);
        inputs = new float[2 * Steps];
        targets = new float[Steps];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = random.Next(2);
        for (int i = 0; i < targets.Length; i++)
            targets[i] = random.Next(2);
    }

    [Benchmark]
    public float Train() => network.Train(inputs, targets, 0.01f);
}
