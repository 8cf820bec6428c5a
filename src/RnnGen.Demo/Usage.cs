using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RnnGen.Demo;

/// <summary>The usage text, written from the commands' own specs so it cannot fall out of step with the parser.</summary>
internal static class Usage
{
    public const string Invocation = "dotnet run --project src/RnnGen.Demo -c Release --";

    public static string Text(IReadOnlyList<CommandSpec> commands)
    {
        var text = new StringBuilder();
        text.AppendLine($"Usage: {Invocation} [command] [options]");
        text.AppendLine();
        text.AppendLine("Commands (none: overview):");
        int width = commands.Max(command => command.Name.Length) + 2;
        foreach (CommandSpec command in commands)
            text.AppendLine($"  {command.Name.PadRight(width)}{command.Summary}");
        foreach (CommandSpec command in commands.Where(command => command.Options.Count > 0))
            AppendOptions(text, command);
        text.AppendLine();
        text.AppendLine("Exit codes: 0 done, 1 could not write the output, 2 bad command line.");
        return text.ToString();
    }

    private static void AppendOptions(StringBuilder text, CommandSpec command)
    {
        text.AppendLine();
        text.AppendLine($"Options of {command.Name}:");
        var names = command.Options.Select(option => $"{option.Name} {option.ValueHint}").ToArray();
        int width = names.Max(name => name.Length) + 2;
        for (int index = 0; index < names.Length; index++)
        {
            OptionSpec option = command.Options[index];
            string suffix = option.Required ? "required" : option.DefaultValue.Length == 0 ? "optional" : $"default {option.DefaultValue}";
            text.AppendLine($"  {names[index].PadRight(width)}{option.Description} ({suffix})");
        }
    }
}
