using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace RnnGen;

// The generic bodies of the kernels, one per operation, specialized by the JIT for each chunk type. Each is compiled
// fully optimized at its first call (no tiering): they are small, hot, and have no branches for PGO to learn from.
public static partial class Kernels
{
    // The loops below walk refs forward by constant strides instead of computing k·stride + c for every element: the
    // index arithmetic (a multiply, an add and a sign extension per access) used to cost more than the multiply-adds.

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MatrixTimesMatrix<TChunk, T>(ref T destination, int destinationStride, ref T left, int leftStride, int count,
        int inner, ref T right, int columns, ref T bias, bool accumulate)
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>
    {
        bool hasBias = !Unsafe.IsNullRef(ref bias);
        nint rowStride = columns;
        for (int chunk = 0; chunk < columns; chunk += TChunk.Count)
        {
            int c = Math.Min(chunk, columns - TChunk.Count);
            TChunk start = hasBias ? TChunk.Load(ref bias, c) : TChunk.Zero;
            ref T vector = ref left;
            ref T target = ref Unsafe.Add(ref destination, c);
            for (int k = 0; k < count; k++)
            {
                // Four partial sums keep four multiply-adds in flight instead of one dependent chain.
                TChunk sum0 = start, sum1 = TChunk.Zero, sum2 = TChunk.Zero, sum3 = TChunk.Zero;
                ref T weights = ref Unsafe.Add(ref right, c);
                nint r = 0;
                for (; r + 4 <= inner; r += 4)
                {
                    sum0 = TChunk.MultiplyAdd(TChunk.Broadcast(ref vector, r), TChunk.Load(ref weights, 0), sum0);
                    sum1 = TChunk.MultiplyAdd(TChunk.Broadcast(ref vector, r + 1), TChunk.Load(ref weights, rowStride), sum1);
                    sum2 = TChunk.MultiplyAdd(TChunk.Broadcast(ref vector, r + 2), TChunk.Load(ref weights, 2 * rowStride), sum2);
                    sum3 = TChunk.MultiplyAdd(TChunk.Broadcast(ref vector, r + 3), TChunk.Load(ref weights, 3 * rowStride), sum3);
                    weights = ref Unsafe.Add(ref weights, 4 * rowStride);
                }
                for (; r < inner; r++)
                {
                    sum0 = TChunk.MultiplyAdd(TChunk.Broadcast(ref vector, r), TChunk.Load(ref weights, 0), sum0);
                    weights = ref Unsafe.Add(ref weights, rowStride);
                }

                TChunk sum = (sum0 + sum1) + (sum2 + sum3);
                if (accumulate)
                    sum = TChunk.Load(ref target, 0) + TChunk.ZeroLanesBelow(sum, chunk - c);
                TChunk.Store(sum, ref target, 0);
                vector = ref Unsafe.Add(ref vector, leftStride);
                target = ref Unsafe.Add(ref target, destinationStride);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MatrixTimesColumn<TChunk, T>(ref T destination, int destinationStride, ref T left, int leftStride, int count,
        int inner, ref T column, ref T bias, bool accumulate)
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>
    {
        bool hasBias = !Unsafe.IsNullRef(ref bias);
        ref T vector = ref left;
        ref T target = ref destination;
        for (int k = 0; k < count; k++)
        {
            T sum = Dot<TChunk, T>(ref vector, ref column, inner);
            if (hasBias)
                sum += bias;
            target = accumulate ? target + sum : sum;
            vector = ref Unsafe.Add(ref vector, leftStride);
            target = ref Unsafe.Add(ref target, destinationStride);
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
            nint below = chunk - c;
            ref T target = ref Unsafe.Add(ref matrix, c);
            int r = 0;

            // Four rows at a time, each with two partial sums (even and odd k): each chunk of right is loaded once for
            // four multiply-adds, and eight independent chains keep the multiply-add units busy.
            for (; r + 4 <= rows; r += 4)
            {
                TChunk even0 = TChunk.Zero, even1 = TChunk.Zero, even2 = TChunk.Zero, even3 = TChunk.Zero;
                TChunk odd0 = TChunk.Zero, odd1 = TChunk.Zero, odd2 = TChunk.Zero, odd3 = TChunk.Zero;
                ref T scales = ref Unsafe.Add(ref left, r);
                ref T values = ref Unsafe.Add(ref right, c);
                int k = 0;
                for (; k + 2 <= count; k += 2)
                {
                    TChunk value = TChunk.Load(ref values, 0);
                    even0 = TChunk.MultiplyAdd(TChunk.Broadcast(ref scales, 0), value, even0);
                    even1 = TChunk.MultiplyAdd(TChunk.Broadcast(ref scales, 1), value, even1);
                    even2 = TChunk.MultiplyAdd(TChunk.Broadcast(ref scales, 2), value, even2);
                    even3 = TChunk.MultiplyAdd(TChunk.Broadcast(ref scales, 3), value, even3);
                    value = TChunk.Load(ref values, rightStride);
                    odd0 = TChunk.MultiplyAdd(TChunk.Broadcast(ref scales, leftStride), value, odd0);
                    odd1 = TChunk.MultiplyAdd(TChunk.Broadcast(ref scales, leftStride + 1), value, odd1);
                    odd2 = TChunk.MultiplyAdd(TChunk.Broadcast(ref scales, leftStride + 2), value, odd2);
                    odd3 = TChunk.MultiplyAdd(TChunk.Broadcast(ref scales, leftStride + 3), value, odd3);
                    scales = ref Unsafe.Add(ref scales, 2 * (nint)leftStride);
                    values = ref Unsafe.Add(ref values, 2 * (nint)rightStride);
                }
                if (k < count)
                {
                    TChunk value = TChunk.Load(ref values, 0);
                    even0 = TChunk.MultiplyAdd(TChunk.Broadcast(ref scales, 0), value, even0);
                    even1 = TChunk.MultiplyAdd(TChunk.Broadcast(ref scales, 1), value, even1);
                    even2 = TChunk.MultiplyAdd(TChunk.Broadcast(ref scales, 2), value, even2);
                    even3 = TChunk.MultiplyAdd(TChunk.Broadcast(ref scales, 3), value, even3);
                }
                TChunk.Accumulate(ref target, 0, TChunk.ZeroLanesBelow(even0 + odd0, below));
                TChunk.Accumulate(ref target, columns, TChunk.ZeroLanesBelow(even1 + odd1, below));
                TChunk.Accumulate(ref target, 2 * (nint)columns, TChunk.ZeroLanesBelow(even2 + odd2, below));
                TChunk.Accumulate(ref target, 3 * (nint)columns, TChunk.ZeroLanesBelow(even3 + odd3, below));
                target = ref Unsafe.Add(ref target, 4 * (nint)columns);
            }
            for (; r < rows; r++)
            {
                TChunk sum = SumOfScaledRows<TChunk, T>(ref Unsafe.Add(ref left, r), leftStride, ref Unsafe.Add(ref right, c), rightStride, count);
                TChunk.Accumulate(ref target, 0, TChunk.ZeroLanesBelow(sum, below));
                target = ref Unsafe.Add(ref target, columns);
            }
        }
    }

    /// <summary>destination[i] += Σ_k scales[k·scaleStride] · source[k·sourceStride + i], for i &lt; length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddScaledRows<TChunk, T>(ref T destination, ref T source, int sourceStride, int length, ref T scales, int scaleStride, int count)
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>
    {
        for (int chunk = 0; chunk < length; chunk += TChunk.Count)
        {
            int i = Math.Min(chunk, length - TChunk.Count);
            TChunk sum = SumOfScaledRows<TChunk, T>(ref scales, scaleStride, ref Unsafe.Add(ref source, i), sourceStride, count);
            TChunk.Accumulate(ref destination, i, TChunk.ZeroLanesBelow(sum, chunk - i));
        }
    }

    /// <summary>Σ_k scales[k·scaleStride] · values[k·valueStride ..], one chunk, in two chains of multiply-adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TChunk SumOfScaledRows<TChunk, T>(ref T scales, int scaleStride, ref T values, int valueStride, int count)
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>
    {
        TChunk sum0 = TChunk.Zero, sum1 = TChunk.Zero;
        int k = 0;
        for (; k + 2 <= count; k += 2)
        {
            sum0 = TChunk.MultiplyAdd(TChunk.Broadcast(ref scales, 0), TChunk.Load(ref values, 0), sum0);
            sum1 = TChunk.MultiplyAdd(TChunk.Broadcast(ref scales, scaleStride), TChunk.Load(ref values, valueStride), sum1);
            scales = ref Unsafe.Add(ref scales, 2 * (nint)scaleStride);
            values = ref Unsafe.Add(ref values, 2 * (nint)valueStride);
        }
        if (k < count)
            sum0 = TChunk.MultiplyAdd(TChunk.Broadcast(ref scales, 0), TChunk.Load(ref values, 0), sum0);
        return sum0 + sum1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRows<TChunk, T>(ref T destination, ref T source, int sourceStride, int count, int columns)
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>
    {
        for (int chunk = 0; chunk < columns; chunk += TChunk.Count)
        {
            int c = Math.Min(chunk, columns - TChunk.Count);
            TChunk sum = TChunk.Load(ref source, c);
            for (int k = 1; k < count; k++)
                sum += TChunk.Load(ref source, (k * sourceStride) + c);
            TChunk.Accumulate(ref destination, c, TChunk.ZeroLanesBelow(sum, chunk - c));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
    private static T SquaredErrorGradient<TOperator, TChunk, T>(ref T gradient, ref T outputs, ref T targets, int length)
        where TOperator : IActivationOperator<T>
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>
    {
        // Whole chunks, then the remainder one element at a time, so that every error is counted once.
        TChunk sum = TChunk.Zero;
        int i = 0;
        for (; i + TChunk.Count <= length; i += TChunk.Count)
        {
            TChunk output = TChunk.Load(ref outputs, i);
            TChunk error = output - TChunk.Load(ref targets, i);
            sum = TChunk.MultiplyAdd(error, error, sum);
            TChunk.Store(error * TChunk.DerivativeFromOutput<TOperator>(output), ref gradient, i);
        }
        T total = TChunk.Sum(sum);
        for (; i < length; i++)
        {
            T output = Unsafe.Add(ref outputs, i), error = output - Unsafe.Add(ref targets, i);
            total += error * error;
            Unsafe.Add(ref gradient, i) = error * TOperator.DerivativeFromOutput(output);
        }
        return total;
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
