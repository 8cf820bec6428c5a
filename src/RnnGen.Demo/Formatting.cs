using System;
using System.Globalization;

namespace RnnGen.Demo;

/// <summary>How numbers look in the console tables.</summary>
internal static class Formatting
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A loss or error: fixed point while it reads well, scientific once it is tiny.</summary>
    public static string Loss(double value) =>
        double.IsNaN(value) ? "-" : Math.Abs(value) >= 1e-3 || value == 0 ? value.ToString("0.0000", Invariant) : value.ToString("0.00e+00", Invariant);

    /// <summary>A difference that may span many orders of magnitude: always scientific.</summary>
    public static string Scientific(double value) =>
        double.IsNaN(value) ? "NaN" : value == 0 ? "0" : value.ToString("0.0e+00", Invariant);

    /// <summary>A fraction as a percentage with one decimal.</summary>
    public static string Percent(double fraction) => (100 * fraction).ToString("0.0", Invariant) + " %";

    /// <summary>A count with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", Invariant);

    /// <summary>A probability or output value.</summary>
    public static string Value(double value) => value.ToString("0.000", Invariant);

    /// <summary>A ratio such as a speed-up: "3.2x".</summary>
    public static string Ratio(double value) => value.ToString("0.00", Invariant) + "x";

    public static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.00", Invariant) + " s";
}
