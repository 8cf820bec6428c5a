using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit;

namespace RnnGen.Package.Tests;

/// <summary>
/// `dotnet pack RnnGen.sln` once for every test of <see cref="PackageTests"/>: the package, with a version of its own so
/// that no earlier package in a NuGet cache can stand in for it, in a feed folder of its own.
/// </summary>
public sealed class PackedSolution : IDisposable
{
    public PackedSolution()
    {
        Directory.CreateDirectory(Work);
        string repository = RepositoryRoot();
        Run("dotnet", $"pack \"{Path.Combine(repository, "RnnGen.sln")}\" -c Release -o \"{Feed}\" -p:Version={Version}", repository);
    }

    /// <summary>A scratch folder for this run, removed afterwards.</summary>
    public string Work { get; } = Path.Combine(Path.GetTempPath(), "rnngen-package-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The folder that holds the package.</summary>
    public string Feed => Path.Combine(Work, "feed");

    public string Version { get; } = "0.0.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A nuget.config in <paramref name="directory"/> that adds <see cref="Feed"/> to the machine's sources.</summary>
    public void WriteNuGetConfig(string directory) => File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="rnngen-test-feed" value="{Feed}" />
          </packageSources>
        </configuration>
        """);

    private static string RepositoryRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));

    /// <summary>Runs a command to its end and returns its standard output; a non-zero exit fails the test with both outputs.</summary>
    public static string Run(string program, string arguments, string directory)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The outer `dotnet test` sets MSBuild variables for its own build; the nested commands must not inherit them.
        foreach (string variable in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "VSTEST_HOST_DEBUG" })
            start.Environment.Remove(variable);
        using Process process = Process.Start(start)!;
        var standardError = process.StandardError.ReadToEndAsync();
        string standardOutput = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {arguments} timed out");
        }
        Assert.True(process.ExitCode == 0, $"{program} {arguments} exited with {process.ExitCode}:\n{standardOutput}\n{standardError.Result}");
        return standardOutput;
    }
}
