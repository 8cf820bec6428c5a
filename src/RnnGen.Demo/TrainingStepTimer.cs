using System;
using System.Diagnostics;
using System.Numerics;

namespace RnnGen.Demo;

/// <summary>
/// Times training in-process, one sum at a time (Train) or many (TrainBatch): a warm-up long enough for the JIT to reach
/// its optimized tier, then rounds of a fixed number of sums, and the median time per sum over the rounds.
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
        return Median(() => TimeRound(network, inputs, targets, learningRate));
    }

    /// <summary>Median nanoseconds per sum of TrainBatch calls on <paramref name="batch"/> sums at once (about as many sums per round as Train's).</summary>
    public double MedianNanosecondsPerSequence<T>(IBatchNetwork<T> network, BinaryAddition task, int batch) where T : INumber<T>
    {
        (T[][] inputs, T[][] targets) = Samples<T>(task);
        var batchInputs = new T[batch * inputs[0].Length];
        var batchTargets = new T[batch * targets[0].Length];
        for (int b = 0; b < batch; b++)
        {
            inputs[b % DistinctSamples].CopyTo(batchInputs, b * inputs[0].Length);
            targets[b % DistinctSamples].CopyTo(batchTargets, b * targets[0].Length);
        }
        T learningRate = Numbers.From<T>(0.1);
        int calls = Math.Max(1, stepsPerRound / batch);
        return Median(() =>
        {
            long start = Stopwatch.GetTimestamp();
            for (int call = 0; call < calls; call++)
                network.TrainBatch(batchInputs, batchTargets, learningRate);
            return Stopwatch.GetElapsedTime(start).TotalNanoseconds / (calls * (double)batch);
        });
    }

    /// <summary>Warms up with <paramref name="timeRound"/>, then the median of its rounds.</summary>
    private double Median(Func<double> timeRound)
    {
        var clock = Stopwatch.StartNew();
        double best = double.MaxValue, latest;
        do
        {
            latest = timeRound();
            best = Math.Min(best, latest);
        }
        while (clock.Elapsed < warmUp || (latest > 1.1 * best && clock.Elapsed < 4 * warmUp));
        var perStep = new double[rounds];
        for (int round = 0; round < rounds; round++)
            perStep[round] = timeRound();
        return Median(perStep);
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
