using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Linq;

namespace RnnGen.Demo;

/// <summary>A command line the demo cannot run: the message is one line that says what is wrong.</summary>
internal sealed class CommandLineException(string message, CommandSpec command) : Exception(message)
{
    /// <summary>The command the arguments reached, whose usage follows the message.</summary>
    public CommandSpec Command { get; } = command;
}

/// <summary>
/// Parses <c>[command] [--option value | --option=value]…</c> with System.CommandLine, against a command tree built
/// from the commands' specs: the overview is the root command (and also the command <c>overview</c>), <c>chars sample</c>
/// a subcommand of <c>chars</c>. Every error becomes one line of our own wording, with a suggestion when a command or an
/// option is misspelt; <c>--help</c>, <c>-h</c> or <c>help</c> after any command asks for that command's usage.
/// </summary>
internal static class CommandLine
{
    /// <summary>The command that runs when the arguments name none.</summary>
    public const string DefaultCommand = "overview";

    /// <summary>Response files (<c>@file</c>) are off: a value such as <c>--prime @home</c> means what it says.</summary>
    private static readonly ParserConfiguration Configuration = new() { ResponseFileTokenReplacer = null };

    public static ParsedCommand Parse(IReadOnlyList<string> args, IReadOnlyList<CommandSpec> commands)
    {
        ArgumentNullException.ThrowIfNull(args);
        var tree = new CommandTree(commands);
        ParseResult result = tree.Root.Parse(args, Configuration);
        CommandSpec command = tree.SpecOf(result.CommandResult.Command);
        if (result.GetResult(tree.Help) is not null)
            return ParsedCommand.Help(command);
        if (FirstProblem(result, command, tree) is string problem)
            throw new CommandLineException(problem, command);
        return new ParsedCommand(command, result);
    }

    /// <summary>The one line the user sees: the first thing wrong, in the order the arguments were written.</summary>
    private static string? FirstProblem(ParseResult result, CommandSpec command, CommandTree tree)
    {
        IReadOnlyList<Token> tokens = result.Tokens;
        var problems = new List<(int Position, string Message)>();
        if (result.UnmatchedTokens.Count > 0)
        {
            string token = result.UnmatchedTokens[0];
            int position = tokens.Count - 1;
            while (position > 0 && tokens[position].Value != token)
                position--;
            problems.Add((position, UnmatchedToken(token, result.CommandResult.Command, command)));
        }
        if (result.CommandResult.Command != result.RootCommandResult.Command &&
            result.RootCommandResult.Children.OfType<OptionResult>().FirstOrDefault(option => !option.Implicit) is { } early)
        {
            problems.Add((PositionOf(early.IdentifierToken, tokens), $"option '{early.Option.Name}' comes before the command; write it after '{command.Name}'."));
        }
        foreach (ParseError error in result.Errors)
        {
            problems.Add(error.SymbolResult is OptionResult option
                ? (PositionOf(option.IdentifierToken, tokens), OptionProblem(option, error, tree))
                : (tokens.Count, error.Message));
        }
        return problems.OrderBy(problem => problem.Position).Select(problem => problem.Message).FirstOrDefault();
    }

    private static int PositionOf(Token? token, IReadOnlyList<Token> tokens)
    {
        for (int index = 0; index < tokens.Count; index++)
        {
            if (ReferenceEquals(tokens[index], token))
                return index;
        }
        return tokens.Count;
    }

    private static string UnmatchedToken(string token, Command parsed, CommandSpec command)
    {
        if (token.StartsWith('-'))
        {
            string[] options = parsed.Options.Where(option => option is not HelpOption).Select(option => option.Name).ToArray();
            if (options.Length == 0)
                return $"'{command.Name}' takes no options, not '{token}'.";
            return $"unknown option '{token}' for '{command.Name}'; " +
                (Suggestions.DidYouMean(token, options) ?? $"it takes {string.Join(", ", options)}.");
        }
        if (parsed.Subcommands.Count == 0)
            return $"unexpected argument '{token}'; options start with '--'.";

        // A word where a command may stand: "chars sampel" is a misspelt command under chars.
        string prefix = parsed is RootCommand ? "" : command.Name + " ";
        string[] commands = parsed.Subcommands.Select(subcommand => prefix + subcommand.Name).ToArray();
        string[] closest = Suggestions.Closest(token, parsed.Subcommands.Select(subcommand => subcommand.Name));
        return $"unknown command '{prefix}{token}'; " + (closest.Length > 0
            ? Suggestions.DidYouMean(closest.Select(name => prefix + name))
            : $"expected one of {string.Join(", ", commands)}.");
    }

    private static string OptionProblem(OptionResult option, ParseError error, CommandTree tree)
    {
        if (option.IdentifierTokenCount > 1)
            return $"option '{option.Option.Name}' is given more than once.";
        if (option.Tokens.Count == 0)
            return $"option '{option.Option.Name}' needs a value ({tree.SpecOf(option.Option).ValueHint}).";
        return error.Message;
    }

    /// <summary>The System.CommandLine commands and options made from the specs, and the way back from each to its spec.</summary>
    private sealed class CommandTree
    {
        private readonly Dictionary<Command, CommandSpec> commandSpecs = [];
        private readonly Dictionary<Option, OptionSpec> optionSpecs = [];

        public CommandTree(IReadOnlyList<CommandSpec> commands)
        {
            CommandSpec overview = commands.Single(command => command.Name == DefaultCommand);
            Root = new RootCommand(overview.Summary);
            Root.Options.Clear();   // no --version: the demo's options are the ones the specs declare
            Root.Directives.Clear();
            Root.Options.Add(Help);
            Define(Root, overview);
            foreach (CommandSpec spec in commands)
            {
                string[] words = spec.Name.Split(' ');
                Command parent = words.Length == 1 ? Root : Root.Subcommands.Single(command => command.Name == words[0]);
                var command = new Command(words[^1], spec.Summary);
                Define(command, spec);
                parent.Subcommands.Add(command);
            }
        }

        public RootCommand Root { get; }

        /// <summary><c>--help</c>, <c>-h</c> or <c>help</c>, after any command.</summary>
        public HelpOption Help { get; } = new("--help", "-h", "help") { Recursive = true };

        public CommandSpec SpecOf(Command command) => commandSpecs[command];

        public OptionSpec SpecOf(Option option) => optionSpecs[option];

        private void Define(Command command, CommandSpec spec)
        {
            commandSpecs.Add(command, spec);
            // DemoApp runs the command; an action only tells System.CommandLine that "chars" runs without a subcommand.
            command.SetAction(_ => DemoApp.ExitSuccess);
            foreach (OptionSpec optionSpec in spec.Options)
            {
                Option option = optionSpec.CreateOption();
                optionSpecs.Add(option, optionSpec);
                command.Options.Add(option);
                if (optionSpec.Required)
                {
                    command.Validators.Add(result =>
                    {
                        if (result.GetResult(option) is null)
                            result.AddError($"'{spec.Name}' needs {optionSpec.Name} {optionSpec.ValueHint}.");
                    });
                }
            }
        }
    }
}

/// <summary>One command the demo runs, with the options it accepts.</summary>
internal sealed record CommandSpec(string Name, string Summary, IReadOnlyList<OptionSpec> Options);

/// <summary>A command line that parsed: the command and the value of each option, given or default.</summary>
internal sealed class ParsedCommand
{
    private readonly ParseResult? result;

    public ParsedCommand(CommandSpec spec, ParseResult result)
    {
        Spec = spec;
        this.result = result;
    }

    private ParsedCommand(CommandSpec spec)
    {
        Spec = spec;
        WantsHelp = true;
    }

    public CommandSpec Spec { get; }

    /// <summary>True when the arguments asked for the usage text of <see cref="Spec"/>.</summary>
    public bool WantsHelp { get; }

    public static ParsedCommand Help(CommandSpec command) => new(command);

    /// <summary>True when the option was on the command line rather than left at its default.</summary>
    public bool IsGiven(string name) => Result.GetResult(Find(name)) is { Implicit: false };

    public string Text(string name) => Value<string>(name);

    public int Integer(string name) => Value<int>(name);

    public double Real(string name) => Value<double>(name);

    private T Value<T>(string name) => Result.GetValue((Option<T>)Find(name))!;

    private Option Find(string name) =>
        Result.CommandResult.Command.Options.FirstOrDefault(option => option.Name == name)
        ?? throw new ArgumentException($"'{Spec.Name}' has no option '{name}'.", nameof(name));

    private ParseResult Result => result ?? throw new InvalidOperationException("A request for help has no option values.");
}
