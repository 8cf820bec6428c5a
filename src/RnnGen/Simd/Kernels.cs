using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RnnGen;

/// <summary>
/// Vectorized building blocks over <c>ref T</c> rows, called by generated code. Each public kernel picks the widest
/// chunk type that fits its row length once (the branch folds when the length is a constant) and runs a generic body
/// written once against <see cref="IChunk{TSelf, T}"/>; the batched kernels run a whole sequence of rows in one call.
/// </summary>
/// <remarks>
/// Matrices are row-major, element [r, c] at <c>r * columns + c</c>. A row whose length is not a multiple of the
/// chunk width ends with a chunk that overlaps the one before it: kernels that write fresh values recompute the
/// overlap (same inputs, same result), kernels that accumulate mask it with <see cref="IChunk{TSelf, T}.ZeroLanesBelow"/>.
/// Destinations must not overlap sources unless a kernel says otherwise.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class Kernels
{
    /// <summary>destination[c] = Σ_r vector[r] · matrix[r, c], for c &lt; <paramref name="columns"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void VectorTimesMatrix<T>(ref T destination, ref T vector, int rows, ref T matrix, int columns)
        where T : INumber<T> =>
        MatrixTimesMatrix(ref destination, columns, ref vector, rows, 1, rows, ref matrix, columns, ref Unsafe.NullRef<T>(), accumulate: false);

    /// <summary>destination[c] += Σ_r vector[r] · matrix[r, c], for c &lt; <paramref name="columns"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddVectorTimesMatrix<T>(ref T destination, ref T vector, int rows, ref T matrix, int columns)
        where T : INumber<T> =>
        MatrixTimesMatrix(ref destination, columns, ref vector, rows, 1, rows, ref matrix, columns, ref Unsafe.NullRef<T>(), accumulate: true);

    /// <summary>
    /// destination row k = left row k · right for k &lt; <paramref name="count"/>: a batch of vector-matrix products, such
    /// as every step's input projection or logits. Row k of left starts at k·leftStride, row k of destination at
    /// k·destinationStride; right is inner × columns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MatrixTimesMatrix<T>(ref T destination, int destinationStride, ref T left, int leftStride, int count,
        int inner, ref T right, int columns) where T : INumber<T> =>
        MatrixTimesMatrix(ref destination, destinationStride, ref left, leftStride, count, inner, ref right, columns, ref Unsafe.NullRef<T>(), accumulate: false);

    /// <summary>Like the overload without a bias, adding <paramref name="bias"/> (length columns) to every row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MatrixTimesMatrix<T>(ref T destination, int destinationStride, ref T left, int leftStride, int count,
        int inner, ref T right, int columns, ref T bias) where T : INumber<T> =>
        MatrixTimesMatrix(ref destination, destinationStride, ref left, leftStride, count, inner, ref right, columns, ref bias, accumulate: false);

    /// <summary>
    /// matrix[r, c] += Σ_k left[k·leftStride + r] · right[k·rightStride + c] for k &lt; <paramref name="count"/>: the
    /// weight gradient of a batch of vector-matrix products, summed over the batch in registers and added once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddOuterProducts<T>(ref T matrix, ref T left, int leftStride, int rows, ref T right, int rightStride, int columns, int count)
        where T : INumber<T>
    {
        if (count <= 0)
            return;
        if (columns == 1)
        {
            // One column: the column is contiguous, so vectorize over the rows instead.
            if (Chunk512<T>.Fits(rows))
                AddScaledRows<Chunk512<T>, T>(ref matrix, ref left, leftStride, rows, ref right, rightStride, count);
            else if (Chunk256<T>.Fits(rows))
                AddScaledRows<Chunk256<T>, T>(ref matrix, ref left, leftStride, rows, ref right, rightStride, count);
            else if (Chunk128<T>.Fits(rows))
                AddScaledRows<Chunk128<T>, T>(ref matrix, ref left, leftStride, rows, ref right, rightStride, count);
            else if (HalfChunk512<T>.Fits(rows))
                AddScaledRows<HalfChunk512<T>, T>(ref matrix, ref left, leftStride, rows, ref right, rightStride, count);
            else if (HalfChunk256<T>.Fits(rows))
                AddScaledRows<HalfChunk256<T>, T>(ref matrix, ref left, leftStride, rows, ref right, rightStride, count);
            else
                AddScaledRows<ScalarChunk<T>, T>(ref matrix, ref left, leftStride, rows, ref right, rightStride, count);
            return;
        }
        if (Chunk512<T>.Fits(columns))
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddRows<T>(ref T destination, ref T source, int sourceStride, int count, int columns) where T : INumber<T>
    {
        if (Chunk512<T>.Fits(columns))
            AddRows<Chunk512<T>, T>(ref destination, ref source, sourceStride, count, columns);
        else if (Chunk256<T>.Fits(columns))
            AddRows<Chunk256<T>, T>(ref destination, ref source, sourceStride, count, columns);
        else if (Chunk128<T>.Fits(columns))
            AddRows<Chunk128<T>, T>(ref destination, ref source, sourceStride, count, columns);
        else if (HalfChunk512<T>.Fits(columns))
            AddRows<HalfChunk512<T>, T>(ref destination, ref source, sourceStride, count, columns);
        else if (HalfChunk256<T>.Fits(columns))
            AddRows<HalfChunk256<T>, T>(ref destination, ref source, sourceStride, count, columns);
        else
            AddRows<ScalarChunk<T>, T>(ref destination, ref source, sourceStride, count, columns);
    }

    /// <summary>destination[i] += scale · source[i], for i &lt; <paramref name="length"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddScaled<T>(ref T destination, ref T source, T scale, int length) where T : INumber<T>
    {
        if (Chunk512<T>.Fits(length))
            AddScaledRows<Chunk512<T>, T>(ref destination, ref source, 0, length, ref scale, 0, 1);
        else if (Chunk256<T>.Fits(length))
            AddScaledRows<Chunk256<T>, T>(ref destination, ref source, 0, length, ref scale, 0, 1);
        else if (Chunk128<T>.Fits(length))
            AddScaledRows<Chunk128<T>, T>(ref destination, ref source, 0, length, ref scale, 0, 1);
        else if (HalfChunk512<T>.Fits(length))
            AddScaledRows<HalfChunk512<T>, T>(ref destination, ref source, 0, length, ref scale, 0, 1);
        else if (HalfChunk256<T>.Fits(length))
            AddScaledRows<HalfChunk256<T>, T>(ref destination, ref source, 0, length, ref scale, 0, 1);
        else
            AddScaledRows<ScalarChunk<T>, T>(ref destination, ref source, 0, length, ref scale, 0, 1);
    }

    /// <summary>destination[i] += source[i], for i &lt; <paramref name="length"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add<T>(ref T destination, ref T source, int length) where T : INumber<T> =>
        AddRows(ref destination, ref source, length, 1, length);

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

    /// <summary>
    /// gradient[i] = (outputs[i] − targets[i]) · f'(a_i), where outputs[i] = f(a_i); returns Σ_i (outputs[i] − targets[i])².
    /// The squared-error loss and its gradient in one pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T SquaredErrorGradient<TOperator, T>(ref T gradient, ref T outputs, ref T targets, int length)
        where TOperator : IActivationOperator<T>
        where T : INumber<T>
    {
        if (Chunk512<T>.Fits(length))
            return SquaredErrorGradient<TOperator, Chunk512<T>, T>(ref gradient, ref outputs, ref targets, length);
        if (Chunk256<T>.Fits(length))
            return SquaredErrorGradient<TOperator, Chunk256<T>, T>(ref gradient, ref outputs, ref targets, length);
        if (Chunk128<T>.Fits(length))
            return SquaredErrorGradient<TOperator, Chunk128<T>, T>(ref gradient, ref outputs, ref targets, length);
        if (HalfChunk512<T>.Fits(length))
            return SquaredErrorGradient<TOperator, HalfChunk512<T>, T>(ref gradient, ref outputs, ref targets, length);
        if (HalfChunk256<T>.Fits(length))
            return SquaredErrorGradient<TOperator, HalfChunk256<T>, T>(ref gradient, ref outputs, ref targets, length);
        return SquaredErrorGradient<TOperator, ScalarChunk<T>, T>(ref gradient, ref outputs, ref targets, length);
    }

    /// <summary>destination[c, r] = source[r, c]: <paramref name="source"/> is rows × columns, the result columns × rows.</summary>
    /// <remarks>
    /// Float and double go through register blocks on x86: 8 × 8 and 4 × 4 with AVX when both sides are multiples of
    /// the block, else 4 × 4 and 2 × 2 (a few shuffles per row of a block instead of one load and store per element);
    /// the edges and other element types are copied element by element.
    /// </remarks>
    public static void Transpose<T>(ref T destination, ref T source, int rows, int columns)
    {
        int blockedRows = 0, blockedColumns = 0;
        if (typeof(T) == typeof(float) && Avx.IsSupported && rows % 8 == 0 && columns % 8 == 0)
        {
            (blockedRows, blockedColumns) = (rows, columns);
            TransposeAvxBlocks8(ref Unsafe.As<T, float>(ref destination), ref Unsafe.As<T, float>(ref source), rows, columns);
        }
        else if (typeof(T) == typeof(double) && Avx.IsSupported && rows % 4 == 0 && columns % 4 == 0)
        {
            (blockedRows, blockedColumns) = (rows, columns);
            TransposeAvxBlocks4(ref Unsafe.As<T, double>(ref destination), ref Unsafe.As<T, double>(ref source), rows, columns);
        }
        else if (typeof(T) == typeof(float) && Sse.IsSupported)
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

    private static void TransposeAvxBlocks8(ref float destination, ref float source, int rows, int columns)
    {
        for (int r = 0; r < rows; r += 8)
        {
            for (int c = 0; c < columns; c += 8)
            {
                ref float corner = ref Unsafe.Add(ref source, (r * columns) + c);
                nuint stride = (nuint)columns;
                Vector256<float> a = Vector256.LoadUnsafe(ref corner), b = Vector256.LoadUnsafe(ref corner, stride);
                Vector256<float> d = Vector256.LoadUnsafe(ref corner, 2 * stride), e = Vector256.LoadUnsafe(ref corner, 3 * stride);
                Vector256<float> f = Vector256.LoadUnsafe(ref corner, 4 * stride), g = Vector256.LoadUnsafe(ref corner, 5 * stride);
                Vector256<float> h = Vector256.LoadUnsafe(ref corner, 6 * stride), k = Vector256.LoadUnsafe(ref corner, 7 * stride);
                // Pairs of rows interleaved, then quadruples (columns c and c + 4 of four rows in the two halves), then
                // the halves of the upper and lower four rows joined into whole columns.
                Vector256<float> ab0 = Avx.UnpackLow(a, b), ab1 = Avx.UnpackHigh(a, b), de0 = Avx.UnpackLow(d, e), de1 = Avx.UnpackHigh(d, e);
                Vector256<float> fg0 = Avx.UnpackLow(f, g), fg1 = Avx.UnpackHigh(f, g), hk0 = Avx.UnpackLow(h, k), hk1 = Avx.UnpackHigh(h, k);
                Vector256<float> upper0 = Avx.Shuffle(ab0, de0, 0x44), upper1 = Avx.Shuffle(ab0, de0, 0xEE);
                Vector256<float> upper2 = Avx.Shuffle(ab1, de1, 0x44), upper3 = Avx.Shuffle(ab1, de1, 0xEE);
                Vector256<float> lower0 = Avx.Shuffle(fg0, hk0, 0x44), lower1 = Avx.Shuffle(fg0, hk0, 0xEE);
                Vector256<float> lower2 = Avx.Shuffle(fg1, hk1, 0x44), lower3 = Avx.Shuffle(fg1, hk1, 0xEE);
                ref float target = ref Unsafe.Add(ref destination, (c * rows) + r);
                nuint targetStride = (nuint)rows;
                Avx.Permute2x128(upper0, lower0, 0x20).StoreUnsafe(ref target);
                Avx.Permute2x128(upper1, lower1, 0x20).StoreUnsafe(ref target, targetStride);
                Avx.Permute2x128(upper2, lower2, 0x20).StoreUnsafe(ref target, 2 * targetStride);
                Avx.Permute2x128(upper3, lower3, 0x20).StoreUnsafe(ref target, 3 * targetStride);
                Avx.Permute2x128(upper0, lower0, 0x31).StoreUnsafe(ref target, 4 * targetStride);
                Avx.Permute2x128(upper1, lower1, 0x31).StoreUnsafe(ref target, 5 * targetStride);
                Avx.Permute2x128(upper2, lower2, 0x31).StoreUnsafe(ref target, 6 * targetStride);
                Avx.Permute2x128(upper3, lower3, 0x31).StoreUnsafe(ref target, 7 * targetStride);
            }
        }
    }

    private static void TransposeAvxBlocks4(ref double destination, ref double source, int rows, int columns)
    {
        for (int r = 0; r < rows; r += 4)
        {
            for (int c = 0; c < columns; c += 4)
            {
                ref double corner = ref Unsafe.Add(ref source, (r * columns) + c);
                nuint stride = (nuint)columns;
                Vector256<double> a = Vector256.LoadUnsafe(ref corner), b = Vector256.LoadUnsafe(ref corner, stride);
                Vector256<double> d = Vector256.LoadUnsafe(ref corner, 2 * stride), e = Vector256.LoadUnsafe(ref corner, 3 * stride);
                // Pairs of rows interleaved (columns c, c + 2 and c + 1, c + 3 in the two halves), then the halves joined.
                Vector256<double> ab0 = Avx.UnpackLow(a, b), ab1 = Avx.UnpackHigh(a, b), de0 = Avx.UnpackLow(d, e), de1 = Avx.UnpackHigh(d, e);
                ref double target = ref Unsafe.Add(ref destination, (c * rows) + r);
                nuint targetStride = (nuint)rows;
                Avx.Permute2x128(ab0, de0, 0x20).StoreUnsafe(ref target);
                Avx.Permute2x128(ab1, de1, 0x20).StoreUnsafe(ref target, targetStride);
                Avx.Permute2x128(ab0, de0, 0x31).StoreUnsafe(ref target, 2 * targetStride);
                Avx.Permute2x128(ab1, de1, 0x31).StoreUnsafe(ref target, 3 * targetStride);
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

    /// <summary>The shared entry of the vector-matrix kernels: one column is a dot product per row, several a chunked product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MatrixTimesMatrix<T>(ref T destination, int destinationStride, ref T left, int leftStride, int count,
        int inner, ref T right, int columns, ref T bias, bool accumulate) where T : INumber<T>
    {
        if (columns == 1)
        {
            if (Chunk512<T>.Fits(inner))
                MatrixTimesColumn<Chunk512<T>, T>(ref destination, destinationStride, ref left, leftStride, count, inner, ref right, ref bias, accumulate);
            else if (Chunk256<T>.Fits(inner))
                MatrixTimesColumn<Chunk256<T>, T>(ref destination, destinationStride, ref left, leftStride, count, inner, ref right, ref bias, accumulate);
            else if (Chunk128<T>.Fits(inner))
                MatrixTimesColumn<Chunk128<T>, T>(ref destination, destinationStride, ref left, leftStride, count, inner, ref right, ref bias, accumulate);
            else if (HalfChunk512<T>.Fits(inner))
                MatrixTimesColumn<HalfChunk512<T>, T>(ref destination, destinationStride, ref left, leftStride, count, inner, ref right, ref bias, accumulate);
            else if (HalfChunk256<T>.Fits(inner))
                MatrixTimesColumn<HalfChunk256<T>, T>(ref destination, destinationStride, ref left, leftStride, count, inner, ref right, ref bias, accumulate);
            else
                MatrixTimesColumn<ScalarChunk<T>, T>(ref destination, destinationStride, ref left, leftStride, count, inner, ref right, ref bias, accumulate);
            return;
        }
        if (Chunk512<T>.Fits(columns))
            MatrixTimesMatrix<Chunk512<T>, T>(ref destination, destinationStride, ref left, leftStride, count, inner, ref right, columns, ref bias, accumulate);
        else if (Chunk256<T>.Fits(columns))
            MatrixTimesMatrix<Chunk256<T>, T>(ref destination, destinationStride, ref left, leftStride, count, inner, ref right, columns, ref bias, accumulate);
        else if (Chunk128<T>.Fits(columns))
            MatrixTimesMatrix<Chunk128<T>, T>(ref destination, destinationStride, ref left, leftStride, count, inner, ref right, columns, ref bias, accumulate);
        else if (HalfChunk512<T>.Fits(columns))
            MatrixTimesMatrix<HalfChunk512<T>, T>(ref destination, destinationStride, ref left, leftStride, count, inner, ref right, columns, ref bias, accumulate);
        else if (HalfChunk256<T>.Fits(columns))
            MatrixTimesMatrix<HalfChunk256<T>, T>(ref destination, destinationStride, ref left, leftStride, count, inner, ref right, columns, ref bias, accumulate);
        else
            MatrixTimesMatrix<ScalarChunk<T>, T>(ref destination, destinationStride, ref left, leftStride, count, inner, ref right, columns, ref bias, accumulate);
    }
}
