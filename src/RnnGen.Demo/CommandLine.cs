using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RnnGen.Demo;

/// <summary>A command line the demo cannot run: the message is one line that says what is wrong.</summary>
internal sealed class CommandLineException(string message) : Exception(message);

/// <summary>
/// Parses <c>[command] [--option value | --option=value]…</c> against the commands' declared options. A small
/// hand-written parser rather than System.CommandLine: the demo needs exactly one behaviour on bad input (one line
/// saying what is wrong, then the usage, exit code 2) and values checked before any training starts, and that is
/// less code here than customizing another library's error reporting and help output.
/// </summary>
internal static class CommandLine
{
    /// <summary>The command that runs when the arguments name none.</summary>
    public const string DefaultCommand = "overview";

    private static readonly string[] HelpWords = ["-h", "--help", "help"];

    public static ParsedCommand Parse(IReadOnlyList<string> args, IReadOnlyList<CommandSpec> commands)
    {
        if (args.Any(arg => HelpWords.Contains(arg, StringComparer.Ordinal)))
            return ParsedCommand.Help(FindCommand(DefaultCommand, commands));

        // A command is one word ("chars") or two ("chars sample"); the longer name wins.
        int words = args.Count >= 2 && commands.Any(command => command.Name == $"{args[0]} {args[1]}") ? 2
            : args.Count > 0 && !args[0].StartsWith('-') ? 1
            : 0;
        CommandSpec command = FindCommand(words == 0 ? DefaultCommand : string.Join(' ', args.Take(words)), commands);
        var values = ParseOptions(command, args.Skip(words).ToList());
        return new ParsedCommand(command, values, wantsHelp: false);
    }

    private static CommandSpec FindCommand(string name, IReadOnlyList<CommandSpec> commands) =>
        commands.FirstOrDefault(command => command.Name == name)
        ?? throw new CommandLineException($"unknown command '{name}'; expected one of {string.Join(", ", commands.Select(c => c.Name))}.");

    private static Dictionary<string, string> ParseOptions(CommandSpec command, List<string> tokens)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int index = 0; index < tokens.Count; index++)
        {
            string token = tokens[index];
            if (!token.StartsWith("--", StringComparison.Ordinal))
                throw new CommandLineException($"unexpected argument '{token}'; options start with '--'.");

            (string name, string? value) = SplitInlineValue(token);
            OptionSpec option = FindOption(command, name);
            if (value is null)
            {
                if (index + 1 >= tokens.Count || tokens[index + 1].StartsWith("--", StringComparison.Ordinal))
                    throw new CommandLineException($"option '{name}' needs a value ({option.ValueHint}).");
                value = tokens[++index];
            }
            if (!values.TryAdd(name, value))
                throw new CommandLineException($"option '{name}' is given more than once.");
            if (option.Check(value) is string problem)
                throw new CommandLineException($"{name} {problem}, not '{value}'.");
        }
        foreach (OptionSpec option in command.Options)
        {
            if (option.Required && !values.ContainsKey(option.Name))
                throw new CommandLineException($"'{command.Name}' needs {option.Name} {option.ValueHint}.");
        }
        return values;
    }

    private static (string Name, string? Value) SplitInlineValue(string token)
    {
        int equals = token.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (token, null) : (token[..equals], token[(equals + 1)..]);
    }

    private static OptionSpec FindOption(CommandSpec command, string name) =>
        command.Options.FirstOrDefault(option => option.Name == name)
        ?? throw new CommandLineException(command.Options.Count == 0
            ? $"'{command.Name}' takes no options, not '{name}'."
            : $"unknown option '{name}' for '{command.Name}'; it takes {string.Join(", ", command.Options.Select(o => o.Name))}.");
}

/// <summary>One command the demo runs, with the options it accepts.</summary>
internal sealed record CommandSpec(string Name, string Summary, IReadOnlyList<OptionSpec> Options);

/// <summary>
/// One <c>--name value</c> option: how usage shows it, its default, and a check that returns what is wrong with a
/// value (null when it is fine).
/// </summary>
internal sealed record OptionSpec(string Name, string ValueHint, string Description, string DefaultValue, Func<string, string?> Check)
{
    /// <summary>True when the command cannot run without this option.</summary>
    public bool Required { get; init; }

    public static OptionSpec Integer(string name, string description, int defaultValue, int min, int max) =>
        new(name, "N", description, defaultValue.ToString(CultureInfo.InvariantCulture), value =>
            int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number >= min && number <= max
                ? null
                : $"must be a whole number from {min} to {max}");

    public static OptionSpec Real(string name, string description, double defaultValue, double minExclusive, double max) =>
        new(name, "X", description, defaultValue.ToString(CultureInfo.InvariantCulture), value =>
            double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && number > minExclusive && number <= max
                ? null
                : $"must be a number above {minExclusive.ToString(CultureInfo.InvariantCulture)} and at most {max.ToString(CultureInfo.InvariantCulture)}");

    public static OptionSpec Choice(string name, string description, string defaultValue, params string[] choices) =>
        new(name, string.Join('|', choices), description, defaultValue, value =>
            choices.Contains(value, StringComparer.Ordinal) ? null : $"must be one of {string.Join(", ", choices)}");

    public static OptionSpec Directory(string name, string description, string defaultValue) =>
        new(name, "DIR", description, defaultValue, value => value.Length == 0 ? "needs a directory" : null);

    /// <summary>A file that must exist; an empty default means "not given".</summary>
    public static OptionSpec ExistingFile(string name, string description) =>
        new(name, "FILE", description, "", value => System.IO.File.Exists(value) ? null : "must name an existing file");

    /// <summary>A file to write; its directory must exist; an empty default means "not given".</summary>
    public static OptionSpec NewFile(string name, string description) =>
        new(name, "FILE", description, "", value =>
            value.Length > 0 && System.IO.Directory.Exists(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(value)))
                ? null
                : "must be a file path in an existing directory");
}

/// <summary>A command line that parsed: the command and the value of each option, given or default.</summary>
internal sealed class ParsedCommand(CommandSpec spec, IReadOnlyDictionary<string, string> givenValues, bool wantsHelp)
{
    public CommandSpec Spec { get; } = spec;

    /// <summary>True when the arguments asked for the usage text.</summary>
    public bool WantsHelp { get; } = wantsHelp;

    public static ParsedCommand Help(CommandSpec defaultCommand) => new(defaultCommand, new Dictionary<string, string>(), wantsHelp: true);

    /// <summary>True when the option was on the command line rather than left at its default.</summary>
    public bool IsGiven(string name) => givenValues.ContainsKey(name);

    public string Text(string name)
    {
        if (givenValues.TryGetValue(name, out string? value))
            return value;
        return Spec.Options.FirstOrDefault(option => option.Name == name)?.DefaultValue
            ?? throw new ArgumentException($"'{Spec.Name}' has no option '{name}'.", nameof(name));
    }

    public int Integer(string name) => int.Parse(Text(name), NumberStyles.None, CultureInfo.InvariantCulture);

    public double Real(string name) => double.Parse(Text(name), NumberStyles.Float, CultureInfo.InvariantCulture);
}
