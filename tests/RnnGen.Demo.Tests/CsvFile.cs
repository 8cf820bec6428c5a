using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Xunit;

namespace RnnGen.Demo.Tests;

/// <summary>A CSV file the demo wrote, parsed: the header and the rows (the demo's fields never need quoting).</summary>
internal sealed class CsvFile
{
    private CsvFile(string[] header, string[][] rows)
    {
        Header = header;
        Rows = rows;
    }

    public string[] Header { get; }

    public string[][] Rows { get; }

    public static CsvFile Read(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not written");
        string[] lines = File.ReadAllText(path).Split('\n');
        Assert.Equal("", lines[^1]);
        string[][] fields = lines[..^1].Select(line => line.Split(',')).ToArray();
        Assert.All(fields, row => Assert.Equal(fields[0].Length, row.Length));
        return new CsvFile(fields[0], fields[1..]);
    }

    /// <summary>Asserts the header and returns the column of that name parsed as numbers.</summary>
    public double[] Numbers(string column)
    {
        int index = Array.IndexOf(Header, column);
        Assert.True(index >= 0, $"no column {column} in {string.Join(",", Header)}");
        return Rows.Select(row => double.Parse(row[index], NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
    }

    public string[] Texts(string column) => Rows.Select(row => row[Array.IndexOf(Header, column)]).ToArray();
}

/// <summary>Checks on a PNG the demo drew.</summary>
internal static class PngFile
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Asserts a PNG signature, a plausible size, and the width and height in its header.</summary>
    public static void AssertPlausible(string path, int width, int height)
    {
        Assert.True(File.Exists(path), $"{path} was not drawn");
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(Signature, bytes[..8]);
        Assert.InRange(bytes.Length, 10_000, 5_000_000);
        Assert.Equal(width, BigEndian(bytes, 16));
        Assert.Equal(height, BigEndian(bytes, 20));
    }

    private static int BigEndian(byte[] bytes, int offset) =>
        (bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3];
}
