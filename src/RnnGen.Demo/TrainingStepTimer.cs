using System;
using System.Diagnostics;
using System.Numerics;

namespace RnnGen.Demo;

/// <summary>
/// Times one training step (Train on one 8-bit sum) in-process: a warm-up long enough for the JIT to reach its optimized
/// tier, then rounds of a fixed number of steps, and the median time per step over the rounds.
/// </summary>
/// <remarks>
/// Tiered compilation first runs every method unoptimized and recompiles hot ones in the background; for the large
/// step methods of an unrolled network that can take a while on a busy machine. So the warm-up runs rounds for at
/// least <c>warmUp</c> and then goes on, up to four times as long, while the latest round is still more than 10 %
/// slower than the best one so far.
/// </remarks>
internal sealed class TrainingStepTimer(int rounds, int stepsPerRound, TimeSpan warmUp)
{
    private const int DistinctSamples = 256;

    /// <summary>Median nanoseconds per Train call.</summary>
    public double MedianNanoseconds<T>(IRecurrentNetwork<T> network, BinaryAddition task) where T : INumber<T>
    {
        (T[][] inputs, T[][] targets) = Samples<T>(task);
        T learningRate = Numbers.From<T>(0.1);
        WarmUp(network, inputs, targets, learningRate);
        var perStep = new double[rounds];
        for (int round = 0; round < rounds; round++)
            perStep[round] = TimeRound(network, inputs, targets, learningRate);
        return Median(perStep);
    }

    private void WarmUp<T>(IRecurrentNetwork<T> network, T[][] inputs, T[][] targets, T learningRate) where T : INumber<T>
    {
        var clock = Stopwatch.StartNew();
        double best = double.MaxValue, latest;
        do
        {
            latest = TimeRound(network, inputs, targets, learningRate);
            best = Math.Min(best, latest);
        }
        while (clock.Elapsed < warmUp || (latest > 1.1 * best && clock.Elapsed < 4 * warmUp));
    }

    /// <summary>Nanoseconds per step over one round.</summary>
    private double TimeRound<T>(IRecurrentNetwork<T> network, T[][] inputs, T[][] targets, T learningRate) where T : INumber<T>
    {
        long start = Stopwatch.GetTimestamp();
        for (int step = 0; step < stepsPerRound; step++)
            network.Train(inputs[step % DistinctSamples], targets[step % DistinctSamples], learningRate);
        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / stepsPerRound;
    }

    private static (T[][], T[][]) Samples<T>(BinaryAddition task) where T : INumber<T>
    {
        var random = new Random(BinaryAddition.TestPairSeed);
        var inputs = new T[DistinctSamples][];
        var targets = new T[DistinctSamples][];
        for (int index = 0; index < DistinctSamples; index++)
        {
            inputs[index] = new T[2 * task.Bits];
            targets[index] = new T[task.Bits];
            task.Encode<T>(task.RandomOperand(random), task.RandomOperand(random), inputs[index], targets[index]);
        }
        return (inputs, targets);
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        int middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
