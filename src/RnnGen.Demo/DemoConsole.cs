using System;
using System.IO;
using Spectre.Console;

namespace RnnGen.Demo;

/// <summary>
/// Creates the Spectre console the commands write to: colours, Unicode and live progress bars on a terminal; plain
/// ASCII text, no escape codes and no live redraws when the output is redirected or is not the process's console.
/// </summary>
internal static class DemoConsole
{
    /// <summary>Width used for plain output, where no terminal says how wide it is.</summary>
    public const int PlainWidth = 120;

    public static IAnsiConsole Create(TextWriter output)
    {
        bool terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        return terminal ? CreateForTerminal(output) : CreatePlain(output);
    }

    private static IAnsiConsole CreateForTerminal(TextWriter output) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(output),
        Ansi = AnsiSupport.Detect,
        ColorSystem = ColorSystemSupport.Detect,
        Interactive = InteractionSupport.Detect,
    });

    private static IAnsiConsole CreatePlain(TextWriter output)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = PlainWidth;
        console.Profile.Capabilities.Unicode = false;
        return console;
    }
}
