using System;
using System.Numerics;
using System.Runtime.Intrinsics;
using CsCheck;
using Xunit;

namespace RnnGen.Tests.Runtime;

/// <summary>
/// ChunkPair128, ChunkPair256 and ChunkPair512 (two 128-, 256- or 512-bit registers acting as one chunk) against plain
/// loops, lane by lane. Generated code picks them only on some machines (128-bit vectors only, AVX2 without AVX-512, or
/// a layer one pair covers), so the network tests cover each only there; these cover all three on every machine
/// (without the hardware, the runtime emulates the vectors). NarrowVectorTests runs whole networks on the 128-bit pair.
/// </summary>
public class ChunkPairTests
{
    [Fact]
    public void Float_pairs_match_plain_loops() => Gen.Int.Sample(seed => Check<ChunkPair256<float>, float>(seed, 1e-6));

    [Fact]
    public void Double_pairs_match_plain_loops() => Gen.Int.Sample(seed => Check<ChunkPair256<double>, double>(seed, 1e-15));

    [Fact]
    public void Float_128_bit_pairs_match_plain_loops() => Gen.Int.Sample(seed => Check<ChunkPair128<float>, float>(seed, 1e-6));

    [Fact]
    public void Double_128_bit_pairs_match_plain_loops() => Gen.Int.Sample(seed => Check<ChunkPair128<double>, double>(seed, 1e-15));

    [Fact]
    public void A_128_bit_pair_needs_a_row_of_two_registers()
    {
        int count = ChunkPair128<float>.Count;
        Assert.Equal(2 * Vector128<float>.Count, count);
        Assert.Equal(Vector128.IsHardwareAccelerated, ChunkPair128<float>.Fits(count));
        Assert.False(ChunkPair128<float>.Fits(count - 1));   // the second register would read past the row
        Assert.Equal(Vector128.IsHardwareAccelerated, ChunkPair128<double>.Fits(2 * Vector128<double>.Count));
        Assert.False(ChunkPair128<double>.Fits(2 * Vector128<double>.Count - 1));
        Assert.False(ChunkPair128<Half>.Fits(16));   // not a hardware type
    }

    [Fact]
    public void Float_512_bit_pairs_match_plain_loops() => Gen.Int.Sample(seed => Check<ChunkPair512<float>, float>(seed, 1e-6));

    [Fact]
    public void Double_512_bit_pairs_match_plain_loops() => Gen.Int.Sample(seed => Check<ChunkPair512<double>, double>(seed, 1e-15));

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

    [Fact]
    public void One_512_bit_pair_covers_a_length_of_exactly_its_count()
    {
        int count = ChunkPair512<double>.Count;
        Assert.Equal(2 * Vector512<double>.Count, count);
        Assert.Equal(Vector512.IsHardwareAccelerated, ChunkPair512<double>.FitsInOne(count));
        Assert.Equal(Vector512.IsHardwareAccelerated, ChunkPair512<float>.FitsInOne(ChunkPair512<float>.Count));
        Assert.False(ChunkPair512<double>.FitsInOne(count - 1));   // the second register would read past the row
        Assert.False(ChunkPair512<double>.FitsInOne(count + 1));
        Assert.False(ChunkPair512<Half>.FitsInOne(32));
    }

    private static void Check<TChunk, T>(int seed, double tolerance)
        where TChunk : struct, IChunk<TChunk, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = TChunk.Count;
        Assert.Equal(typeof(TChunk) == typeof(ChunkPair512<T>) ? 2 * Vector512<T>.Count
            : typeof(TChunk) == typeof(ChunkPair128<T>) ? 2 * Vector128<T>.Count : 2 * Vector256<T>.Count, count);
        var random = new Random(seed);
        T[] left = Uniform<T>(random, count + 3), right = Uniform<T>(random, count + 3), addend = Uniform<T>(random, count);
        const int Offset = 3;   // an unaligned start, so both halves read past the first register's lanes
        T scalar = left[1];

        TChunk x = TChunk.Load(ref left[0], Offset), a = TChunk.Load(ref addend[0], 0);
        TChunk broadcast = TChunk.Broadcast(ref left[0], 1);
        T[] loaded = Lanes<TChunk, T>(x), sum = Lanes<TChunk, T>(x + a), difference = Lanes<TChunk, T>(x - a), product = Lanes<TChunk, T>(x * a);
        T[] fused = Lanes<TChunk, T>(TChunk.MultiplyAdd(broadcast, ref right[0], Offset, a));
        T[] scaled = Lanes<TChunk, T>(TChunk.Multiply(broadcast, ref right[0], Offset));
        T[] activated = Lanes<TChunk, T>(TChunk.Activate<SigmoidOperator<T>>(x));
        for (int lane = 0; lane < count; lane++)
        {
            T value = left[Offset + lane];
            Assert.Equal(value, loaded[lane]);
            Assert.Equal(scalar, Lanes<TChunk, T>(broadcast)[lane]);
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
        double sumError = Math.Abs(exactTotal - double.CreateChecked(TChunk.Sum(x)));
        Assert.True(sumError <= tolerance * magnitude, $"sum of lanes: off by {sumError}");

        for (int below = 0; below < count; below++)
        {
            T[] masked = Lanes<TChunk, T>(TChunk.ZeroLanesBelow(x, below));
            for (int lane = 0; lane < count; lane++)
                Assert.Equal(lane < below ? T.Zero : left[Offset + lane], masked[lane]);
        }
    }

    private static T[] Lanes<TChunk, T>(TChunk chunk)
        where TChunk : struct, IChunk<TChunk, T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var lanes = new T[TChunk.Count];
        TChunk.Store(chunk, ref lanes[0], 0);
        return lanes;
    }

    private static T[] Uniform<T>(Random random, int length) where T : unmanaged, IFloatingPointIeee754<T> =>
        Numerics.TestData.Convert<T>(Numerics.TestData.Uniform(random, length, -2, 2));
}
