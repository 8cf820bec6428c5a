using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace RnnGen.Benchmarks;

/// <summary>
/// The figures of one cell measured in fresh processes: one value per process, or why there is none. Shown as the median
/// and, with several values, the range: <c>40 (38–43)</c>.
/// </summary>
public sealed record Measurement(IReadOnlyList<double> Values, string? Failure)
{
    public static Measurement Of(IReadOnlyList<double> values) => new(values, null);

    public static Measurement Failed(string reason) => new(Array.Empty<double>(), reason);

    public double Median
    {
        get
        {
            double[] sorted = Values.Order().ToArray();
            int middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    public string Format()
    {
        if (Failure is not null || Values.Count == 0)
            return "n/a";
        string median = Number(Median);
        return Values.Count == 1 ? median : $"{median} ({Number(Values.Min())}–{Number(Values.Max())})";
    }

    private static string Number(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>One network of the table: its shape, the unroll mode asked for and the one generated, and its figures.</summary>
public sealed record SourceStatisticsRow(int Hidden, int Steps, string Unroll, string Generated, int Bytes, int Lines, double CompileMilliseconds)
{
    /// <summary>The first <c>Train</c> in a fresh process under the JIT, ms.</summary>
    public Measurement? FirstCall { get; init; }

    /// <summary>ns per <c>Train</c> after warm-up under the JIT.</summary>
    public Measurement? SteadyJit { get; init; }

    /// <summary>ns per <c>Train</c> under Native AOT with the default instruction set.</summary>
    public Measurement? SteadyAot { get; init; }

    public string Shape => $"2-{Hidden}-1 x{Steps}";
}

/// <summary>Writes the rows as a Markdown table, and under it why any timing reads n/a.</summary>
public static class SourceStatisticsTable
{
    /// <summary>
    /// The code layout the generator wrote, from the description in the generated file's header: <c>Full</c> or
    /// <c>None</c> (what Unroll.Auto picked, or Unroll.Full past its limits), or the layout's own words after
    /// <c>Unroll.</c> when it has more to say.
    /// </summary>
    public static string GeneratedLayout(string generated)
    {
        string header = generated.Split('\n').FirstOrDefault(line => line.StartsWith("// on ", StringComparison.Ordinal))?.TrimEnd() ?? "";
        Match layout = Regex.Match(header, @"Unroll\.([^()]*)\)\.?$");
        return layout.Success ? layout.Groups[1].Value.Trim() : "?";
    }

    public static void Write(TextWriter output, IReadOnlyList<SourceStatisticsRow> rows, bool timings)
    {
        string[] headers = timings
            ? ["shape", "unroll", "generated", "bytes", "lines", "generate + compile (ms)", "first Train, JIT (ms)", "steady Train, JIT (ns)", "steady Train, AOT (ns)"]
            : ["shape", "unroll", "generated", "bytes", "lines", "generate + compile (ms)"];
        output.WriteLine($"| {string.Join(" | ", headers)} |");
        output.WriteLine($"|---|---|---|{string.Concat(Enumerable.Repeat("---:|", headers.Length - 3))}");
        foreach (SourceStatisticsRow row in rows)
        {
            var cells = new List<string>
            {
                row.Shape, row.Unroll, row.Generated,
                row.Bytes.ToString("N0", CultureInfo.InvariantCulture),
                row.Lines.ToString("N0", CultureInfo.InvariantCulture),
                row.CompileMilliseconds.ToString("N0", CultureInfo.InvariantCulture),
            };
            if (timings)
                cells.AddRange(new[] { row.FirstCall, row.SteadyJit, row.SteadyAot }.Select(cell => cell?.Format() ?? "n/a"));
            output.WriteLine($"| {string.Join(" | ", cells)} |");
        }
        if (!timings)
            return;
        foreach ((string column, Func<SourceStatisticsRow, Measurement?> cell) in new (string, Func<SourceStatisticsRow, Measurement?>)[]
        {
            ("first Train, JIT", row => row.FirstCall), ("steady Train, JIT", row => row.SteadyJit), ("steady Train, AOT", row => row.SteadyAot),
        })
        {
            foreach (IGrouping<string, SourceStatisticsRow> failure in rows.Where(row => cell(row)?.Failure is not null).GroupBy(row => cell(row)!.Failure!))
            {
                string where = failure.Count() == rows.Count ? "every row" : string.Join(", ", failure.Select(row => $"{row.Shape} {row.Unroll}"));
                output.WriteLine();
                output.WriteLine($"n/a in \"{column}\" ({where}): {failure.Key}");
            }
        }
    }
}
