using System;
using System.Numerics;
using System.Runtime.Intrinsics;
using CsCheck;
using Xunit;

namespace RnnGen.Tests.Runtime;

/// <summary>
/// ChunkPair256 (two 256-bit registers acting as one chunk) against plain loops, lane by lane. Generated code picks it
/// on AVX2 machines, so the network tests cover it there; these cover it on every machine.
/// </summary>
public class ChunkPairTests
{
    [Fact]
    public void Float_pairs_match_plain_loops() => Gen.Int.Sample(seed => Check<float>(seed, 1e-6));

    [Fact]
    public void Double_pairs_match_plain_loops() => Gen.Int.Sample(seed => Check<double>(seed, 1e-15));

    [Fact]
    public void One_pair_covers_a_length_of_exactly_its_count()
    {
        // The generated code prefers the pair to a 512-bit vector only where one pair covers the layer.
        int count = ChunkPair256<float>.Count;
        Assert.Equal(ChunkPair256<float>.Fits(count), ChunkPair256<float>.FitsInOne(count));
        Assert.False(ChunkPair256<float>.FitsInOne(count - 1));
        Assert.False(ChunkPair256<float>.FitsInOne(count + 1));
        Assert.Equal(ChunkPair256<double>.Fits(ChunkPair256<double>.Count), ChunkPair256<double>.FitsInOne(ChunkPair256<double>.Count));
        Assert.False(ChunkPair256<Half>.FitsInOne(16));   // not a hardware type: Half runs on HalfChunk256/512
    }

    private static void Check<T>(int seed, double tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = ChunkPair256<T>.Count;
        Assert.Equal(2 * Vector256<T>.Count, count);
        var random = new Random(seed);
        T[] left = Uniform<T>(random, count + 3), right = Uniform<T>(random, count + 3), addend = Uniform<T>(random, count);
        const int Offset = 3;   // an unaligned start, so both halves read past the first register's lanes
        T scalar = left[1];

        ChunkPair256<T> x = ChunkPair256<T>.Load(ref left[0], Offset), a = ChunkPair256<T>.Load(ref addend[0], 0);
        ChunkPair256<T> broadcast = ChunkPair256<T>.Broadcast(ref left[0], 1);
        T[] loaded = Lanes(x), sum = Lanes(x + a), difference = Lanes(x - a), product = Lanes(x * a);
        T[] fused = Lanes(ChunkPair256<T>.MultiplyAdd(broadcast, ref right[0], Offset, a));
        T[] scaled = Lanes(ChunkPair256<T>.Multiply(broadcast, ref right[0], Offset));
        T[] activated = Lanes(ChunkPair256<T>.Activate<SigmoidOperator<T>>(x));
        for (int lane = 0; lane < count; lane++)
        {
            T value = left[Offset + lane];
            Assert.Equal(value, loaded[lane]);
            Assert.Equal(scalar, Lanes(broadcast)[lane]);
            Assert.Equal(value + addend[lane], sum[lane]);
            Assert.Equal(value - addend[lane], difference[lane]);
            Assert.Equal(value * addend[lane], product[lane]);
            // Fused or not, the error is bounded by the size of the terms, not of the result (which may cancel).
            double exactProduct = double.CreateChecked(scalar) * double.CreateChecked(right[Offset + lane]), exactAddend = double.CreateChecked(addend[lane]);
            double fusedError = Math.Abs(exactProduct + exactAddend - double.CreateChecked(fused[lane]));
            Assert.True(fusedError <= tolerance * (Math.Abs(exactProduct) + Math.Abs(exactAddend)), $"multiply-add lane {lane}: off by {fusedError}");
            Assert.Equal(scalar * right[Offset + lane], scaled[lane]);
            Numerics.TestData.AssertClose(double.CreateChecked(SigmoidOperator<T>.Invoke(value)), double.CreateChecked(activated[lane]), tolerance, $"sigmoid lane {lane}");
        }

        double exactTotal = 0, magnitude = 0;
        for (int lane = 0; lane < count; lane++)
        {
            exactTotal += double.CreateChecked(left[Offset + lane]);
            magnitude += Math.Abs(double.CreateChecked(left[Offset + lane]));
        }
        double sumError = Math.Abs(exactTotal - double.CreateChecked(ChunkPair256<T>.Sum(x)));
        Assert.True(sumError <= tolerance * magnitude, $"sum of lanes: off by {sumError}");

        for (int below = 0; below < count; below++)
        {
            T[] masked = Lanes(ChunkPair256<T>.ZeroLanesBelow(x, below));
            for (int lane = 0; lane < count; lane++)
                Assert.Equal(lane < below ? T.Zero : left[Offset + lane], masked[lane]);
        }
    }

    private static T[] Lanes<T>(ChunkPair256<T> chunk) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lanes = new T[ChunkPair256<T>.Count];
        ChunkPair256<T>.Store(chunk, ref lanes[0], 0);
        return lanes;
    }

    private static T[] Uniform<T>(Random random, int length) where T : unmanaged, IFloatingPointIeee754<T> =>
        Numerics.TestData.Convert<T>(Numerics.TestData.Uniform(random, length, -2, 2));
}
