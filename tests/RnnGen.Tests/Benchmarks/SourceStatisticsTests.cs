using System;
using System.IO;
using RnnGen.Benchmarks;
using Xunit;

namespace RnnGen.Tests.Benchmarks;

/// <summary>
/// The command line and the table of <c>RnnGen.Benchmarks --source-stats</c> (its option and table files are compiled
/// into this project; nothing here measures or starts a process).
/// </summary>
public class SourceStatisticsTests
{
    private static readonly int[] hiddenSizes = { 4, 16, 64, 128 };
    private static readonly int[] stepCounts = { 8, 32, 100 };

    private static (SourceStatisticsOptions? Options, string? Error) Parse(params string[] arguments) =>
        SourceStatisticsOptions.Parse(arguments, hiddenSizes, stepCounts);

    [Fact]
    public void No_options_mean_sizes_and_compile_times_of_the_whole_sweep()
    {
        (SourceStatisticsOptions? options, string? error) = Parse();
        Assert.Null(error);
        Assert.NotNull(options);
        Assert.False(options.Timings);
        Assert.Null(options.Shapes);
    }

    [Fact]
    public void Timing_options_are_read()
    {
        (SourceStatisticsOptions? options, string? error) = Parse("--timings", "--first-calls", "7", "--steady-runs", "2",
            "--jit-timings", "/tmp/jit", "--aot-timings", "/tmp/aot", "--shapes", "16:8,4:100,16:8");
        Assert.Null(error);
        Assert.NotNull(options);
        Assert.True(options.Timings);
        Assert.Equal(7, options.FirstCalls);
        Assert.Equal(2, options.SteadyRuns);
        Assert.Equal("/tmp/jit", options.JitTimings);
        Assert.Equal("/tmp/aot", options.AotTimings);
        Assert.Equal(new[] { (16, 8), (4, 100) }, options.Shapes);
        Assert.False(options.NoAot);
    }

    [Theory]
    [InlineData("unknown option '--bogus'", "--bogus")]
    [InlineData("unknown option 'timings'", "timings")]
    [InlineData("--first-calls needs a number of processes from 1 to 100", "--timings", "--first-calls")]
    [InlineData("--first-calls needs a number of processes from 1 to 100, not '0'", "--timings", "--first-calls", "0")]
    [InlineData("--steady-runs needs a number of processes from 1 to 100, not '-1'", "--timings", "--steady-runs", "-1")]
    [InlineData("--first-calls needs a number of processes from 1 to 100", "--timings", "--first-calls", "--no-aot")]
    [InlineData("--jit-timings needs a directory", "--timings", "--jit-timings")]
    [InlineData("--shapes: '16x8' is not HIDDEN:STEPS", "--shapes", "16x8")]
    [InlineData("--shapes: 16:9 is not in the sweep (hidden 4, 16, 64, 128; steps 8, 32, 100)", "--shapes", "16:8,16:9")]
    [InlineData("--first-calls needs --timings", "--first-calls", "3")]
    [InlineData("--aot-timings needs --timings", "--aot-timings", "/tmp/aot")]
    [InlineData("--no-aot needs --timings", "--no-aot")]
    public void A_bad_command_line_is_refused_with_the_reason(string expected, params string[] arguments)
    {
        (SourceStatisticsOptions? options, string? error) = Parse(arguments);
        Assert.Null(options);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void A_measurement_shows_its_median_and_range()
    {
        Assert.Equal("40 (38–1,043)", Measurement.Of(new[] { 43.0, 38.0, 40.2, 1043.0, 39.6 }).Format());
        Assert.Equal("41 (38–43)", Measurement.Of(new[] { 43.0, 38.0, 40.0, 42.0 }).Format());
        Assert.Equal("390", Measurement.Of(new[] { 390.4 }).Format());
        Assert.Equal("n/a", Measurement.Failed("no clang").Format());
    }

    [Fact]
    public void The_table_has_a_column_per_figure_and_says_why_a_column_is_missing()
    {
        var full = new SourceStatisticsRow(16, 8, "Full", "Full", 95_700, 1_047, 1_167.4)
        {
            FirstCall = Measurement.Of(new[] { 40.0, 38.0, 43.0 }),
            SteadyJit = Measurement.Of(new[] { 451.0 }),
            SteadyAot = Measurement.Failed("no clang or gcc on PATH"),
        };
        var none = new SourceStatisticsRow(16, 8, "None", "None", 24_471, 399, 49)
        {
            FirstCall = Measurement.Of(new[] { 60.0 }),
            SteadyJit = Measurement.Failed("RnnGen.Timings steady 16:8:None: exit code 2"),
            SteadyAot = Measurement.Failed("no clang or gcc on PATH"),
        };
        var output = new StringWriter { NewLine = "\n" };
        SourceStatisticsTable.Write(output, new[] { full, none }, timings: true);
        Assert.Equal("""
            | shape | unroll | generated | bytes | lines | generate + compile (ms) | first Train, JIT (ms) | steady Train, JIT (ns) | steady Train, AOT (ns) |
            |---|---|---|---:|---:|---:|---:|---:|---:|
            | 2-16-1 x8 | Full | Full | 95,700 | 1,047 | 1,167 | 40 (38–43) | 451 | n/a |
            | 2-16-1 x8 | None | None | 24,471 | 399 | 49 | 60 | n/a | n/a |

            n/a in "steady Train, JIT" (2-16-1 x8 None): RnnGen.Timings steady 16:8:None: exit code 2

            n/a in "steady Train, AOT" (every row): no clang or gcc on PATH

            """, output.ToString());
    }

    [Fact]
    public void Without_timings_the_table_has_sizes_and_compile_times_only()
    {
        var output = new StringWriter { NewLine = "\n" };
        SourceStatisticsTable.Write(output, new[] { new SourceStatisticsRow(64, 100, "Full", "None", 24_495, 399, 24.4) }, timings: false);
        Assert.Equal("""
            | shape | unroll | generated | bytes | lines | generate + compile (ms) |
            |---|---|---|---:|---:|---:|
            | 2-64-1 x100 | Full | None | 24,495 | 399 | 24 |

            """, output.ToString());
    }
}
