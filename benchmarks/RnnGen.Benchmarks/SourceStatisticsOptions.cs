using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RnnGen.Benchmarks;

/// <summary>
/// The options of <c>--source-stats</c>, read from the arguments that follow it. Without <c>--timings</c> the mode only
/// generates and compiles each network in process (about a minute); with it, every row also gets times measured in fresh
/// processes of benchmarks/RnnGen.Timings.
/// </summary>
public sealed record SourceStatisticsOptions
{
    public const string Usage = """
        usage: RnnGen.Benchmarks --source-stats [--timings] [options]

        Prints a Markdown table: for every shape of the unroll sweep (2-H-1 sigmoid, H in {4, 16, 64, 128}, 8, 32 or
        100 steps; 2-16-1 x8 is the seed adder) in Unroll.Full, None and Auto, the generated source's size and the time
        to generate and compile it in this process (median of 5).

          --timings             also time each network, float, in fresh processes of benchmarks/RnnGen.Timings:
                                its first Train under the JIT (median and range of --first-calls processes), and its
                                steady state (ns per Train) under the JIT and under Native AOT with the default
                                instruction set. Needs the repository (to build and publish RnnGen.Timings, unless
                                the two options below name built copies) and, for the AOT column, clang or gcc and
                                zlib (without them that column reads n/a, with the reason). Takes 5-10 minutes on
                                2 cores, plus the build: run it on an otherwise quiet machine.
          --first-calls N       fresh processes per first-call figure (default 5)
          --steady-runs N       fresh processes per steady-state figure (default 1; several give median and range)
          --jit-timings DIR     use the RnnGen.Timings in DIR, built with
                                  dotnet build -c Release benchmarks/RnnGen.Timings -o DIR
                                (default: build it into the temporary directory)
          --aot-timings DIR     use the RnnGen.Timings in DIR, published with
                                  dotnet publish -c Release benchmarks/RnnGen.Timings -p:Aot=true -o DIR
                                (default: publish it into the temporary directory)
          --no-aot              leave the Native AOT column out (n/a)
          --shapes H:S[,H:S]    only these shapes of the sweep, e.g. --shapes 16:8,4:100
          --help                this text
        """;

    /// <summary>Adds the columns measured in fresh processes of RnnGen.Timings.</summary>
    public bool Timings { get; init; }

    public int FirstCalls { get; init; } = 5;

    public int SteadyRuns { get; init; } = 1;

    /// <summary>A directory holding RnnGen.Timings built for the JIT, or null to build one.</summary>
    public string? JitTimings { get; init; }

    /// <summary>A directory holding RnnGen.Timings published with Native AOT, or null to publish one.</summary>
    public string? AotTimings { get; init; }

    public bool NoAot { get; init; }

    /// <summary>The shapes to measure, (hidden, steps), in order; null for the whole sweep.</summary>
    public IReadOnlyList<(int Hidden, int Steps)>? Shapes { get; init; }

    public bool Help { get; init; }

    /// <summary>Reads the options, or returns the reason they are wrong (and null options).</summary>
    /// <param name="arguments">The arguments after <c>--source-stats</c>.</param>
    /// <param name="hiddenSizes">The hidden sizes of the sweep, which <c>--shapes</c> may name.</param>
    /// <param name="stepCounts">The step counts of the sweep.</param>
    public static (SourceStatisticsOptions? Options, string? Error) Parse(IReadOnlyList<string> arguments, IReadOnlyList<int> hiddenSizes, IReadOnlyList<int> stepCounts)
    {
        var options = new SourceStatisticsOptions();
        string? timingOption = null;
        for (int i = 0; i < arguments.Count; i++)
        {
            string argument = arguments[i];
            string? Value()
            {
                if (i + 1 >= arguments.Count || arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
                    return null;
                return arguments[++i];
            }
            switch (argument)
            {
                case "--timings":
                    options = options with { Timings = true };
                    break;
                case "--no-aot":
                    options = options with { NoAot = true };
                    timingOption = argument;
                    break;
                case "--help" or "-h":
                    options = options with { Help = true };
                    break;
                case "--first-calls" or "--steady-runs":
                {
                    string? value = Value();
                    if (value is null || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count is < 1 or > 100)
                        return (null, $"{argument} needs a number of processes from 1 to 100{(value is null ? "" : $", not '{value}'")}");
                    options = argument == "--first-calls" ? options with { FirstCalls = count } : options with { SteadyRuns = count };
                    timingOption = argument;
                    break;
                }
                case "--jit-timings" or "--aot-timings":
                {
                    string? value = Value();
                    if (value is null)
                        return (null, $"{argument} needs a directory");
                    options = argument == "--jit-timings" ? options with { JitTimings = value } : options with { AotTimings = value };
                    timingOption = argument;
                    break;
                }
                case "--shapes":
                {
                    string? value = Value();
                    if (value is null)
                        return (null, "--shapes needs a list such as 16:8,4:100");
                    var shapes = new List<(int, int)>();
                    foreach (string shape in value.Split(','))
                    {
                        string[] parts = shape.Split(':');
                        if (parts.Length != 2
                            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int hidden)
                            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int steps))
                            return (null, $"--shapes: '{shape}' is not HIDDEN:STEPS");
                        if (!hiddenSizes.Contains(hidden) || !stepCounts.Contains(steps))
                            return (null, $"--shapes: {hidden}:{steps} is not in the sweep (hidden {string.Join(", ", hiddenSizes)}; steps {string.Join(", ", stepCounts)})");
                        if (!shapes.Contains((hidden, steps)))
                            shapes.Add((hidden, steps));
                    }
                    options = options with { Shapes = shapes };
                    break;
                }
                default:
                    return (null, $"unknown option '{argument}'");
            }
        }
        if (!options.Timings && timingOption is not null)
            return (null, $"{timingOption} needs --timings");
        return (options, null);
    }
}
