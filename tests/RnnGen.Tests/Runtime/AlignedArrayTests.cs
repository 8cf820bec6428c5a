using System;
using System.Runtime.CompilerServices;
using Xunit;

namespace RnnGen.Tests.Runtime;

/// <summary>The storage of generated networks starts on a cache line, holds exactly its length, and survives a GC.</summary>
public class AlignedArrayTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(304)]
    [InlineData(1000)]
    public void Elements_start_on_a_cache_line_and_stay_there(int length)
    {
        var floats = new AlignedArray<float>(length);
        var doubles = new AlignedArray<double>(length);
        var halves = new AlignedArray<Half>(length);
        AssertAligned(ref floats.Reference);
        AssertAligned(ref doubles.Reference);
        AssertAligned(ref halves.Reference);
        Assert.Equal(length, floats.Span.Length);
        Assert.All(doubles.Span.ToArray(), value => Assert.Equal(0.0, value));

        floats.Span[length - 1] = 3;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        AssertAligned(ref floats.Reference);
        Assert.Equal(3, floats.Span[length - 1]);
        Assert.Equal(3, floats.Slice(length - 1, 1)[0]);
        Assert.True(Unsafe.AreSame(ref floats.Reference, ref floats.Span[0]));
    }

    [Fact]
    public void Element_types_with_references_or_wider_than_8_bytes_get_an_ordinary_array()
    {
        var strings = new AlignedArray<string>(5);
        strings.Span[4] = "last";
        Assert.Equal(5, strings.Length);
        Assert.Equal("last", strings.Slice(4, 1)[0]);
        var decimals = new AlignedArray<decimal>(3);
        decimals.Span[2] = 1.5m;
        Assert.Equal(1.5m, decimals.Slice(2, 1)[0]);
    }

    [Fact]
    public void Slices_stay_within_the_length()
    {
        var floats = new AlignedArray<float>(4);
        Assert.Throws<ArgumentOutOfRangeException>(() => floats.Slice(3, 2).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => floats.Slice(-1, 1).Length);
    }

    private static void AssertAligned<T>(ref T first)
    {
        nint address = Unsafe.ByteOffset(ref Unsafe.NullRef<T>(), ref first);
        Assert.Equal(0, address % AlignedArray<T>.Alignment);
    }
}
