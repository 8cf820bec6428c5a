using System.IO;

namespace RnnGen.Demo;

/// <summary>
/// The output directory and the fixed file names the demo owns in it. The directory is created on first use; the demo
/// writes (and overwrites) only the files named here and leaves everything else in the directory alone.
/// </summary>
internal sealed class OutputFiles(string directory)
{
    public const string AdderCsv = "adder.csv";
    public const string NextBitCsv = "nextbit.csv";
    public const string PrecisionCsv = "precision.csv";
    public const string PrecisionPng = "precision.png";
    public const string BenchCsv = "bench.csv";
    public const string BenchBatchCsv = "bench-batch.csv";
    public const string LstmCsv = "lstm.csv";
    public const string LstmPng = "lstm.png";
    public const string MemoryCsv = "memory.csv";
    public const string CharsCsv = "chars.csv";
    public const string CharsPng = "chars.png";

    /// <summary>Every file name the demo may write.</summary>
    public static readonly string[] Owned = [AdderCsv, NextBitCsv, PrecisionCsv, PrecisionPng, BenchCsv, BenchBatchCsv, LstmCsv, LstmPng, MemoryCsv, CharsCsv, CharsPng];

    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>The full path of one of the demo's own files, creating the directory if it is missing.</summary>
    public string PathOf(string ownedFileName)
    {
        if (System.Array.IndexOf(Owned, ownedFileName) < 0)
            throw new System.ArgumentException($"'{ownedFileName}' is not one of the demo's own output files.", nameof(ownedFileName));
        System.IO.Directory.CreateDirectory(Directory);
        return Path.Combine(Directory, ownedFileName);
    }
}
