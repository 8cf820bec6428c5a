using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RnnGen.Demo;

/// <summary>The usage text, written from the commands' own specs so it cannot fall out of step with the parser.</summary>
internal static class Usage
{
    public const string Invocation = "dotnet run --project src/RnnGen.Demo -c Release --";

    private const string HelpLine = "-h, --help";

    /// <summary>
    /// The usage of <paramref name="command"/>: for the overview (no command), every command with its options; for
    /// another command, its own options and the commands under it.
    /// </summary>
    public static string Text(CommandSpec command, IReadOnlyList<CommandSpec> commands) =>
        command.Name == CommandLine.DefaultCommand ? Text(commands) : TextOf(command, commands);

    public static string Text(IReadOnlyList<CommandSpec> commands)
    {
        var text = new StringBuilder();
        text.AppendLine($"Usage: {Invocation} [command] [options]");
        text.AppendLine();
        text.AppendLine("Commands (none: overview):");
        AppendCommands(text, commands);
        foreach (CommandSpec command in commands.Where(command => command.Options.Count > 0))
        {
            text.AppendLine();
            AppendOptions(text, command, withHelp: false);
        }
        text.AppendLine();
        text.AppendLine($"{HelpLine} after a command shows only its usage.");
        AppendExitCodes(text);
        return text.ToString();
    }

    private static string TextOf(CommandSpec command, IReadOnlyList<CommandSpec> commands)
    {
        var text = new StringBuilder();
        text.AppendLine($"Usage: {Invocation} {command.Name} [options]");
        text.AppendLine();
        text.AppendLine($"{command.Name}: {command.Summary}.");
        CommandSpec[] below = commands.Where(other => other.Name.StartsWith(command.Name + " ", System.StringComparison.Ordinal)).ToArray();
        if (below.Length > 0)
        {
            text.AppendLine();
            text.AppendLine($"Commands under {command.Name}:");
            AppendCommands(text, below);
        }
        text.AppendLine();
        AppendOptions(text, command, withHelp: true);
        text.AppendLine();
        text.AppendLine($"Every command: {Invocation} --help");
        AppendExitCodes(text);
        return text.ToString();
    }

    private static void AppendCommands(StringBuilder text, IReadOnlyList<CommandSpec> commands)
    {
        int width = commands.Max(command => command.Name.Length) + 2;
        foreach (CommandSpec command in commands)
            text.AppendLine($"  {command.Name.PadRight(width)}{command.Summary}");
    }

    private static void AppendOptions(StringBuilder text, CommandSpec command, bool withHelp)
    {
        text.AppendLine($"Options of {command.Name}:");
        var names = command.Options.Select(option => $"{option.Name} {option.ValueHint}").Append(withHelp ? HelpLine : "").ToArray();
        int width = names.Max(name => name.Length) + 2;
        for (int index = 0; index < command.Options.Count; index++)
        {
            OptionSpec option = command.Options[index];
            string suffix = option.Required ? "required" : option.DefaultText.Length == 0 ? "optional" : $"default {option.DefaultText}";
            text.AppendLine($"  {names[index].PadRight(width)}{option.Description} ({suffix})");
        }
        if (withHelp)
            text.AppendLine($"  {HelpLine.PadRight(width)}this usage");
    }

    private static void AppendExitCodes(StringBuilder text)
    {
        text.AppendLine();
        text.AppendLine("Exit codes: 0 done, 1 could not write the output, 2 bad command line.");
    }
}
