using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace RnnGen.Benchmarks;

/// <summary>
/// A copy of benchmarks/RnnGen.Timings, built for the JIT or published with Native AOT, that <c>--source-stats --timings</c>
/// runs once per figure in a fresh process; or why there is none (then its column reads n/a with that reason).
/// </summary>
public sealed class TimingsProgram
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(20);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    private readonly string? executable;

    private TimingsProgram(string? executable, string? unavailable)
    {
        this.executable = executable;
        Unavailable = unavailable;
    }

    /// <summary>Why this program cannot be run, or null when it can.</summary>
    public string? Unavailable { get; }

    public static TimingsProgram Missing(string reason) => new(null, reason);

    /// <summary>
    /// The program in <paramref name="directory"/> when given; otherwise builds (<paramref name="nativeAot"/> false) or
    /// publishes it from the repository this program was built from, into a temporary directory, with the build's
    /// output on <paramref name="log"/> only when it fails.
    /// </summary>
    public static TimingsProgram Prepare(bool nativeAot, string? directory, TextWriter log)
    {
        if (directory is not null)
        {
            string? found = ExecutableIn(directory);
            return found is null
                ? Missing($"no RnnGen.Timings in {Path.GetFullPath(directory)}")
                : new TimingsProgram(found, null);
        }
        string? repository = FindRepository();
        if (repository is null)
            return Missing($"no repository (RnnGen.sln) above {AppContext.BaseDirectory} or {Environment.CurrentDirectory} to build RnnGen.Timings from; name a built copy with --{(nativeAot ? "aot" : "jit")}-timings");
        if (nativeAot && !RuntimeInformation.IsOSPlatform(OSPlatform.Windows) && FindOnPath("clang") is null && FindOnPath("gcc") is null)
            return Missing("no clang or gcc on PATH: Native AOT links the program with one of them (apt-get install clang zlib1g-dev)");

        string output = Path.Combine(Path.GetTempPath(), "rnngen-source-stats", nativeAot ? "aot" : "jit");
        string project = Path.Combine(repository, "benchmarks", "RnnGen.Timings", "RnnGen.Timings.csproj");
        // No node reuse and no shared compiler: under bench-slot the build servers other builds started are paused, and a
        // build that waited for them would wait until the slot ends.
        var arguments = new List<string> { nativeAot ? "publish" : "build", project, "-c", "Release", "-o", output, "-nodeReuse:false", "-p:UseSharedCompilation=false" };
        if (nativeAot)
            arguments.Add("-p:Aot=true");
        log.WriteLine($"source-stats: dotnet {string.Join(" ", arguments)}");
        ProcessResult result = ProcessResult.Run("dotnet", arguments, BuildTimeout);
        if (result.Failure is not null || ExecutableIn(output) is not { } built)
        {
            log.WriteLine(result.Output);
            string firstError = result.Output.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Contains("error", StringComparison.OrdinalIgnoreCase))
                ?? result.Failure ?? "no program in its output";
            return Missing($"dotnet {(nativeAot ? "publish -p:Aot=true" : "build")} of RnnGen.Timings failed: {firstError}");
        }
        return new TimingsProgram(built, null);
    }

    /// <summary>
    /// Runs <c>RnnGen.Timings MODE NETWORK</c> in <paramref name="runs"/> fresh processes, one after the other, and reads
    /// the number each prints; the first failure fails the cell.
    /// </summary>
    public Measurement Measure(string mode, string network, int runs)
    {
        if (Unavailable is not null || executable is null)
            return Measurement.Failed(Unavailable ?? "no program");
        var values = new List<double>();
        for (int run = 0; run < runs; run++)
        {
            ProcessResult result = executable.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                ? ProcessResult.Run("dotnet", new[] { executable, mode, network }, RunTimeout)
                : ProcessResult.Run(executable, new[] { mode, network }, RunTimeout);
            if (result.Failure is not null)
                return Measurement.Failed($"RnnGen.Timings {mode} {network}: {result.Failure}");
            if (!double.TryParse(result.StandardOutput.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                return Measurement.Failed($"RnnGen.Timings {mode} {network} printed '{result.StandardOutput.Trim()}', not a number");
            values.Add(value);
        }
        return Measurement.Of(values);
    }

    private static string? ExecutableIn(string directory)
    {
        foreach (string name in new[] { "RnnGen.Timings", "RnnGen.Timings.exe", "RnnGen.Timings.dll" })
        {
            string path = Path.Combine(directory, name);
            if (File.Exists(path))
                return Path.GetFullPath(path);
        }
        return null;
    }

    private static string? FindRepository()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "RnnGen.sln")))
                    return directory.FullName;
            }
        }
        return null;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    /// <summary>What a child process printed, and why it failed (a non-zero exit, a timeout), or null.</summary>
    private sealed record ProcessResult(string StandardOutput, string StandardError, string? Failure)
    {
        public string Output => StandardOutput + StandardError;

        public static ProcessResult Run(string program, IEnumerable<string> arguments, TimeSpan timeout)
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string argument in arguments)
                start.ArgumentList.Add(argument);
            Process? started;
            try
            {
                started = Process.Start(start);
            }
            catch (System.ComponentModel.Win32Exception exception)
            {
                return new ProcessResult("", "", $"could not start {program}: {exception.Message}");
            }
            if (started is null)
                return new ProcessResult("", "", $"could not start {program}");
            using Process process = started;
            var standardOutput = process.StandardOutput.ReadToEndAsync();
            var standardError = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return new ProcessResult(standardOutput.Result, standardError.Result, $"no answer within {timeout.TotalSeconds:F0} s");
            }
            process.WaitForExit();
            string error = standardError.Result;
            return process.ExitCode == 0
                ? new ProcessResult(standardOutput.Result, error, null)
                : new ProcessResult(standardOutput.Result, error, $"exit code {process.ExitCode}: {error.Trim().Split('\n').FirstOrDefault()}");
        }
    }
}
