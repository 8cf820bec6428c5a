using System;
using System.Numerics;

namespace RnnGen.Demo;

/// <summary>The repeating bit stream 001001001…: step t reads bit t and must give the probability that bit t + 1 is 1.</summary>
internal static class NextBitTask
{
    /// <summary>Steps per training sequence: four periods of the pattern.</summary>
    public const int Steps = 12;

    /// <summary>Bit t of the stream 0 0 1 0 0 1 ….</summary>
    public static int Bit(int t) => t % 3 == 2 ? 1 : 0;

    /// <summary>Inputs: bit t at step t; targets: bit t + 1.</summary>
    public static void Encode<T>(Span<T> inputs, Span<T> targets) where T : INumberBase<T>
    {
        for (int t = 0; t < Steps; t++)
        {
            inputs[t] = T.CreateTruncating(Bit(t));
            targets[t] = T.CreateTruncating(Bit(t + 1));
        }
    }
}
