using System.Numerics;

namespace RnnGen.Demo;

/// <summary>Conversions between the generic element type and double, for printing and comparing.</summary>
internal static class Numbers
{
    public static double ToDouble<T>(T value) where T : INumberBase<T> => double.CreateTruncating(value);

    public static T From<T>(double value) where T : INumberBase<T> => T.CreateTruncating(value);
}
