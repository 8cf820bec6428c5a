using System;
using System.Numerics;

namespace RnnGen.Demo;

/// <summary>Picks the adder class Networks.cs declares for a width and an unroll mode.</summary>
internal static class AdderNetworks
{
    /// <summary>The widths Networks.cs declares adders for.</summary>
    public static readonly int[] Widths = [8, 16, 32];

    public static IRecurrentNetwork<T> Create<T>(int bits, Unroll unroll, int seed) where T : unmanaged, IFloatingPointIeee754<T> =>
        (bits, unroll) switch
        {
            (8, Unroll.Auto) => new Adder8<T>(seed),
            (8, Unroll.Full) => new Adder8Unrolled<T>(seed),
            (8, Unroll.None) => new Adder8Looped<T>(seed),
            (16, Unroll.Auto) => new Adder16<T>(seed),
            (16, Unroll.Full) => new Adder16Unrolled<T>(seed),
            (16, Unroll.None) => new Adder16Looped<T>(seed),
            (32, Unroll.Auto) => new Adder32<T>(seed),
            (32, Unroll.Full) => new Adder32Unrolled<T>(seed),
            (32, Unroll.None) => new Adder32Looped<T>(seed),
            _ => throw new ArgumentException($"No adder is declared for {bits} bits with Unroll.{unroll}."),
        };

    /// <summary>The class name, for tables: "Adder8Unrolled".</summary>
    public static string ClassName(int bits, Unroll unroll) => unroll switch
    {
        Unroll.Full => $"Adder{bits}Unrolled",
        Unroll.None => $"Adder{bits}Looped",
        _ => $"Adder{bits}",
    };

    /// <summary>The shape every adder of this width has, for <see cref="ReferenceNetwork{T}"/>.</summary>
    public static NetworkShape Shape(int bits) =>
        new(CellKind.Elman, 2, 16, 1, bits, false, Activation.Sigmoid, Activation.Sigmoid, LossKind.SquaredError);

    /// <summary>"full", "none" or "auto" as the command line spells them.</summary>
    public static Unroll ParseUnroll(string value) => value switch
    {
        "full" => Unroll.Full,
        "none" => Unroll.None,
        "auto" => Unroll.Auto,
        _ => throw new ArgumentException($"'{value}' is not an unroll mode.", nameof(value)),
    };
}
