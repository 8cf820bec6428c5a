using System;

namespace RnnGen.Demo;

/// <summary>The executable's entry point; everything else goes through <see cref="DemoApp.Run(string[], System.IO.TextWriter, System.IO.TextWriter)"/>.</summary>
internal static class Program
{
    private static int Main(string[] args) => DemoApp.Run(args, Console.Out, Console.Error);
}
