using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace RnnGen;

/// <summary>
/// The matrix products of the batch path, where the rows of a product are sequences (or, for weight gradients, every
/// step of every sequence of a block): a register-blocked micro-kernel keeps a tile of up to 4 rows × 2 chunks (or 8
/// rows × 1 chunk) of the result in registers while the inner loop streams one row of the right operand per step and
/// broadcasts one element of each left row, so each loaded weight chunk feeds four to eight multiply-adds and eight
/// independent chains keep the multiply-add units busy. Generated batch code calls these with the shape's constants.
/// </summary>
/// <remarks>
/// Columns that do not fill a whole chunk are done one element at a time (never by overlapping chunks), so a
/// destination may be its own addend. The chunk type is the widest that fits the columns for the element type.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchKernels
{
    /// <summary>
    /// destination[r, c] = f(addend[r, c] + Σ_k left[r, k] · right[k, c]) for r &lt; rows, c &lt; columns. Row r of left
    /// starts at r·leftStride, of destination at r·destinationStride, of addend at r·addendStride (0: one row for all,
    /// such as a bias; a null reference: no addend); right is inner × columns, row-major.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RowsTimesMatrix<TOperator, T>(ref T destination, int destinationStride, ref T addend, int addendStride,
        ref T left, int leftStride, int rows, int inner, ref T right, int columns)
        where TOperator : IActivationOperator<T>
        where T : INumber<T> =>
        Product<TOperator, T>(ref destination, destinationStride, ref addend, addendStride,
            ref left, leftStride, 1, 0, ref right, columns, 0, inner, 1, rows, columns);

    /// <summary>
    /// matrix[r, c] += Σ_g Σ_k left[g·leftGroupStride + k·leftStride + r] · right[g·rightGroupStride + k·rightStride + c]
    /// for k &lt; count, g &lt; groups: a weight gradient summed over every step (k) of every sequence (g) of a block, in
    /// registers, and added to the matrix once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddTransposedProducts<T>(ref T matrix, int rows, int columns, ref T left, int leftStride, int leftGroupStride,
        ref T right, int rightStride, int rightGroupStride, int count, int groups)
        where T : INumber<T>
    {
        if (count <= 0 || groups <= 0)
            return;
        Product<IdentityOperator<T>, T>(ref matrix, columns, ref matrix, columns,
            ref left, 1, leftStride, leftGroupStride, ref right, rightStride, rightGroupStride, count, groups, rows, columns);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Product<TOperator, T>(ref T destination, nint destinationStride, ref T addend, nint addendStride,
        ref T left, nint leftRowStride, nint leftInnerStride, nint leftGroupStride,
        ref T right, nint rightInnerStride, nint rightGroupStride, int inner, int groups, int rows, int columns)
        where TOperator : IActivationOperator<T>
        where T : INumber<T>
    {
        if (Chunk512<T>.Fits(columns))
            Product<TOperator, Chunk512<T>, T>(ref destination, destinationStride, ref addend, addendStride, ref left, leftRowStride, leftInnerStride, leftGroupStride, ref right, rightInnerStride, rightGroupStride, inner, groups, rows, columns);
        else if (Chunk256<T>.Fits(columns))
            Product<TOperator, Chunk256<T>, T>(ref destination, destinationStride, ref addend, addendStride, ref left, leftRowStride, leftInnerStride, leftGroupStride, ref right, rightInnerStride, rightGroupStride, inner, groups, rows, columns);
        else if (Chunk128<T>.Fits(columns))
            Product<TOperator, Chunk128<T>, T>(ref destination, destinationStride, ref addend, addendStride, ref left, leftRowStride, leftInnerStride, leftGroupStride, ref right, rightInnerStride, rightGroupStride, inner, groups, rows, columns);
        else if (HalfChunk512<T>.Fits(columns))
            Product<TOperator, HalfChunk512<T>, T>(ref destination, destinationStride, ref addend, addendStride, ref left, leftRowStride, leftInnerStride, leftGroupStride, ref right, rightInnerStride, rightGroupStride, inner, groups, rows, columns);
        else if (HalfChunk256<T>.Fits(columns))
            Product<TOperator, HalfChunk256<T>, T>(ref destination, destinationStride, ref addend, addendStride, ref left, leftRowStride, leftInnerStride, leftGroupStride, ref right, rightInnerStride, rightGroupStride, inner, groups, rows, columns);
        else
            Product<TOperator, ScalarChunk<T>, T>(ref destination, destinationStride, ref addend, addendStride, ref left, leftRowStride, leftInnerStride, leftGroupStride, ref right, rightInnerStride, rightGroupStride, inner, groups, rows, columns);
    }

    /// <summary>
    /// The loops around the micro-kernel: column tiles outside (the right operand's panel of a tile stays in the first
    /// level cache while every row tile reads it), row tiles inside; what is left of the columns after whole chunks,
    /// one element at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Product<TOperator, TChunk, T>(ref T destination, nint destinationStride, ref T addend, nint addendStride,
        ref T left, nint leftRowStride, nint leftInnerStride, nint leftGroupStride,
        ref T right, nint rightInnerStride, nint rightGroupStride, int inner, int groups, int rows, int columns)
        where TOperator : IActivationOperator<T>
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>
    {
        int n = TChunk.Count;
        int wide = columns - (columns % n);
        bool hasAddend = !Unsafe.IsNullRef(ref addend);
        int c = 0;
        for (; c + (2 * n) <= wide; c += 2 * n)
        {
            int r = 0;
            for (; r + 4 <= rows; r += 4)
            {
                Tile4x2<TOperator, TChunk, T>(ref Unsafe.Add(ref destination, (r * destinationStride) + c), destinationStride,
                    ref hasAddend ? ref Unsafe.Add(ref addend, (r * addendStride) + c) : ref addend, addendStride, hasAddend,
                    ref Unsafe.Add(ref left, r * leftRowStride), leftRowStride, leftInnerStride, leftGroupStride,
                    ref Unsafe.Add(ref right, c), rightInnerStride, rightGroupStride, inner, groups);
            }
            for (; r < rows; r++)
            {
                Tile1x2<TOperator, TChunk, T>(ref Unsafe.Add(ref destination, (r * destinationStride) + c),
                    ref hasAddend ? ref Unsafe.Add(ref addend, (r * addendStride) + c) : ref addend, hasAddend,
                    ref Unsafe.Add(ref left, r * leftRowStride), leftInnerStride, leftGroupStride,
                    ref Unsafe.Add(ref right, c), rightInnerStride, rightGroupStride, inner, groups);
            }
        }
        for (; c < wide; c += n)
        {
            int r = 0;
            for (; r + 8 <= rows; r += 8)
            {
                Tile8x1<TOperator, TChunk, T>(ref Unsafe.Add(ref destination, (r * destinationStride) + c), destinationStride,
                    ref hasAddend ? ref Unsafe.Add(ref addend, (r * addendStride) + c) : ref addend, addendStride, hasAddend,
                    ref Unsafe.Add(ref left, r * leftRowStride), leftRowStride, leftInnerStride, leftGroupStride,
                    ref Unsafe.Add(ref right, c), rightInnerStride, rightGroupStride, inner, groups);
            }
            for (; r + 4 <= rows; r += 4)
            {
                Tile4x1<TOperator, TChunk, T>(ref Unsafe.Add(ref destination, (r * destinationStride) + c), destinationStride,
                    ref hasAddend ? ref Unsafe.Add(ref addend, (r * addendStride) + c) : ref addend, addendStride, hasAddend,
                    ref Unsafe.Add(ref left, r * leftRowStride), leftRowStride, leftInnerStride, leftGroupStride,
                    ref Unsafe.Add(ref right, c), rightInnerStride, rightGroupStride, inner, groups);
            }
            for (; r < rows; r++)
            {
                Tile1x1<TOperator, TChunk, T>(ref Unsafe.Add(ref destination, (r * destinationStride) + c),
                    ref hasAddend ? ref Unsafe.Add(ref addend, (r * addendStride) + c) : ref addend, hasAddend,
                    ref Unsafe.Add(ref left, r * leftRowStride), leftInnerStride, leftGroupStride,
                    ref Unsafe.Add(ref right, c), rightInnerStride, rightGroupStride, inner, groups);
            }
        }
        if (wide < columns)
        {
            Product<TOperator, ScalarChunk<T>, T>(ref Unsafe.Add(ref destination, wide), destinationStride,
                ref hasAddend ? ref Unsafe.Add(ref addend, wide) : ref addend, addendStride,
                ref left, leftRowStride, leftInnerStride, leftGroupStride,
                ref Unsafe.Add(ref right, wide), rightInnerStride, rightGroupStride, inner, groups, rows, columns - wide);
        }
    }

    /// <summary>Stores f(addend + sum) (or f(sum) without an addend) at <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<TOperator, TChunk, T>(TChunk sum, ref T destination, nint offset, ref T addend, nint addendOffset, bool hasAddend)
        where TOperator : IActivationOperator<T>
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>
    {
        if (hasAddend)
            sum = TChunk.Load(ref addend, addendOffset) + sum;
        TChunk.Store(TChunk.Activate<TOperator>(sum), ref destination, offset);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x2<TOperator, TChunk, T>(ref T destination, nint destinationStride, ref T addend, nint addendStride, bool hasAddend,
        ref T left, nint leftRowStride, nint leftInnerStride, nint leftGroupStride,
        ref T right, nint rightInnerStride, nint rightGroupStride, int inner, int groups)
        where TOperator : IActivationOperator<T>
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>
    {
        nint n = TChunk.Count;
        TChunk s00 = TChunk.Zero, s01 = TChunk.Zero, s10 = TChunk.Zero, s11 = TChunk.Zero;
        TChunk s20 = TChunk.Zero, s21 = TChunk.Zero, s30 = TChunk.Zero, s31 = TChunk.Zero;
        for (int g = 0; g < groups; g++)
        {
            ref T a = ref Unsafe.Add(ref left, g * leftGroupStride);
            ref T w = ref Unsafe.Add(ref right, g * rightGroupStride);
            for (int k = 0; k < inner; k++)
            {
                TChunk w0 = TChunk.Load(ref w, 0), w1 = TChunk.Load(ref w, n);
                TChunk x = TChunk.Broadcast(ref a, 0);
                s00 = TChunk.MultiplyAdd(x, w0, s00);
                s01 = TChunk.MultiplyAdd(x, w1, s01);
                x = TChunk.Broadcast(ref a, leftRowStride);
                s10 = TChunk.MultiplyAdd(x, w0, s10);
                s11 = TChunk.MultiplyAdd(x, w1, s11);
                x = TChunk.Broadcast(ref a, 2 * leftRowStride);
                s20 = TChunk.MultiplyAdd(x, w0, s20);
                s21 = TChunk.MultiplyAdd(x, w1, s21);
                x = TChunk.Broadcast(ref a, 3 * leftRowStride);
                s30 = TChunk.MultiplyAdd(x, w0, s30);
                s31 = TChunk.MultiplyAdd(x, w1, s31);
                a = ref Unsafe.Add(ref a, leftInnerStride);
                w = ref Unsafe.Add(ref w, rightInnerStride);
            }
        }
        Finish<TOperator, TChunk, T>(s00, ref destination, 0, ref addend, 0, hasAddend);
        Finish<TOperator, TChunk, T>(s01, ref destination, n, ref addend, n, hasAddend);
        Finish<TOperator, TChunk, T>(s10, ref destination, destinationStride, ref addend, addendStride, hasAddend);
        Finish<TOperator, TChunk, T>(s11, ref destination, destinationStride + n, ref addend, addendStride + n, hasAddend);
        Finish<TOperator, TChunk, T>(s20, ref destination, 2 * destinationStride, ref addend, 2 * addendStride, hasAddend);
        Finish<TOperator, TChunk, T>(s21, ref destination, (2 * destinationStride) + n, ref addend, (2 * addendStride) + n, hasAddend);
        Finish<TOperator, TChunk, T>(s30, ref destination, 3 * destinationStride, ref addend, 3 * addendStride, hasAddend);
        Finish<TOperator, TChunk, T>(s31, ref destination, (3 * destinationStride) + n, ref addend, (3 * addendStride) + n, hasAddend);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile1x2<TOperator, TChunk, T>(ref T destination, ref T addend, bool hasAddend,
        ref T left, nint leftInnerStride, nint leftGroupStride,
        ref T right, nint rightInnerStride, nint rightGroupStride, int inner, int groups)
        where TOperator : IActivationOperator<T>
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>
    {
        nint n = TChunk.Count;
        TChunk s0 = TChunk.Zero, s1 = TChunk.Zero;
        for (int g = 0; g < groups; g++)
        {
            ref T a = ref Unsafe.Add(ref left, g * leftGroupStride);
            ref T w = ref Unsafe.Add(ref right, g * rightGroupStride);
            for (int k = 0; k < inner; k++)
            {
                TChunk x = TChunk.Broadcast(ref a, 0);
                s0 = TChunk.MultiplyAdd(x, TChunk.Load(ref w, 0), s0);
                s1 = TChunk.MultiplyAdd(x, TChunk.Load(ref w, n), s1);
                a = ref Unsafe.Add(ref a, leftInnerStride);
                w = ref Unsafe.Add(ref w, rightInnerStride);
            }
        }
        Finish<TOperator, TChunk, T>(s0, ref destination, 0, ref addend, 0, hasAddend);
        Finish<TOperator, TChunk, T>(s1, ref destination, n, ref addend, n, hasAddend);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile8x1<TOperator, TChunk, T>(ref T destination, nint destinationStride, ref T addend, nint addendStride, bool hasAddend,
        ref T left, nint leftRowStride, nint leftInnerStride, nint leftGroupStride,
        ref T right, nint rightInnerStride, nint rightGroupStride, int inner, int groups)
        where TOperator : IActivationOperator<T>
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>
    {
        TChunk s0 = TChunk.Zero, s1 = TChunk.Zero, s2 = TChunk.Zero, s3 = TChunk.Zero;
        TChunk s4 = TChunk.Zero, s5 = TChunk.Zero, s6 = TChunk.Zero, s7 = TChunk.Zero;
        for (int g = 0; g < groups; g++)
        {
            ref T a = ref Unsafe.Add(ref left, g * leftGroupStride);
            ref T w = ref Unsafe.Add(ref right, g * rightGroupStride);
            for (int k = 0; k < inner; k++)
            {
                TChunk w0 = TChunk.Load(ref w, 0);
                s0 = TChunk.MultiplyAdd(TChunk.Broadcast(ref a, 0), w0, s0);
                s1 = TChunk.MultiplyAdd(TChunk.Broadcast(ref a, leftRowStride), w0, s1);
                s2 = TChunk.MultiplyAdd(TChunk.Broadcast(ref a, 2 * leftRowStride), w0, s2);
                s3 = TChunk.MultiplyAdd(TChunk.Broadcast(ref a, 3 * leftRowStride), w0, s3);
                s4 = TChunk.MultiplyAdd(TChunk.Broadcast(ref a, 4 * leftRowStride), w0, s4);
                s5 = TChunk.MultiplyAdd(TChunk.Broadcast(ref a, 5 * leftRowStride), w0, s5);
                s6 = TChunk.MultiplyAdd(TChunk.Broadcast(ref a, 6 * leftRowStride), w0, s6);
                s7 = TChunk.MultiplyAdd(TChunk.Broadcast(ref a, 7 * leftRowStride), w0, s7);
                a = ref Unsafe.Add(ref a, leftInnerStride);
                w = ref Unsafe.Add(ref w, rightInnerStride);
            }
        }
        Finish<TOperator, TChunk, T>(s0, ref destination, 0, ref addend, 0, hasAddend);
        Finish<TOperator, TChunk, T>(s1, ref destination, destinationStride, ref addend, addendStride, hasAddend);
        Finish<TOperator, TChunk, T>(s2, ref destination, 2 * destinationStride, ref addend, 2 * addendStride, hasAddend);
        Finish<TOperator, TChunk, T>(s3, ref destination, 3 * destinationStride, ref addend, 3 * addendStride, hasAddend);
        Finish<TOperator, TChunk, T>(s4, ref destination, 4 * destinationStride, ref addend, 4 * addendStride, hasAddend);
        Finish<TOperator, TChunk, T>(s5, ref destination, 5 * destinationStride, ref addend, 5 * addendStride, hasAddend);
        Finish<TOperator, TChunk, T>(s6, ref destination, 6 * destinationStride, ref addend, 6 * addendStride, hasAddend);
        Finish<TOperator, TChunk, T>(s7, ref destination, 7 * destinationStride, ref addend, 7 * addendStride, hasAddend);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile4x1<TOperator, TChunk, T>(ref T destination, nint destinationStride, ref T addend, nint addendStride, bool hasAddend,
        ref T left, nint leftRowStride, nint leftInnerStride, nint leftGroupStride,
        ref T right, nint rightInnerStride, nint rightGroupStride, int inner, int groups)
        where TOperator : IActivationOperator<T>
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>
    {
        TChunk s0 = TChunk.Zero, s1 = TChunk.Zero, s2 = TChunk.Zero, s3 = TChunk.Zero;
        for (int g = 0; g < groups; g++)
        {
            ref T a = ref Unsafe.Add(ref left, g * leftGroupStride);
            ref T w = ref Unsafe.Add(ref right, g * rightGroupStride);
            for (int k = 0; k < inner; k++)
            {
                TChunk w0 = TChunk.Load(ref w, 0);
                s0 = TChunk.MultiplyAdd(TChunk.Broadcast(ref a, 0), w0, s0);
                s1 = TChunk.MultiplyAdd(TChunk.Broadcast(ref a, leftRowStride), w0, s1);
                s2 = TChunk.MultiplyAdd(TChunk.Broadcast(ref a, 2 * leftRowStride), w0, s2);
                s3 = TChunk.MultiplyAdd(TChunk.Broadcast(ref a, 3 * leftRowStride), w0, s3);
                a = ref Unsafe.Add(ref a, leftInnerStride);
                w = ref Unsafe.Add(ref w, rightInnerStride);
            }
        }
        Finish<TOperator, TChunk, T>(s0, ref destination, 0, ref addend, 0, hasAddend);
        Finish<TOperator, TChunk, T>(s1, ref destination, destinationStride, ref addend, addendStride, hasAddend);
        Finish<TOperator, TChunk, T>(s2, ref destination, 2 * destinationStride, ref addend, 2 * addendStride, hasAddend);
        Finish<TOperator, TChunk, T>(s3, ref destination, 3 * destinationStride, ref addend, 3 * addendStride, hasAddend);
    }

    /// <summary>
    /// One row, one chunk: four accumulators taken in turn along the inner loop (and summed in a fixed order at the
    /// end), so the multiply-adds of a long sum, such as a weight gradient over every step of a block, do not wait on
    /// one another.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile1x1<TOperator, TChunk, T>(ref T destination, ref T addend, bool hasAddend,
        ref T left, nint leftInnerStride, nint leftGroupStride,
        ref T right, nint rightInnerStride, nint rightGroupStride, int inner, int groups)
        where TOperator : IActivationOperator<T>
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>
    {
        TChunk s0 = TChunk.Zero, s1 = TChunk.Zero, s2 = TChunk.Zero, s3 = TChunk.Zero;
        for (int g = 0; g < groups; g++)
        {
            ref T a = ref Unsafe.Add(ref left, g * leftGroupStride);
            ref T w = ref Unsafe.Add(ref right, g * rightGroupStride);
            int k = 0;
            for (; k + 4 <= inner; k += 4)
            {
                s0 = TChunk.MultiplyAdd(TChunk.Broadcast(ref a, 0), TChunk.Load(ref w, 0), s0);
                s1 = TChunk.MultiplyAdd(TChunk.Broadcast(ref a, leftInnerStride), TChunk.Load(ref w, rightInnerStride), s1);
                s2 = TChunk.MultiplyAdd(TChunk.Broadcast(ref a, 2 * leftInnerStride), TChunk.Load(ref w, 2 * rightInnerStride), s2);
                s3 = TChunk.MultiplyAdd(TChunk.Broadcast(ref a, 3 * leftInnerStride), TChunk.Load(ref w, 3 * rightInnerStride), s3);
                a = ref Unsafe.Add(ref a, 4 * leftInnerStride);
                w = ref Unsafe.Add(ref w, 4 * rightInnerStride);
            }
            for (; k < inner; k++)
            {
                s0 = TChunk.MultiplyAdd(TChunk.Broadcast(ref a, 0), TChunk.Load(ref w, 0), s0);
                a = ref Unsafe.Add(ref a, leftInnerStride);
                w = ref Unsafe.Add(ref w, rightInnerStride);
            }
        }
        Finish<TOperator, TChunk, T>((s0 + s1) + (s2 + s3), ref destination, 0, ref addend, 0, hasAddend);
    }
}
