using System;
using System.Runtime.Intrinsics;
using CsCheck;
using Xunit;

namespace RnnGen.Tests.Runtime;

/// <summary>The SIMD Half path computes in float lanes and rounds like .NET's scalar Half: checked bit for bit.</summary>
public class HalfChunkTests
{
    [Fact]
    public void Every_half_survives_a_load_and_store()
    {
        var values = new Half[65536];
        for (int bits = 0; bits < values.Length; bits++)
            values[bits] = BitConverter.UInt16BitsToHalf((ushort)bits);
        var copy = new Half[values.Length];
        for (int at = 0; at < values.Length; at += 16)
        {
            HalfChunk512<Half> chunk = HalfChunk512<Half>.Load(ref values[0], at);
            for (int lane = 0; lane < 16; lane++)
            {
                float expected = (float)values[at + lane];
                Assert.True(expected.Equals(chunk.Value[lane]), $"lane value of {BitConverter.HalfToUInt16Bits(values[at + lane]):X4}");
            }
            HalfChunk512<Half>.Store(chunk, ref copy[0], at);
        }
        for (int bits = 0; bits < values.Length; bits++)
        {
            ushort stored = BitConverter.HalfToUInt16Bits(copy[bits]);
            if (Half.IsNaN(values[bits]))
                Assert.True(Half.IsNaN(copy[bits]));
            else
                Assert.Equal(bits, stored);
        }
    }

    [Fact]
    public void Arithmetic_rounds_like_scalar_half() => Gen.Select(Gen.Single, Gen.Single, Gen.Int[-30, 17]).Sample((left, right, scale) =>
    {
        // Operands that are Halves, spread over every exponent a Half has, including subnormals and overflow.
        Half a = (Half)(left * MathF.Pow(2, scale) % 70000f), b = (Half)(right % 8f);
        var x = new HalfChunk512<Half>(Vector512.Create((float)a));
        var y = new HalfChunk512<Half>(Vector512.Create((float)b));
        AssertSame(a + b, (x + y).Value[3], "sum");
        AssertSame(a - b, (x - y).Value[7], "difference");
        AssertSame(a * b, (x * y).Value[15], "product");
        AssertSame((a * b) + a, HalfChunk512<Half>.MultiplyAdd(x, y, x).Value[0], "multiply-add");
    }, iter: 20_000);

    [Fact]
    public void Halves_train_the_same_way_in_vectors_and_one_at_a_time()
    {
        // The generated adder runs HalfChunk512 for Half; a scalar implementation of the same arithmetic is the reference.
        var vector = new BinaryAdder<Half>(3);
        var reference = new ReferenceNetwork<Half>(vector.Shape);
        vector.Parameters.CopyTo(reference.Parameters);
        var random = new Random(3);
        var inputs = new Half[16];
        var targets = new Half[8];
        for (int sample = 0; sample < 200; sample++)
        {
            Numerics.BinaryAdderTests.Encode(random.Next(128), random.Next(128), inputs, targets);
            vector.Train(inputs, targets, (Half)0.1f);
            reference.Train(inputs, targets, (Half)0.1f);
        }
        Numerics.TestData.AssertClose(Numerics.TestData.ToDoubles<Half>(reference.Parameters), Numerics.TestData.ToDoubles<Half>(vector.Parameters), 2e-2, "parameters after 200 samples");
    }

    private static void AssertSame(Half expected, float actual, string what)
    {
        if (Half.IsNaN(expected))
            Assert.True(float.IsNaN(actual), what);
        else
            Assert.True(((float)expected).Equals(actual), $"{what}: expected {(float)expected}, got {actual}");
    }
}
