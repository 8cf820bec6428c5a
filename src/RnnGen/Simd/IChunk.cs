using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace RnnGen;

/// <summary>
/// A run of consecutive elements processed as one value: a hardware vector of <see cref="Count"/> lanes
/// (<see cref="Chunk512{T}"/>, <see cref="Chunk256{T}"/>, <see cref="Chunk128{T}"/>) or a single element
/// (<see cref="ScalarChunk{T}"/>) for element types without vector support.
/// </summary>
/// <remarks>
/// Generated code and the kernels are written once against this interface; the JIT specializes them for the chunk
/// type picked at run time (width chosen at JIT time, not generation time), so every call here inlines to one or a
/// few instructions. Offsets count elements of <typeparamref name="T"/> from a <c>ref T</c> origin; they are native-sized
/// so that constant offsets fold into the address without a sign extension per access.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IChunk<TSelf, T>
    where TSelf : struct, IChunk<TSelf, T>
    where T : INumber<T>
{
    /// <summary>Number of elements in a chunk.</summary>
    static abstract int Count { get; }

    /// <summary>True when this chunk type runs in hardware for <typeparamref name="T"/> and a row of <paramref name="length"/> elements holds at least one chunk.</summary>
    static abstract bool Fits(int length);

    /// <summary>All lanes zero.</summary>
    static abstract TSelf Zero { get; }

    /// <summary>Reads <see cref="Count"/> elements starting at <c>origin[offset]</c>.</summary>
    static abstract TSelf Load(ref T origin, nint offset);

    /// <summary>Writes <see cref="Count"/> elements starting at <c>origin[offset]</c>.</summary>
    static abstract void Store(TSelf value, ref T origin, nint offset);

    /// <summary>Every lane set to <c>origin[offset]</c>.</summary>
    static abstract TSelf Broadcast(ref T origin, nint offset);

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TSelf Broadcast(T value);

    /// <summary>left · right + addend, fused where the hardware has it.</summary>
    static abstract TSelf MultiplyAdd(TSelf left, TSelf right, TSelf addend);

    /// <summary>Lane-wise sum.</summary>
    static abstract TSelf operator +(TSelf left, TSelf right);

    /// <summary>Lane-wise difference.</summary>
    static abstract TSelf operator -(TSelf left, TSelf right);

    /// <summary>Lane-wise product.</summary>
    static abstract TSelf operator *(TSelf left, TSelf right);

    /// <summary>
    /// <paramref name="value"/> with lanes below <paramref name="lane"/> set to zero. The last chunk of a row whose
    /// length is not a multiple of <see cref="Count"/> overlaps the chunk before it; an accumulation masks the
    /// overlapping lanes so they are added once.
    /// </summary>
    static abstract TSelf ZeroLanesBelow(TSelf value, nint lane);

    /// <summary>f(x) on each lane.</summary>
    static abstract TSelf Activate<TOperator>(TSelf x) where TOperator : IActivationOperator<T>;

    /// <summary>f'(a) from y = f(a), on each lane.</summary>
    static abstract TSelf DerivativeFromOutput<TOperator>(TSelf y) where TOperator : IActivationOperator<T>;

    /// <summary>The sum of all lanes.</summary>
    static abstract T Sum(TSelf value);

    /// <summary>
    /// <c>left · origin[offset ..] + addend</c>: one row of a vector-matrix product. Taking the row by reference lets the
    /// hardware types fold the load into the multiply-add instruction (one instruction instead of two).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TSelf MultiplyAdd(TSelf left, ref T origin, nint offset, TSelf addend) =>
        TSelf.MultiplyAdd(left, TSelf.Load(ref origin, offset), addend);

    /// <summary><c>left · origin[offset ..]</c>: the first row of a vector-matrix product, the load folded like <see cref="MultiplyAdd(TSelf, ref T, nint, TSelf)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual TSelf Multiply(TSelf left, ref T origin, nint offset) => left * TSelf.Load(ref origin, offset);

    /// <summary><c>origin[offset ..] += left · right</c>: one row of a gradient accumulation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual void AddProduct(ref T origin, nint offset, TSelf left, TSelf right) =>
        TSelf.Store(TSelf.MultiplyAdd(left, right, TSelf.Load(ref origin, offset)), ref origin, offset);

    /// <summary><c>origin[offset ..] += value</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static virtual void Accumulate(ref T origin, nint offset, TSelf value) =>
        TSelf.Store(TSelf.Load(ref origin, offset) + value, ref origin, offset);
}
