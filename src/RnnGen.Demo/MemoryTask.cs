using System;
using System.Numerics;

namespace RnnGen.Demo;

/// <summary>
/// A long-gap memory task. Input 0 carries the bit to remember at step 0 (+1 for a 1, −1 for a 0) and is 0 after that;
/// input 1 is a random distractor bit at every step. The output at the last step must be the remembered bit.
/// </summary>
/// <remarks>
/// The networks give an output at every step and <c>Backward</c> takes a target for every step, but only the last one
/// should count. So a training step runs <c>Forward</c>, uses the network's own outputs as the targets of every earlier
/// step and the bit as the target of the last, and then calls <c>Backward</c>: with squared error an output that equals
/// its target contributes exactly zero loss and zero gradient, so the loss and the gradient are those of the last step
/// alone, with no extra supervision along the way.
/// </remarks>
internal static class MemoryTask
{
    public const int Inputs = 2;
    public const int Hidden = 8;

    /// <summary>Sequence length: the bit is given at step 0 and asked for 49 steps later.</summary>
    public const int Steps = 50;

    /// <summary>Parameters start uniform in ±this.</summary>
    public const double InitialScale = 0.3;

    /// <summary>
    /// LSTM and GRU start with this bias on the gate that keeps the state (LSTM forget gate, GRU update gate), so each
    /// unit starts out carrying its state forward (σ(5) ≈ 0.993 per step), the customary initialization for these cells.
    /// Elman has no such gate.
    /// </summary>
    public const double KeepGateBias = 5;

    /// <summary>A network initialized for this task: uniform ±<see cref="InitialScale"/>, then the keep-gate bias.</summary>
    public static IRecurrentNetwork<T> Initialize<T>(IRecurrentNetwork<T> network, int seed) where T : INumber<T>
    {
        ParameterLayout layout = network.Shape.Layout;
        Span<T> parameters = network.Parameters;
        var random = new Random(seed);
        for (int p = 0; p < parameters.Length; p++)
            parameters[p] = T.CreateTruncating(InitialScale * ((2 * random.NextDouble()) - 1));
        if (network.Shape.Cell != CellKind.Elman)
        {
            const int keepGate = 1; // LSTM gates i, f, g, o; GRU gates r, z, n
            parameters.Slice(layout.HiddenBias.Offset + (keepGate * Hidden), Hidden).Fill(T.CreateTruncating(KeepGateBias));
        }
        return network;
    }

    /// <summary>Writes a random sequence into <paramref name="inputs"/> and returns the bit to remember (0 or 1).</summary>
    public static int Encode<T>(Random random, Span<T> inputs) where T : INumberBase<T>
    {
        int bit = random.Next(2);
        for (int t = 0; t < Steps; t++)
        {
            inputs[t * Inputs] = t == 0 ? T.CreateTruncating((2 * bit) - 1) : T.Zero;
            inputs[(t * Inputs) + 1] = T.CreateTruncating(random.Next(2));
        }
        return bit;
    }
}

/// <summary>Trains and scores one network on <see cref="MemoryTask"/> with the loss on the last step only.</summary>
internal sealed class MemoryTrainer<T> where T : INumber<T>
{
    private readonly IRecurrentNetwork<T> network;
    private readonly T learningRate;
    private readonly T[] inputs = new T[MemoryTask.Steps * MemoryTask.Inputs];
    private readonly T[] outputs = new T[MemoryTask.Steps];
    private readonly T[] targets = new T[MemoryTask.Steps];

    public MemoryTrainer(IRecurrentNetwork<T> network, double learningRate)
    {
        this.network = network;
        this.learningRate = Numbers.From<T>(learningRate);
    }

    /// <summary>One step of gradient descent on the last-step loss ½(ŷ_last − bit)² of a fresh sequence; returns that loss.</summary>
    public double TrainNext(Random data)
    {
        int bit = MemoryTask.Encode<T>(data, inputs);
        network.ZeroGradients();
        network.Forward(inputs, outputs);
        outputs.CopyTo(targets, 0);
        targets[MemoryTask.Steps - 1] = T.CreateTruncating(bit);
        T loss = network.Backward(targets);
        Span<T> parameters = network.Parameters;
        ReadOnlySpan<T> gradients = network.Gradients;
        for (int p = 0; p < parameters.Length; p++)
            parameters[p] -= learningRate * gradients[p];
        return Numbers.ToDouble(loss);
    }

    /// <summary>The share of fresh sequences whose last output is on the right side of ½.</summary>
    public double Accuracy(Random data, int sequences)
    {
        int right = 0;
        for (int sequence = 0; sequence < sequences; sequence++)
        {
            int bit = MemoryTask.Encode<T>(data, inputs);
            network.Forward(inputs, outputs);
            right += Numbers.ToDouble(outputs[MemoryTask.Steps - 1]) > 0.5 == (bit == 1) ? 1 : 0;
        }
        return (double)right / sequences;
    }
}
