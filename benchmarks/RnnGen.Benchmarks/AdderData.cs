using System;
using System.Numerics;

namespace RnnGen.Benchmarks;

/// <summary>A fixed stream of binary-addition samples (a, b &lt; 128, bits least significant first), cycled through by the benchmarks.</summary>
public sealed class AdderData<T> where T : INumber<T>
{
    public const int Samples = 256, Bits = 8;

    private readonly T[][] inputs = new T[Samples][];
    private readonly T[][,] inputMatrices = new T[Samples][,];
    private readonly T[][] targets = new T[Samples][];
    private int next;

    public AdderData(int seed)
    {
        var random = new Random(seed);
        for (int s = 0; s < Samples; s++)
        {
            int a = random.Next(128), b = random.Next(128), sum = a + b;
            inputs[s] = new T[2 * Bits];
            inputMatrices[s] = new T[Bits, 2];
            targets[s] = new T[Bits];
            for (int bit = 0; bit < Bits; bit++)
            {
                inputs[s][2 * bit] = inputMatrices[s][bit, 0] = T.CreateChecked((a >> bit) & 1);
                inputs[s][(2 * bit) + 1] = inputMatrices[s][bit, 1] = T.CreateChecked((b >> bit) & 1);
                targets[s][bit] = T.CreateChecked((sum >> bit) & 1);
            }
        }
    }

    /// <summary>Moves to the next sample, wrapping around.</summary>
    public void Advance() => next = (next + 1) % Samples;

    public T[] Inputs => inputs[next];

    /// <summary>The same inputs as a [bit, operand] matrix, the way the classic hand-written version takes them.</summary>
    public T[,] InputMatrix => inputMatrices[next];

    public T[] Targets => targets[next];
}
