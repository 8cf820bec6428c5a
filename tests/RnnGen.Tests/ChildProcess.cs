using System;
using RnnGen.Tests.Runtime;
using RnnGen.Tests.Serialization;

namespace RnnGen.Tests;

/// <summary>
/// The test assembly's entry point, used only by tests that run it as a child process
/// (<c>dotnet exec RnnGen.Tests.dll COMMAND ...</c>): <see cref="SaveLoopProcess"/> and <see cref="NarrowVectorProcess"/>.
/// Test runners never call it.
/// </summary>
public static class ChildProcess
{
    public static int Main(string[] args)
    {
        switch (args.Length > 0 ? args[0] : "")
        {
            case SaveLoopProcess.Command:
                return SaveLoopProcess.Run(args);
            case NarrowVectorProcess.Command:
                return NarrowVectorProcess.Run(args);
            default:
                Console.Error.WriteLine($"usage: {SaveLoopProcess.Command} PATH | {NarrowVectorProcess.Command}");
                return 2;
        }
    }

    /// <summary>Starts this assembly as a child process with <paramref name="arguments"/> and, when given, extra environment variables.</summary>
    public static System.Diagnostics.Process Start(string[] arguments, params (string Name, string Value)[] environment)
    {
        string host = Environment.ProcessPath is { } process && System.IO.Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
        var start = new System.Diagnostics.ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        foreach ((string name, string value) in environment)
            start.Environment[name] = value;
        return System.Diagnostics.Process.Start(start)!;
    }
}
