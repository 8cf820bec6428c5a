using System;
using System.Collections.Generic;

namespace RnnGen.Demo;

/// <summary>The element types the demo trains in.</summary>
internal enum Precision
{
    Half,
    Float,
    Double,
}

internal static class PrecisionNames
{
    /// <summary>The lower-case name the command line and the CSV files use.</summary>
    public static string Name(this Precision precision) => precision switch
    {
        Precision.Half => "half",
        Precision.Float => "float",
        Precision.Double => "double",
        _ => throw new ArgumentOutOfRangeException(nameof(precision)),
    };

    /// <summary>The precisions an option value names: one, or "all" for every one.</summary>
    public static IReadOnlyList<Precision> Parse(string value) => value switch
    {
        "half" => [Precision.Half],
        "float" => [Precision.Float],
        "double" => [Precision.Double],
        "all" => [Precision.Half, Precision.Float, Precision.Double],
        _ => throw new ArgumentException($"'{value}' is not a precision.", nameof(value)),
    };
}
