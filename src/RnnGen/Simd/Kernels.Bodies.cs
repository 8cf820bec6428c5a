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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MatrixTimesMatrix<TChunk, T>(ref T destination, int destinationStride, ref T left, int leftStride, int count,
        int inner, ref T right, int columns, ref T bias, bool accumulate)
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>
    {
        bool hasBias = !Unsafe.IsNullRef(ref bias);
        for (int k = 0; k < count; k++)
        {
            ref T vector = ref Unsafe.Add(ref left, k * leftStride);
            ref T row = ref Unsafe.Add(ref destination, k * destinationStride);
            for (int chunk = 0; chunk < columns; chunk += TChunk.Count)
            {
                int c = Math.Min(chunk, columns - TChunk.Count);

                // Four partial sums keep four multiply-adds in flight instead of one dependent chain.
                TChunk sum0 = hasBias ? TChunk.Load(ref bias, c) : TChunk.Zero, sum1 = TChunk.Zero, sum2 = TChunk.Zero, sum3 = TChunk.Zero;
                int r = 0;
                for (; r + 4 <= inner; r += 4)
                {
                    sum0 = TChunk.MultiplyAdd(TChunk.Broadcast(ref vector, r), TChunk.Load(ref right, (r * columns) + c), sum0);
                    sum1 = TChunk.MultiplyAdd(TChunk.Broadcast(ref vector, r + 1), TChunk.Load(ref right, ((r + 1) * columns) + c), sum1);
                    sum2 = TChunk.MultiplyAdd(TChunk.Broadcast(ref vector, r + 2), TChunk.Load(ref right, ((r + 2) * columns) + c), sum2);
                    sum3 = TChunk.MultiplyAdd(TChunk.Broadcast(ref vector, r + 3), TChunk.Load(ref right, ((r + 3) * columns) + c), sum3);
                }
                for (; r < inner; r++)
                    sum0 = TChunk.MultiplyAdd(TChunk.Broadcast(ref vector, r), TChunk.Load(ref right, (r * columns) + c), sum0);

                TChunk sum = (sum0 + sum1) + (sum2 + sum3);
                if (accumulate)
                    sum = TChunk.Load(ref row, c) + TChunk.ZeroLanesBelow(sum, chunk - c);
                TChunk.Store(sum, ref row, c);
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
        for (int k = 0; k < count; k++)
        {
            T sum = Dot<TChunk, T>(ref Unsafe.Add(ref left, k * leftStride), ref column, inner);
            if (hasBias)
                sum += bias;
            ref T target = ref Unsafe.Add(ref destination, k * destinationStride);
            target = accumulate ? target + sum : sum;
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

    /// <summary>destination[i] += Σ_k scales[k·scaleStride] · source[k·sourceStride + i], for i &lt; length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddScaledRows<TChunk, T>(ref T destination, ref T source, int sourceStride, int length, ref T scales, int scaleStride, int count)
        where TChunk : struct, IChunk<TChunk, T>
        where T : INumber<T>
    {
        for (int chunk = 0; chunk < length; chunk += TChunk.Count)
        {
            int i = Math.Min(chunk, length - TChunk.Count);
            TChunk sum = TChunk.Zero;
            for (int k = 0; k < count; k++)
                sum = TChunk.MultiplyAdd(TChunk.Broadcast(ref scales, k * scaleStride), TChunk.Load(ref source, (k * sourceStride) + i), sum);
            TChunk.Accumulate(ref destination, i, TChunk.ZeroLanesBelow(sum, chunk - i));
        }
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
