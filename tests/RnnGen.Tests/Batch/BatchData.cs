using System;
using RnnGen.Tests.Numerics;

namespace RnnGen.Tests.Batch;

/// <summary>Random batches for a shape: B sequences of inputs, tokens, targets and states, sequence-major.</summary>
internal sealed class BatchData
{
    public BatchData(NetworkShape shape, int sequences, int seed)
    {
        var random = new Random(seed);
        Sequences = sequences;
        Inputs = TestData.Uniform(random, sequences * shape.Steps * shape.Inputs, -1, 1);
        Targets = new double[sequences * shape.Steps * shape.Outputs];
        for (int b = 0; b < sequences; b++)
            TestData.Targets(shape, random).CopyTo(Targets, b * shape.Steps * shape.Outputs);
        States = TestData.Uniform(random, sequences * shape.StateSize, -0.5, 0.5);
        Tokens = new int[sequences * shape.Steps];
        TargetTokens = new int[sequences * shape.Steps];
        for (int i = 0; i < Tokens.Length; i++)
        {
            Tokens[i] = random.Next(shape.Inputs);
            TargetTokens[i] = random.Next(shape.Outputs);
        }
        StepInputs = TestData.Uniform(random, sequences * shape.Inputs, -1, 1);
        StepTokens = new int[sequences];
        for (int b = 0; b < sequences; b++)
            StepTokens[b] = random.Next(shape.Inputs);
    }

    public int Sequences { get; }

    public double[] Inputs { get; }

    public double[] Targets { get; }

    public double[] States { get; }

    public int[] Tokens { get; }

    public int[] TargetTokens { get; }

    public double[] StepInputs { get; }

    public int[] StepTokens { get; }

    public static double[] OneHot(ReadOnlySpan<int> tokens, int width)
    {
        var values = new double[tokens.Length * width];
        for (int i = 0; i < tokens.Length; i++)
            values[(i * width) + tokens[i]] = 1;
        return values;
    }
}
