using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ScottPlot;

namespace RnnGen.Demo;

/// <summary>One line of a chart: y against x, with a legend label and a colour from <see cref="Plotting.Palette"/>.</summary>
internal sealed record Series(string Label, double[] Xs, double[] Ys, int ColorIndex, bool Dashed = false);

/// <summary>One chart of a figure: a title, axis labels and its lines; logarithmic y when asked.</summary>
internal sealed record Chart(string Title, string XLabel, string YLabel, IReadOnlyList<Series> Lines, bool LogY, Alignment LegendAt = Alignment.UpperRight);

/// <summary>Draws charts to PNG files with ScottPlot (rendered by SkiaSharp, no display needed).</summary>
internal static class Plotting
{
    /// <summary>Values at or below zero cannot go on a log axis; they are drawn at this floor.</summary>
    public const double LogFloor = 1e-18;

    /// <summary>Line colours; a series picks one by index so the same network has the same colour in every chart.</summary>
    public static readonly Color[] Palette =
    [
        Color.FromHex("#d62728"), Color.FromHex("#1f77b4"), Color.FromHex("#2ca02c"), Color.FromHex("#7f7f7f"),
        Color.FromHex("#9467bd"), Color.FromHex("#ff7f0e"),
    ];

    /// <summary>Saves the charts stacked top to bottom in one PNG.</summary>
    public static void SavePng(string path, IReadOnlyList<Chart> charts, int width, int heightPerChart)
    {
        if (charts.Count == 1)
        {
            CreatePlot(charts[0]).SavePng(path, width, heightPerChart);
            return;
        }
        var figure = new Multiplot();
        figure.Reset(CreatePlot(charts[0]));
        foreach (Chart chart in charts.Skip(1))
            figure.AddPlot(CreatePlot(chart));
        figure.SavePng(path, width, heightPerChart * charts.Count);
    }

    private static Plot CreatePlot(Chart chart)
    {
        var plot = new Plot();
        foreach (Series series in chart.Lines)
            AddLine(plot, series, Palette[series.ColorIndex % Palette.Length], chart.LogY);
        plot.Title(chart.Title, size: 16);
        plot.XLabel(chart.XLabel, size: 13);
        plot.YLabel(chart.YLabel, size: 13);
        if (chart.LogY)
            UseLogTicks(plot);
        plot.ShowLegend(chart.LegendAt);
        return plot;
    }

    private static void AddLine(Plot plot, Series series, Color color, bool logY)
    {
        double[] ys = logY ? series.Ys.Select(y => Math.Log10(Math.Max(y, LogFloor))).ToArray() : series.Ys;
        var line = plot.Add.ScatterLine(series.Xs, ys, color);
        line.LegendText = series.Label;
        line.LineWidth = 2;
        if (series.Dashed)
            line.LinePattern = LinePattern.Dashed;
    }

    /// <summary>Y values are log10 of the data: label the integer ticks as powers of ten, with log-spaced minor ticks.</summary>
    private static void UseLogTicks(Plot plot)
    {
        var ticks = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = exponent => "1e" + exponent.ToString("0", CultureInfo.InvariantCulture),
        };
        plot.Axes.Left.TickGenerator = ticks;
    }
}
