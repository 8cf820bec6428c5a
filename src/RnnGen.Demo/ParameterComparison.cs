using System;
using System.Numerics;

namespace RnnGen.Demo;

/// <summary>How far two networks' parameters are apart, and what a parameter is called.</summary>
internal static class ParameterComparison
{
    /// <summary>The largest |a[p] − b[p]| and the index p where it is.</summary>
    public static (double Difference, int Index) LargestDifference<TA, TB>(ReadOnlySpan<TA> a, ReadOnlySpan<TB> b)
        where TA : INumberBase<TA> where TB : INumberBase<TB>
    {
        if (a.Length != b.Length)
            throw new ArgumentException($"The networks have {a.Length} and {b.Length} parameters.", nameof(b));
        double largest = 0;
        int index = 0;
        for (int p = 0; p < a.Length; p++)
        {
            double difference = Math.Abs(Numbers.ToDouble(a[p]) - Numbers.ToDouble(b[p]));
            if (difference > largest || double.IsNaN(difference))
            {
                largest = difference;
                index = p;
                if (double.IsNaN(difference))
                    break;
            }
        }
        return (largest, index);
    }

    /// <summary>The name of parameter <paramref name="index"/> in the layout of API.md section 4, e.g. "W_hh[3,7]".</summary>
    public static string NameOf(NetworkShape shape, int index)
    {
        ParameterLayout layout = shape.Layout;
        bool gated = shape.Cell != CellKind.Elman;
        (ParameterBlock Block, string Name, bool IsVector)[] blocks =
        [
            (layout.InputWeights, gated ? "W_x" : "W_xh", false),
            (layout.RecurrentWeights, gated ? "W_h" : "W_hh", false),
            (layout.OutputWeights, "W_hy", false),
            (layout.HiddenBias, shape.Cell == CellKind.Gru ? "b_x" : shape.Cell == CellKind.Lstm ? "b" : "b_h", true),
            (layout.RecurrentBias, "b_h", true),
            (layout.OutputBias, "b_y", true),
        ];
        foreach ((ParameterBlock block, string name, bool isVector) in blocks)
        {
            if (index >= block.Offset && index < block.End)
            {
                int offset = index - block.Offset;
                return isVector ? $"{name}[{offset}]" : $"{name}[{offset / block.Columns},{offset % block.Columns}]";
            }
        }
        throw new ArgumentOutOfRangeException(nameof(index), index, $"The network has {layout.Count} parameters.");
    }
}
