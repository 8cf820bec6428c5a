using System;
using System.IO;

namespace RnnGen.Demo.Tests;

/// <summary>Runs the demo in-process, as a user's command line would, and keeps what it wrote.</summary>
internal sealed record DemoRun(int ExitCode, string Output, string Error)
{
    public static DemoRun Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = DemoApp.Run(args, output, error);
        return new DemoRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>The lines of <see cref="Error"/>.</summary>
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.TrimEntries);
}

/// <summary>A fresh directory under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rnngen-demo-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
