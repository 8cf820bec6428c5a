using System;
using System.Numerics;
using System.Text;

namespace RnnGen.Demo;

/// <summary>
/// The binary-addition task: operands a, b &lt; 2^(bits−1), so a + b fits in <see cref="Bits"/> bits. Step t sees
/// bit t of a and of b (least significant first) and must answer bit t of the sum; the carry lives in the state.
/// </summary>
internal sealed class BinaryAddition
{
    /// <summary>Seed of the fixed random test pairs used when there are too many pairs to try them all.</summary>
    public const int TestPairSeed = 20_251_122;

    /// <summary>Number of test pairs for widths whose pairs cannot all be tried (equal to all pairs of the 8-bit task).</summary>
    public const int SampledTestPairs = 16_384;

    public BinaryAddition(int bits)
    {
        if (bits is < 2 or > 62)
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "Sums must have from 2 to 62 bits.");
        Bits = bits;
        OperandLimit = 1L << (bits - 1);
    }

    public int Bits { get; }

    /// <summary>Operands are below this: 128 for 8-bit sums.</summary>
    public long OperandLimit { get; }

    /// <summary>True when <see cref="TestPairs"/> holds every pair of operands.</summary>
    public bool TestsEveryPair => OperandLimit * OperandLimit <= SampledTestPairs;

    /// <summary>A random operand, drawn the way the library's own binary-adder tests draw it for 8 bits.</summary>
    public long RandomOperand(Random random) =>
        OperandLimit <= int.MaxValue ? random.Next((int)OperandLimit) : random.NextInt64(OperandLimit);

    /// <summary>Every pair of operands when there are at most 16,384, else 16,384 fixed random pairs.</summary>
    public (long A, long B)[] TestPairs()
    {
        if (TestsEveryPair)
        {
            var all = new (long, long)[OperandLimit * OperandLimit];
            for (long a = 0; a < OperandLimit; a++)
                for (long b = 0; b < OperandLimit; b++)
                    all[(a * OperandLimit) + b] = (a, b);
            return all;
        }
        return RandomTestPairs(SampledTestPairs);
    }

    /// <summary>A fixed set of random pairs (the same for every call with the same count), for quick accuracy checks.</summary>
    public (long A, long B)[] RandomTestPairs(int count)
    {
        var random = new Random(TestPairSeed);
        var sampled = new (long, long)[count];
        for (int index = 0; index < sampled.Length; index++)
            sampled[index] = (RandomOperand(random), RandomOperand(random));
        return sampled;
    }

    /// <summary>Writes the input sequence (a_t, b_t) and the target sequence (bit t of a + b).</summary>
    public void Encode<T>(long a, long b, Span<T> inputs, Span<T> targets) where T : INumberBase<T>
    {
        long sum = a + b;
        for (int bit = 0; bit < Bits; bit++)
        {
            inputs[2 * bit] = T.CreateTruncating((a >> bit) & 1);
            inputs[(2 * bit) + 1] = T.CreateTruncating((b >> bit) & 1);
            targets[bit] = T.CreateTruncating((sum >> bit) & 1);
        }
    }

    /// <summary>The sum the network's outputs spell, reading an output above ½ as a 1.</summary>
    public long Decode<T>(ReadOnlySpan<T> outputs) where T : INumberBase<T>
    {
        long sum = 0;
        for (int bit = 0; bit < Bits; bit++)
        {
            if (Numbers.ToDouble(outputs[bit]) > 0.5)
                sum |= 1L << bit;
        }
        return sum;
    }

    /// <summary>The bits of a value, most significant first, as the classic blog post prints them: "0 1 0 0 1 1 0 1".</summary>
    public string BitsOf(long value)
    {
        var text = new StringBuilder(2 * Bits);
        for (int bit = Bits - 1; bit >= 0; bit--)
            text.Append((value >> bit) & 1).Append(bit > 0 ? " " : "");
        return text.ToString();
    }

    /// <summary>How many test pairs the network adds exactly (every bit of the sum right).</summary>
    public int CountExactSums<T>(IRecurrentNetwork<T> network, (long A, long B)[] pairs) where T : INumber<T>
    {
        var inputs = new T[2 * Bits];
        var targets = new T[Bits];
        var outputs = new T[Bits];
        int exact = 0;
        foreach ((long a, long b) in pairs)
        {
            Encode(a, b, inputs, targets);
            network.Forward(inputs, outputs);
            exact += Decode<T>(outputs) == a + b ? 1 : 0;
        }
        return exact;
    }
}
