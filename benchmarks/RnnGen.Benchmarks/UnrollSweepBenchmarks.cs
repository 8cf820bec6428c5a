using System;
using BenchmarkDotNet.Attributes;

namespace RnnGen.Benchmarks;

/// <summary>
/// Where unrolling stops paying: one float training step of a 2-H-1 sigmoid network for H in {4, 16, 64, 128} and 8,
/// 32 or 100 steps, as Unroll.Full, Unroll.None and Unroll.Auto (which should match the faster of the two).
/// </summary>
/// <remarks>
/// Every network trains on one fixed sequence, and every <see cref="ResetInterval"/> calls its parameters go back to
/// their initial values, so every call measures the same work. Without the reset the 4-unit, 100-step network, after
/// about 1.1 million steps on its one sequence, jumps to weights of up to 49 with a hidden unit stuck at 2·10⁻³³;
/// products of such values are subnormal floats, which the CPU handles in microcode, and a step took 20 µs instead of
/// 6, whichever code shape ran it. The copy costs under 0.1 % of the calls it is spread over.
/// </remarks>
[MemoryDiagnoser]
public class UnrollSweepBenchmarks
{
    private IRecurrentNetwork<float> network = null!;
    private float[] inputs = null!, targets = null!, initialParameters = null!;
    private int callsSinceReset;

    private const int ResetInterval = 1024;

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
        initialParameters = network.Parameters.ToArray();
    }

    [Benchmark]
    public float Train()
    {
        if (++callsSinceReset == ResetInterval)
        {
            initialParameters.AsSpan().CopyTo(network.Parameters);
            callsSinceReset = 0;
        }
        return network.Train(inputs, targets, 0.01f);
    }
}
