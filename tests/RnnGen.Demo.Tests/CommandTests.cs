using System;
using System.IO;
using System.Linq;
using Xunit;

namespace RnnGen.Demo.Tests;

/// <summary>Every command on a tiny budget: it succeeds, says what it did, and writes the files it promises.</summary>
public class CommandTests
{
    [Fact]
    public void Overview_compares_float_and_double()
    {
        DemoRun run = DemoRun.Of("--samples", "200");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("What each learned", run.Output);
        Assert.Contains("exact sums (of all 16,384 pairs)", run.Output);
        Assert.Contains("largest parameter difference |float - double|", run.Output);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Adder_reports_like_the_blog_post_and_writes_its_checkpoints()
    {
        using var directory = new TempDirectory();
        DemoRun run = DemoRun.Of("adder", "--precision", "all", "--samples", "300", "--every", "100", "--out", directory.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(9, run.Output.Split('\n').Count(line => line.StartsWith("Error:[", System.StringComparison.Ordinal)));
        Assert.Contains("Pred:[", run.Output);
        Assert.Contains("True:[", run.Output);
        Assert.Contains("------------", run.Output);
        Assert.Contains("exact sums (all 16,384 pairs)", run.Output);

        CsvFile csv = CsvFile.Read(directory.File("adder.csv"));
        Assert.Equal(["precision", "samples", "mean_loss", "error", "a", "b", "predicted_sum", "true_sum"], csv.Header);
        Assert.Equal(["half", "half", "half", "float", "float", "float", "double", "double", "double"], csv.Texts("precision"));
        Assert.Equal([100.0, 200, 300, 100, 200, 300, 100, 200, 300], csv.Numbers("samples"));
        Assert.All(csv.Rows, row => Assert.Equal(double.Parse(row[4]) + double.Parse(row[5]), double.Parse(row[7])));
    }

    [Theory]
    [InlineData("16", "none")]
    [InlineData("32", "full")]
    public void Adder_runs_the_wider_declared_networks(string bits, string unroll)
    {
        using var directory = new TempDirectory();
        DemoRun run = DemoRun.Of("adder", "--bits", bits, "--unroll", unroll, "--samples", "100", "--every", "50", "--out", directory.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("exact sums (random 16,384 pairs)", run.Output);
        string predicted = run.Output.Split('\n').First(line => line.StartsWith("Pred:[", System.StringComparison.Ordinal));
        Assert.Equal(int.Parse(bits), predicted["Pred:[".Length..^1].Split(' ').Length);
        Assert.Equal(2, CsvFile.Read(directory.File("adder.csv")).Rows.Length);
    }

    [Fact]
    public void Nextbit_prints_a_probability_beside_each_input_bit()
    {
        using var directory = new TempDirectory();
        DemoRun run = DemoRun.Of("nextbit", "--iterations", "20", "--out", directory.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("P(next bit = 1)", run.Output);
        CsvFile csv = CsvFile.Read(directory.File("nextbit.csv"));
        Assert.Equal(["step", "input_bit", "p_next_is_1", "next_bit"], csv.Header);
        Assert.Equal([0.0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1], csv.Numbers("input_bit"));
        Assert.Equal([0.0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0], csv.Numbers("next_bit"));
        Assert.All(csv.Numbers("p_next_is_1"), p => Assert.InRange(p, 0, 1));
    }

    [Fact]
    public void Precision_writes_a_table_a_csv_and_a_plot()
    {
        using var directory = new TempDirectory();
        DemoRun run = DemoRun.Of("precision", "--bits", "8", "--samples", "200", "--every", "100", "--out", directory.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Largest parameter difference from the double network", run.Output);
        CsvFile csv = CsvFile.Read(directory.File("precision.csv"));
        Assert.Equal(["samples", "network", "mean_loss", "exact_sum_accuracy", "max_parameter_difference_from_double"], csv.Header);
        Assert.Equal(["half", "float", "double", "reference", "half", "float", "double", "reference"], csv.Texts("network"));
        Assert.Equal([100.0, 100, 100, 100, 200, 200, 200, 200], csv.Numbers("samples"));
        Assert.All(csv.Numbers("exact_sum_accuracy"), accuracy => Assert.InRange(accuracy, 0, 1));
        double[] differences = csv.Numbers("max_parameter_difference_from_double");
        Assert.Equal(0, differences[2]);
        Assert.InRange(differences[3], 0, 1e-9);
        PngFile.AssertPlausible(directory.File("precision.png"), 1000, 840);
    }

    [Fact]
    public void Bench_times_six_networks()
    {
        using var directory = new TempDirectory();
        DemoRun run = DemoRun.Of("bench", "--rounds", "1", "--steps", "5", "--warmup", "0", "--out", directory.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("benchmarks/RnnGen.Benchmarks", run.Output);
        CsvFile csv = CsvFile.Read(directory.File("bench.csv"));
        Assert.Equal(["precision", "code", "median_ns_per_step", "speedup_vs_reference"], csv.Header);
        Assert.Equal(["Unroll.Full", "Unroll.None", "ReferenceNetwork", "Unroll.Full", "Unroll.None", "ReferenceNetwork"], csv.Texts("code"));
        Assert.All(csv.Numbers("median_ns_per_step"), nanoseconds => Assert.True(nanoseconds > 0));
        Assert.Equal([1.0, 1.0], csv.Rows.Where(row => row[1] == "ReferenceNetwork").Select(row => double.Parse(row[3])));

        // Then TrainBatch on 64 sums, on one thread and on every thread, in float and double.
        CsvFile batches = CsvFile.Read(directory.File("bench-batch.csv"));
        Assert.Equal(["precision", "batch", "threads", "median_ns_per_sequence", "sequences_per_second", "speedup_vs_train"], batches.Header);
        Assert.Equal(["float", "float", "double", "double"], batches.Texts("precision"));
        Assert.Equal([1.0, Environment.ProcessorCount, 1.0, Environment.ProcessorCount], batches.Numbers("threads"));
        Assert.All(batches.Numbers("median_ns_per_sequence"), nanoseconds => Assert.True(nanoseconds > 0));
        Assert.Contains("TrainBatch on 64 sums at once", run.Output);
    }

    [Fact]
    public void Lstm_prints_the_loss_and_writes_it_with_a_plot()
    {
        using var directory = new TempDirectory();
        DemoRun run = DemoRun.Of("lstm", "--iterations", "5", "--every", "1", "--out", directory.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("orders of magnitude", run.Output);
        CsvFile csv = CsvFile.Read(directory.File("lstm.csv"));
        Assert.Equal(["iteration", "loss", "y0", "y1", "y2", "y3"], csv.Header);
        Assert.Equal([1.0, 2, 3, 4, 5], csv.Numbers("iteration"));
        double[] loss = csv.Numbers("loss");
        Assert.True(loss[^1] < loss[0], "five steps of gradient descent on four fixed vectors lower the loss");
        PngFile.AssertPlausible(directory.File("lstm.png"), 900, 450);
    }

    [Fact]
    public void Memory_scores_elman_lstm_and_gru()
    {
        using var directory = new TempDirectory();
        DemoRun run = DemoRun.Of("memory", "--samples", "20", "--runs", "1", "--out", directory.Path);

        Assert.Equal(0, run.ExitCode);
        CsvFile csv = CsvFile.Read(directory.File("memory.csv"));
        Assert.Equal(["cell", "seed", "parameters", "samples", "mean_loss_last_window", "accuracy"], csv.Header);
        Assert.Equal(["Elman", "LSTM", "GRU"], csv.Texts("cell"));
        Assert.All(csv.Numbers("accuracy"), accuracy => Assert.InRange(accuracy, 0, 1));
    }

    [Fact]
    public void Output_goes_to_the_named_directory_and_leaves_other_files_alone()
    {
        using var directory = new TempDirectory();
        string output = Path.Combine(directory.Path, "nested", "out");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "notes.txt"), "mine");
        File.WriteAllText(Path.Combine(output, "nextbit.csv"), "stale");

        Assert.Equal(0, DemoRun.Of("nextbit", "--iterations", "5", "--out", output).ExitCode);

        Assert.Equal("mine", File.ReadAllText(Path.Combine(output, "notes.txt")));
        Assert.StartsWith("step,", File.ReadAllText(Path.Combine(output, "nextbit.csv")));
        Assert.Equal(["nextbit.csv", "notes.txt"], Directory.GetFiles(output).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void An_output_path_that_is_a_file_fails_with_exit_code_1()
    {
        using var directory = new TempDirectory();
        string file = directory.File("taken");
        File.WriteAllText(file, "not a directory");

        DemoRun run = DemoRun.Of("nextbit", "--iterations", "5", "--out", file);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: ", run.Error);
        Assert.Equal("not a directory", File.ReadAllText(file));
    }
}
