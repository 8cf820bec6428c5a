using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RnnGen;

/// <summary>
/// The storage of a generated network's parameters, gradients and workspace: an array on the pinned object heap whose
/// used part starts on a 64-byte boundary. Every row then sits where the network's layout puts it relative to a cache
/// line (rows of 16 floats never straddle two), and the speed of a network no longer depends on where the garbage
/// collector happened to put its arrays (measured on the 2-16-1 float adder: 525 to 665 ns per training step across
/// instances before, see benchmarks/README.md).
/// </summary>
/// <remarks>
/// Element types that hold references cannot live on the pinned heap, and elements wider than 8 bytes cannot be
/// aligned on it; they get an ordinary array, unaligned, which only the scalar code path uses anyway.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct AlignedArray<T>
{
    /// <summary>The alignment of the first element, in bytes: one cache line.</summary>
    public const int Alignment = 64;

    private readonly T[] array;
    private readonly int start;

    /// <summary>Allocates <paramref name="length"/> zeroed elements.</summary>
    public AlignedArray(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        int size = Unsafe.SizeOf<T>();
        // The pinned heap aligns arrays to 8 bytes, so only elements of 1, 2, 4 or 8 bytes can be moved onto a boundary.
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>() || size > 8 || Alignment % size != 0)
        {
            array = new T[length];
            return;
        }
        int padding = (Alignment / size) - 1;
        array = GC.AllocateArray<T>(length + padding, pinned: true);
        // The array never moves, so the offset to the next boundary is fixed for its lifetime.
        nint address = Unsafe.ByteOffset(ref Unsafe.NullRef<T>(), ref MemoryMarshal.GetArrayDataReference(array));
        start = (int)((Alignment - (address % Alignment)) % Alignment) / size;
    }

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    /// <summary>The elements.</summary>
    public Span<T> Span => new(array, start, Length);

    /// <summary>The first element.</summary>
    public ref T Reference => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), start);

    /// <summary><paramref name="length"/> elements from <paramref name="offset"/>.</summary>
    public Span<T> Slice(int offset, int length) => Span.Slice(offset, length);
}
