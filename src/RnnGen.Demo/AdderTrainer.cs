using System;
using System.Numerics;

namespace RnnGen.Demo;

/// <summary>What the network answered to one training pair before learning from it, in the blog post's terms.</summary>
/// <param name="Error">Σ over bits of |target − output|, the "Error" the classic blog post prints.</param>
internal sealed record AdderSample(long A, long B, long PredictedSum, double Error, double Loss);

/// <summary>
/// Trains one adder on a stream of random pairs: the stream depends only on the data seed, so trainers with the same
/// seed see the same pairs in the same order, whatever their element type.
/// </summary>
internal sealed class AdderTrainer<T> where T : INumber<T>
{
    private readonly Random data;
    private readonly T learningRate;
    private readonly T[] inputs, targets, outputs;

    public AdderTrainer(IRecurrentNetwork<T> network, BinaryAddition task, double learningRate, int dataSeed)
    {
        Network = network;
        Task = task;
        data = new Random(dataSeed);
        this.learningRate = Numbers.From<T>(learningRate);
        inputs = new T[2 * task.Bits];
        targets = new T[task.Bits];
        outputs = new T[task.Bits];
    }

    public IRecurrentNetwork<T> Network { get; }

    public BinaryAddition Task { get; }

    /// <summary>Number of pairs trained on so far.</summary>
    public int Samples { get; private set; }

    /// <summary>One step of gradient descent on the next pair; returns its loss.</summary>
    public double TrainNext()
    {
        Encode(Task.RandomOperand(data), Task.RandomOperand(data));
        return Train();
    }

    /// <summary>Like <see cref="TrainNext"/>, and also reports what the network answered before the step.</summary>
    public AdderSample TrainNextAndReport()
    {
        long a = Task.RandomOperand(data), b = Task.RandomOperand(data);
        Encode(a, b);
        Network.Forward(inputs, outputs);
        double error = 0;
        for (int bit = 0; bit < Task.Bits; bit++)
            error += Math.Abs(Numbers.ToDouble(targets[bit]) - Numbers.ToDouble(outputs[bit]));
        long predicted = Task.Decode<T>(outputs);
        return new AdderSample(a, b, predicted, error, Train());
    }

    private void Encode(long a, long b) => Task.Encode<T>(a, b, inputs, targets);

    private double Train()
    {
        Samples++;
        return Numbers.ToDouble(Network.Train(inputs, targets, learningRate));
    }
}

/// <summary>The mean of the losses added since it was last taken.</summary>
internal sealed class LossWindow
{
    private double sum;
    private int count;

    public void Add(double loss)
    {
        sum += loss;
        count++;
    }

    /// <summary>The mean since the last call (NaN if nothing was added), and starts a new window.</summary>
    public double TakeMean()
    {
        double mean = count == 0 ? double.NaN : sum / count;
        sum = 0;
        count = 0;
        return mean;
    }
}
