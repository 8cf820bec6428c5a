using System;
using System.Numerics;
using Xunit;

namespace RnnGen.Tests.Numerics;

/// <summary>
/// The seed task: a 2-16-1 sigmoid network over 8 steps learns binary addition from 10,000 random pairs a, b &lt; 128
/// (bits least significant first, learning rate 0.1) and then gets every one of the 16,384 sums exactly right.
/// </summary>
public class BinaryAdderTests
{
    public const int Bits = 8, Samples = 10_000;

    public static TheoryData<int> Seeds => new() { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Learns_addition_in_double(int seed) => Assert.Equal(128 * 128, TrainAndCountExactSums(new BinaryAdder<double>(seed), seed));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Learns_addition_in_float(int seed) => Assert.Equal(128 * 128, TrainAndCountExactSums(new BinaryAdder<float>(seed), seed));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Learns_addition_in_half(int seed) => Assert.Equal(128 * 128, TrainAndCountExactSums(new BinaryAdder<Half>(seed), seed));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Looped_code_learns_addition_in_float(int seed) => Assert.Equal(128 * 128, TrainAndCountExactSums(new LoopedBinaryAdder<float>(seed), seed));

    [Fact]
    public void An_untrained_network_does_not_add()
    {
        // The count is not a foregone conclusion: before training the network gets almost every sum wrong.
        Assert.True(CountExactSums(new BinaryAdder<double>(0)) < 1000);
    }

    [Fact]
    public void Unrolled_and_looped_code_learn_the_same_weights()
    {
        var unrolled = new BinaryAdder<double>(4);
        var looped = new LoopedBinaryAdder<double>(4);
        TrainAndCountExactSums(unrolled, 4, samples: 2000);
        TrainAndCountExactSums(looped, 4, samples: 2000);
        TestData.AssertClose(TestData.ToDoubles<double>(looped.Parameters), TestData.ToDoubles<double>(unrolled.Parameters), 1e-9, "parameters after 2000 samples");
    }

    internal static void Encode<T>(int a, int b, Span<T> inputs, Span<T> targets) where T : INumber<T>
    {
        int sum = a + b;
        for (int bit = 0; bit < Bits; bit++)
        {
            inputs[2 * bit] = T.CreateChecked((a >> bit) & 1);
            inputs[(2 * bit) + 1] = T.CreateChecked((b >> bit) & 1);
            targets[bit] = T.CreateChecked((sum >> bit) & 1);
        }
    }

    internal static int TrainAndCountExactSums<T>(IRecurrentNetwork<T> network, int seed, int samples = Samples) where T : IFloatingPointIeee754<T>
    {
        var random = new Random(seed + 1_000);
        var inputs = new T[2 * Bits];
        var targets = new T[Bits];
        T learningRate = T.CreateChecked(0.1);
        for (int sample = 0; sample < samples; sample++)
        {
            Encode(random.Next(128), random.Next(128), inputs, targets);
            network.Train(inputs, targets, learningRate);
        }
        return CountExactSums(network);
    }

    internal static int CountExactSums<T>(IRecurrentNetwork<T> network) where T : IFloatingPointIeee754<T>
    {
        var inputs = new T[2 * Bits];
        var targets = new T[Bits];
        var outputs = new T[Bits];
        T half = T.CreateChecked(0.5);
        int exact = 0;
        for (int a = 0; a < 128; a++)
        {
            for (int b = 0; b < 128; b++)
            {
                Encode(a, b, inputs, targets);
                network.Forward(inputs, outputs);
                bool right = true;
                for (int bit = 0; bit < Bits && right; bit++)
                    right = (outputs[bit] > half) == (targets[bit] == T.One);
                exact += right ? 1 : 0;
            }
        }
        return exact;
    }
}
