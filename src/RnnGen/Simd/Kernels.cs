using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RnnGen;

/// <summary>
/// Vectorized building blocks over <c>ref T</c> rows, called by generated code with constant sizes. Each public
/// kernel picks the widest chunk type that fits the row length (the branch folds when the length is a constant)
/// and runs a generic body written once against <see cref="IChunk{TSelf, T}"/>.
/// </summary>
/// <remarks>
/// Matrices are row-major, element [r, c] at <c>r * columns + c</c>. A row whose length is not a multiple of the
/// chunk width ends with a chunk that overlaps the one before it: kernels that write fresh values recompute the
/// overlap (same inputs, same result), kernels that accumulate mask it with <see cref="IChunk{TSelf, T}.ZeroLanesBelow"/>.
/// Destinations must not overlap sources.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Kernels
{
    /// <summary>destination[c] = Σ_r vector[r] · matrix[r, c], for c &lt; <paramref name="columns"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void VectorTimesMatrix<T>(ref T destination, ref T vector, int rows, ref T matrix, int columns)
        where T : INumber<T>
    {
        if (columns == 1)
            destination = Dot(ref vector, ref matrix, rows);
        else if (Chunk512<T>.Fits(columns))
            VectorTimesMatrix<Chunk512<T>, T>(ref destination, ref vector, rows, ref matrix, columns, accumulate: false);
        else if (Chunk256<T>.Fits(columns))
            VectorTimesMatrix<Chunk256<T>, T>(ref destination, ref vector, rows, ref matrix, columns, accumulate: false);
        else if (Chunk128<T>.Fits(columns))
            VectorTimesMatrix<Chunk128<T>, T>(ref destination, ref vector, rows, ref matrix, columns, accumulate: false);
        else if (HalfChunk512<T>.Fits(columns))
            VectorTimesMatrix<HalfChunk512<T>, T>(ref destination, ref vector, rows, ref matrix, columns, accumulate: false);
        else if (HalfChunk256<T>.Fits(columns))
            VectorTimesMatrix<HalfChunk256<T>, T>(ref destination, ref vector, rows, ref matrix, columns, accumulate: false);
        else
            VectorTimesMatrix<ScalarChunk<T>, T>(ref destination, ref vector, rows, ref matrix, columns, accumulate: false);
    }

    /// <summary>destination[c] += Σ_r vector[r] · matrix[r, c], for c &lt; <paramref name="columns"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddVectorTimesMatrix<T>(ref T destination, ref T vector, int rows, ref T matrix, int columns)
        where T : INumber<T>
    {
        if (columns == 1)
            destination += Dot(ref vector, ref matrix, rows);
        else if (Chunk512<T>.Fits(columns))
            VectorTimesMatrix<Chunk512<T>, T>(ref destination, ref vector, rows, ref matrix, columns, accumulate: true);
        else if (Chunk256<T>.Fits(columns))
            VectorTimesMatrix<Chunk256<T>, T>(ref destination, ref vector, rows, ref matrix, columns, accumulate: true);
        else if (Chunk128<T>.Fits(columns))
            VectorTimesMatrix<Chunk128<T>, T>(ref destination, ref vector, rows, ref matrix, columns, accumulate: true);
        else if (HalfChunk512<T>.Fits(columns))
            VectorTimesMatrix<HalfChunk512<T>, T>(ref destination, ref vector, rows, ref matrix, columns, accumulate: true);
        else if (HalfChunk256<T>.Fits(columns))
            VectorTimesMatrix<HalfChunk256<T>, T>(ref destination, ref vector, rows, ref matrix, columns, accumulate: true);
        else
            VectorTimesMatrix<ScalarChunk<T>, T>(ref destination, ref vector, rows, ref matrix, columns, accumulate: true);
    }

    /// <summary>
    /// destination row k = left row k · right (+ bias) for k &lt; <paramref name="count"/>: a batch of vector-matrix
    /// products, such as every step's input projection or logits. Row k of left starts at k·leftStride, row k of
    /// destination at k·destinationStride; right is inner × columns.
    /// </summary>
    public static void MatrixTimesMatrix<T>(ref T destination, int destinationStride, ref T left, int leftStride, int count,
        int inner, ref T right, int columns) where T : INumber<T> =>
        MatrixTimesMatrix(ref destination, destinationStride, ref left, leftStride, count, inner, ref right, columns, ref Unsafe.NullRef<T>());

    /// <summary>Like <see cref="MatrixTimesMatrix{T}(ref T, int, ref T, int, int, int, ref T, int)"/>, adding <paramref name="bias"/> (length columns) to every row.</summary>
    public static void MatrixTimesMatrix<T>(ref T destination, int destinationStride, ref T left, int leftStride, int count,
        int inner, ref T right, int columns, ref T bias) where T : INumber<T>
    {
        for (int k = 0; k < count; k++)
        {
            ref T row = ref Unsafe.Add(ref destination, k * destinationStride);
            if (Unsafe.IsNullRef(ref bias))
                VectorTimesMatrix(ref row, ref Unsafe.Add(ref left, k * leftStride), inner, ref right, columns);
            else
            {
                Copy(ref row, ref bias, columns);
                AddVectorTimesMatrix(ref row, ref Unsafe.Add(ref left, k * leftStride), inner, ref right, columns);
            }
        }
    }

    /// <summary>
    /// matrix[r, c] += Σ_k left[k·leftStride + r] · right[k·rightStride + c] for k &lt; <paramref name="count"/>: the
    /// weight gradient of a batch of vector-matrix products, summed over the batch in registers and added once.
    /// </summary>
    public static void AddOuterProducts<T>(ref T matrix, ref T left, int leftStride, int rows, ref T right, int rightStride, int columns, int count)
        where T : INumber<T>
    {
        if (count <= 0)
            return;
        if (columns == 1)
            AddOuterProducts<T>(ref matrix, ref left, leftStride, rows, ref right, rightStride, count);
        else if (Chunk512<T>.Fits(columns))
            AddOuterProducts<Chunk512<T>, T>(ref matrix, ref left, leftStride, rows, ref right, rightStride, columns, count);
        else if (Chunk256<T>.Fits(columns))
            AddOuterProducts<Chunk256<T>, T>(ref matrix, ref left, leftStride, rows, ref right, rightStride, columns, count);
        else if (Chunk128<T>.Fits(columns))
            AddOuterProducts<Chunk128<T>, T>(ref matrix, ref left, leftStride, rows, ref right, rightStride, columns, count);
        else if (HalfChunk512<T>.Fits(columns))
            AddOuterProducts<HalfChunk512<T>, T>(ref matrix, ref left, leftStride, rows, ref right, rightStride, columns, count);
        else if (HalfChunk256<T>.Fits(columns))
            AddOuterProducts<HalfChunk256<T>, T>(ref matrix, ref left, leftStride, rows, ref right, rightStride, columns, count);
        else
            AddOuterProducts<ScalarChunk<T>, T>(ref matrix, ref left, leftStride, rows, ref right, rightStride, columns, count);
    }

    /// <summary>destination[c] += Σ_k source[k·sourceStride + c] for k &lt; <paramref name="count"/>: the bias gradient of a batch.</summary>
    public static void AddRows<T>(ref T destination, ref T source, int sourceStride, int count, int columns) where T : INumber<T>
    {
        for (int k = 0; k < count; k++)
            Add(ref destination, ref Unsafe.Add(ref source, k * sourceStride), columns);
    }

    /// <summary>matrix[r, c] += left[r] · right[c]: the gradient of a vector-matrix product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddOuterProduct<T>(ref T matrix, ref T left, int rows, ref T right, int columns)
        where T : INumber<T>
    {
        if (columns == 1)
            AddScaled(ref matrix, ref left, right, rows);
        else if (Chunk512<T>.Fits(columns))
            AddOuterProduct<Chunk512<T>, T>(ref matrix, ref left, rows, ref right, columns);
        else if (Chunk256<T>.Fits(columns))
            AddOuterProduct<Chunk256<T>, T>(ref matrix, ref left, rows, ref right, columns);
        else if (Chunk128<T>.Fits(columns))
            AddOuterProduct<Chunk128<T>, T>(ref matrix, ref left, rows, ref right, columns);
        else if (HalfChunk512<T>.Fits(columns))
            AddOuterProduct<HalfChunk512<T>, T>(ref matrix, ref left, rows, ref right, columns);
        else if (HalfChunk256<T>.Fits(columns))
            AddOuterProduct<HalfChunk256<T>, T>(ref matrix, ref left, rows, ref right, columns);
        else
            AddOuterProduct<ScalarChunk<T>, T>(ref matrix, ref left, rows, ref right, columns);
    }

    /// <summary>destination[i] += scale · source[i], for i &lt; <paramref name="length"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled<T>(ref T destination, ref T source, T scale, int length) where T : INumber<T>
    {
        if (Chunk512<T>.Fits(length))
            AddScaled<Chunk512<T>, T>(ref destination, ref source, scale, length);
        else if (Chunk256<T>.Fits(length))
            AddScaled<Chunk256<T>, T>(ref destination, ref source, scale, length);
        else if (Chunk128<T>.Fits(length))
            AddScaled<Chunk128<T>, T>(ref destination, ref source, scale, length);
        else if (HalfChunk512<T>.Fits(length))
            AddScaled<HalfChunk512<T>, T>(ref destination, ref source, scale, length);
        else if (HalfChunk256<T>.Fits(length))
            AddScaled<HalfChunk256<T>, T>(ref destination, ref source, scale, length);
        else
            AddScaled<ScalarChunk<T>, T>(ref destination, ref source, scale, length);
    }

    /// <summary>destination[i] += source[i], for i &lt; <paramref name="length"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add<T>(ref T destination, ref T source, int length) where T : INumber<T> =>
        AddScaled(ref destination, ref source, T.One, length);

    /// <summary>Σ_i left[i] · right[i].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Dot<T>(ref T left, ref T right, int length) where T : INumber<T>
    {
        if (Chunk512<T>.Fits(length))
            return Dot<Chunk512<T>, T>(ref left, ref right, length);
        if (Chunk256<T>.Fits(length))
            return Dot<Chunk256<T>, T>(ref left, ref right, length);
        if (Chunk128<T>.Fits(length))
            return Dot<Chunk128<T>, T>(ref left, ref right, length);
        if (HalfChunk512<T>.Fits(length))
            return Dot<HalfChunk512<T>, T>(ref left, ref right, length);
        if (HalfChunk256<T>.Fits(length))
            return Dot<HalfChunk256<T>, T>(ref left, ref right, length);
        return Dot<ScalarChunk<T>, T>(ref left, ref right, length);
    }

    /// <summary>destination[i] = f(source[i]), for i &lt; <paramref name="length"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Activate<TOperator, T>(ref T destination, ref T source, int length)
        where TOperator : IActivationOperator<T>
        where T : INumber<T>
    {
        if (Chunk512<T>.Fits(length))
            Activate<TOperator, Chunk512<T>, T>(ref destination, ref source, length);
        else if (Chunk256<T>.Fits(length))
            Activate<TOperator, Chunk256<T>, T>(ref destination, ref source, length);
        else if (Chunk128<T>.Fits(length))
            Activate<TOperator, Chunk128<T>, T>(ref destination, ref source, length);
        else if (HalfChunk512<T>.Fits(length))
            Activate<TOperator, HalfChunk512<T>, T>(ref destination, ref source, length);
        else if (HalfChunk256<T>.Fits(length))
            Activate<TOperator, HalfChunk256<T>, T>(ref destination, ref source, length);
        else
            Activate<TOperator, ScalarChunk<T>, T>(ref destination, ref source, length);
    }

    /// <summary>
    /// destination[i] = gradient[i] · f'(a_i), where outputs[i] = f(a_i): backpropagation through an activation.
    /// <paramref name="destination"/> may be <paramref name="gradient"/> itself.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MultiplyByDerivative<TOperator, T>(ref T destination, ref T gradient, ref T outputs, int length)
        where TOperator : IActivationOperator<T>
        where T : INumber<T>
    {
        if (Chunk512<T>.Fits(length))
            MultiplyByDerivative<TOperator, Chunk512<T>, T>(ref destination, ref gradient, ref outputs, length);
        else if (Chunk256<T>.Fits(length))
            MultiplyByDerivative<TOperator, Chunk256<T>, T>(ref destination, ref gradient, ref outputs, length);
        else if (Chunk128<T>.Fits(length))
            MultiplyByDerivative<TOperator, Chunk128<T>, T>(ref destination, ref gradient, ref outputs, length);
        else if (HalfChunk512<T>.Fits(length))
            MultiplyByDerivative<TOperator, HalfChunk512<T>, T>(ref destination, ref gradient, ref outputs, length);
        else if (HalfChunk256<T>.Fits(length))
            MultiplyByDerivative<TOperator, HalfChunk256<T>, T>(ref destination, ref gradient, ref outputs, length);
        else
            MultiplyByDerivative<TOperator, ScalarChunk<T>, T>(ref destination, ref gradient, ref outputs, length);
    }

    /// <summary>destination[c, r] = source[r, c]: <paramref name="source"/> is rows × columns, the result columns × rows.</summary>
    /// <remarks>
    /// Float and double go through 4 × 4 and 2 × 2 register blocks on x86 (eight and two shuffles per block instead of
    /// one load and store per element); the edges and other element types are copied element by element.
    /// </remarks>
    public static void Transpose<T>(ref T destination, ref T source, int rows, int columns)
    {
        int blockedRows = 0, blockedColumns = 0;
        if (typeof(T) == typeof(float) && Sse.IsSupported)
        {
            (blockedRows, blockedColumns) = (rows & ~3, columns & ~3);
            TransposeBlocks4(ref Unsafe.As<T, float>(ref destination), ref Unsafe.As<T, float>(ref source), rows, columns, blockedRows, blockedColumns);
        }
        else if (typeof(T) == typeof(double) && Sse2.IsSupported)
        {
            (blockedRows, blockedColumns) = (rows & ~1, columns & ~1);
            TransposeBlocks2(ref Unsafe.As<T, double>(ref destination), ref Unsafe.As<T, double>(ref source), rows, columns, blockedRows, blockedColumns);
        }
        // Whatever the blocks left: the columns right of them in their rows, then the rows below them.
        for (int r = 0; r < rows; r++)
        {
            for (int c = r < blockedRows ? blockedColumns : 0; c < columns; c++)
                Unsafe.Add(ref destination, (c * rows) + r) = Unsafe.Add(ref source, (r * columns) + c);
        }
    }

    private static void TransposeBlocks4(ref float destination, ref float source, int rows, int columns, int blockedRows, int blockedColumns)
    {
        for (int r = 0; r < blockedRows; r += 4)
        {
            for (int c = 0; c < blockedColumns; c += 4)
            {
                ref float corner = ref Unsafe.Add(ref source, (r * columns) + c);
                Vector128<float> a = Vector128.LoadUnsafe(ref corner), b = Vector128.LoadUnsafe(ref corner, (nuint)columns);
                Vector128<float> d = Vector128.LoadUnsafe(ref corner, (nuint)(2 * columns)), e = Vector128.LoadUnsafe(ref corner, (nuint)(3 * columns));
                Vector128<float> ab01 = Sse.UnpackLow(a, b), ab23 = Sse.UnpackHigh(a, b), de01 = Sse.UnpackLow(d, e), de23 = Sse.UnpackHigh(d, e);
                ref float target = ref Unsafe.Add(ref destination, (c * rows) + r);
                Sse.MoveLowToHigh(ab01, de01).StoreUnsafe(ref target);
                Sse.MoveHighToLow(de01, ab01).StoreUnsafe(ref target, (nuint)rows);
                Sse.MoveLowToHigh(ab23, de23).StoreUnsafe(ref target, (nuint)(2 * rows));
                Sse.MoveHighToLow(de23, ab23).StoreUnsafe(ref target, (nuint)(3 * rows));
            }
        }
    }

    private static void TransposeBlocks2(ref double destination, ref double source, int rows, int columns, int blockedRows, int blockedColumns)
    {
        for (int r = 0; r < blockedRows; r += 2)
        {
            for (int c = 0; c < blockedColumns; c += 2)
            {
                ref double corner = ref Unsafe.Add(ref source, (r * columns) + c);
                Vector128<double> a = Vector128.LoadUnsafe(ref corner), b = Vector128.LoadUnsafe(ref corner, (nuint)columns);
                ref double target = ref Unsafe.Add(ref destination, (c * rows) + r);
                Sse2.UnpackLow(a, b).StoreUnsafe(ref target);
                Sse2.UnpackHigh(a, b).StoreUnsafe(ref target, (nuint)rows);
            }
        }
    }

    /// <summary>destination[r, c] += source[c, r]: adds the transpose of a columns × rows matrix to a rows × columns one.</summary>
    public static void AddTransposed<T>(ref T destination, ref T source, int rows, int columns) where T : INumber<T>
    {
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
                Unsafe.Add(ref destination, (r * columns) + c) += Unsafe.Add(ref source, (c * rows) + r);
        }
    }

    /// <summary>Sets <paramref name="length"/> elements to zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear<T>(ref T destination, int length) => MemoryMarshal.CreateSpan(ref destination, length).Clear();

    /// <summary>Copies <paramref name="length"/> elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy<T>(ref T destination, ref T source, int length) =>
        MemoryMarshal.CreateReadOnlySpan(ref source, length).CopyTo(MemoryMarshal.CreateSpan(ref destination, length));

    /// <summary>The span of <paramref name="length"/> elements starting <paramref name="offset"/> elements after <paramref name="origin"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Span<T> Slice<T>(ref T origin, int offset, int length) =>
        MemoryMarshal.CreateSpan(ref Unsafe.Add(ref origin, offset), length);

    // ---- Generic bodies, one per kernel, specialized by the JIT for each chunk type. ----

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void VectorTimesMatrix<TChunk, T>(ref T destination, ref T vector, int rows, ref T matrix, int columns, bool accumulate)
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>
    {
        for (int chunk = 0; chunk < columns; chunk += TChunk.Count)
        {
            int c = Math.Min(chunk, columns - TChunk.Count);

            // Four partial sums keep four multiply-adds in flight instead of one dependent chain.
            TChunk sum0 = TChunk.Zero, sum1 = TChunk.Zero, sum2 = TChunk.Zero, sum3 = TChunk.Zero;
            int r = 0;
            for (; r + 4 <= rows; r += 4)
            {
                sum0 = TChunk.MultiplyAdd(TChunk.Broadcast(ref vector, r), TChunk.Load(ref matrix, (r * columns) + c), sum0);
                sum1 = TChunk.MultiplyAdd(TChunk.Broadcast(ref vector, r + 1), TChunk.Load(ref matrix, ((r + 1) * columns) + c), sum1);
                sum2 = TChunk.MultiplyAdd(TChunk.Broadcast(ref vector, r + 2), TChunk.Load(ref matrix, ((r + 2) * columns) + c), sum2);
                sum3 = TChunk.MultiplyAdd(TChunk.Broadcast(ref vector, r + 3), TChunk.Load(ref matrix, ((r + 3) * columns) + c), sum3);
            }
            for (; r < rows; r++)
                sum0 = TChunk.MultiplyAdd(TChunk.Broadcast(ref vector, r), TChunk.Load(ref matrix, (r * columns) + c), sum0);

            TChunk sum = (sum0 + sum1) + (sum2 + sum3);
            if (accumulate)
                sum = TChunk.Load(ref destination, c) + TChunk.ZeroLanesBelow(sum, chunk - c);
            TChunk.Store(sum, ref destination, c);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddOuterProducts<TChunk, T>(ref T matrix, ref T left, int leftStride, int rows, ref T right, int rightStride, int columns, int count)
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>
    {
        for (int chunk = 0; chunk < columns; chunk += TChunk.Count)
        {
            int c = Math.Min(chunk, columns - TChunk.Count);
            for (int r = 0; r < rows; r++)
            {
                TChunk sum0 = TChunk.Zero, sum1 = TChunk.Zero;
                int k = 0;
                for (; k + 2 <= count; k += 2)
                {
                    sum0 = TChunk.MultiplyAdd(TChunk.Broadcast(ref left, (k * leftStride) + r), TChunk.Load(ref right, (k * rightStride) + c), sum0);
                    sum1 = TChunk.MultiplyAdd(TChunk.Broadcast(ref left, ((k + 1) * leftStride) + r), TChunk.Load(ref right, ((k + 1) * rightStride) + c), sum1);
                }
                if (k < count)
                    sum0 = TChunk.MultiplyAdd(TChunk.Broadcast(ref left, (k * leftStride) + r), TChunk.Load(ref right, (k * rightStride) + c), sum0);
                TChunk.Accumulate(ref matrix, (r * columns) + c, TChunk.ZeroLanesBelow(sum0 + sum1, chunk - c));
            }
        }
    }

    /// <summary>The one-column case: matrix[r] += Σ_k left[k·leftStride + r] · right[k·rightStride], vectorized over r.</summary>
    private static void AddOuterProducts<T>(ref T matrix, ref T left, int leftStride, int rows, ref T right, int rightStride, int count)
        where T : INumber<T>
    {
        for (int k = 0; k < count; k++)
            AddScaled(ref matrix, ref Unsafe.Add(ref left, k * leftStride), Unsafe.Add(ref right, k * rightStride), rows);
    }

    private static void AddOuterProduct<TChunk, T>(ref T matrix, ref T left, int rows, ref T right, int columns)
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>
    {
        for (int chunk = 0; chunk < columns; chunk += TChunk.Count)
        {
            int c = Math.Min(chunk, columns - TChunk.Count);
            TChunk fresh = TChunk.ZeroLanesBelow(TChunk.Load(ref right, c), chunk - c);
            for (int r = 0; r < rows; r++)
            {
                int at = (r * columns) + c;
                TChunk.Store(TChunk.MultiplyAdd(TChunk.Broadcast(ref left, r), fresh, TChunk.Load(ref matrix, at)), ref matrix, at);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddScaled<TChunk, T>(ref T destination, ref T source, T scale, int length)
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>
    {
        TChunk factor = TChunk.Broadcast(scale);
        for (int chunk = 0; chunk < length; chunk += TChunk.Count)
        {
            int i = Math.Min(chunk, length - TChunk.Count);
            TChunk fresh = TChunk.ZeroLanesBelow(TChunk.Load(ref source, i), chunk - i);
            TChunk.Store(TChunk.MultiplyAdd(factor, fresh, TChunk.Load(ref destination, i)), ref destination, i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static T Dot<TChunk, T>(ref T left, ref T right, int length)
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>
    {
        TChunk sum0 = TChunk.Zero, sum1 = TChunk.Zero;
        int chunk = 0;
        for (; chunk + (2 * TChunk.Count) <= length; chunk += 2 * TChunk.Count)
        {
            sum0 = TChunk.MultiplyAdd(TChunk.Load(ref left, chunk), TChunk.Load(ref right, chunk), sum0);
            sum1 = TChunk.MultiplyAdd(TChunk.Load(ref left, chunk + TChunk.Count), TChunk.Load(ref right, chunk + TChunk.Count), sum1);
        }
        for (; chunk < length; chunk += TChunk.Count)
        {
            int i = Math.Min(chunk, length - TChunk.Count);
            TChunk product = TChunk.Load(ref left, i) * TChunk.Load(ref right, i);
            sum0 += TChunk.ZeroLanesBelow(product, chunk - i);
        }
        return TChunk.Sum(sum0 + sum1);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Activate<TOperator, TChunk, T>(ref T destination, ref T source, int length)
        where TOperator : IActivationOperator<T>
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>
    {
        for (int chunk = 0; chunk < length; chunk += TChunk.Count)
        {
            int i = Math.Min(chunk, length - TChunk.Count);
            TChunk.Store(TChunk.Activate<TOperator>(TChunk.Load(ref source, i)), ref destination, i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyByDerivative<TOperator, TChunk, T>(ref T destination, ref T gradient, ref T outputs, int length)
        where TOperator : IActivationOperator<T>
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>
    {
        // Whole chunks, then the remainder one element at a time: no chunk overlaps another, so the product may be
        // written over the gradient it reads.
        int i = 0;
        for (; i + TChunk.Count <= length; i += TChunk.Count)
        {
            TChunk derivative = TChunk.DerivativeFromOutput<TOperator>(TChunk.Load(ref outputs, i));
            TChunk.Store(TChunk.Load(ref gradient, i) * derivative, ref destination, i);
        }
        for (; i < length; i++)
            Unsafe.Add(ref destination, i) = Unsafe.Add(ref gradient, i) * TOperator.DerivativeFromOutput(Unsafe.Add(ref outputs, i));
    }
}
