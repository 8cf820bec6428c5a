using System;

namespace RnnGen.Demo;

/// <summary>
/// The classic LSTM toy problem: four fixed random input vectors of 50 values in [0, 1), one per step, and the linear
/// output must answer −0.5, 0.2, 0.1, −0.5.
/// </summary>
internal static class LstmToyTask
{
    public static readonly double[] Targets = [-0.5, 0.2, 0.1, -0.5];

    /// <summary>The four input vectors, step-major (4 × 50), drawn from <paramref name="random"/>.</summary>
    public static double[] Inputs(Random random)
    {
        var inputs = new double[LstmToy<double>.Steps * LstmToy<double>.Inputs];
        for (int index = 0; index < inputs.Length; index++)
            inputs[index] = random.NextDouble();
        return inputs;
    }
}
