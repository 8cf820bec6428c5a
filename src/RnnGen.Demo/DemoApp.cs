using System;
using System.IO;
using System.Linq;

namespace RnnGen.Demo;

/// <summary>The demo as a function from arguments to an exit code, so tests can run it in-process.</summary>
public static class DemoApp
{
    /// <summary>Success.</summary>
    public const int ExitSuccess = 0;

    /// <summary>The command ran but failed, e.g. the output directory could not be written.</summary>
    public const int ExitFailure = 1;

    /// <summary>Bad command line: an unknown command, option or value.</summary>
    public const int ExitUsage = 2;

    /// <summary>Runs the demo with everything, errors included, written to <paramref name="output"/>.</summary>
    public static int Run(string[] args, TextWriter output) => Run(args, output, output);

    /// <summary>Runs the demo: results to <paramref name="output"/>, error messages and usage after an error to <paramref name="error"/>.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        ParsedCommand command;
        try
        {
            command = CommandLine.Parse(args, CommandCatalog.All);
        }
        catch (CommandLineException exception)
        {
            error.WriteLine($"error: {exception.Message}");
            error.WriteLine();
            error.Write(Usage.Text(exception.Command, CommandCatalog.All));
            return ExitUsage;
        }

        if (command.WantsHelp)
        {
            output.Write(Usage.Text(command.Spec, CommandCatalog.All));
            return ExitSuccess;
        }
        return Execute(command, output, error);
    }

    private static int Execute(ParsedCommand command, TextWriter output, TextWriter error)
    {
        string outputDirectory = command.Spec.Options.Contains(CommonOptions.Out) ? command.Text(CommonOptions.Out.Name) : CommonOptions.DefaultOutputDirectory;
        var context = new DemoContext(DemoConsole.Create(output), new OutputFiles(outputDirectory));
        try
        {
            CommandCatalog.Find(command.Spec.Name).Execute(command, context);
            return ExitSuccess;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {exception.Message}");
            return ExitFailure;
        }
    }
}
