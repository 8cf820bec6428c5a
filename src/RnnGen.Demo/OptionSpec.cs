using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Linq;

namespace RnnGen.Demo;

/// <summary>
/// One <c>--name value</c> option of a command: how the usage shows it, and the typed System.CommandLine option it
/// becomes. Every option takes exactly one value; a value it cannot take is one line naming the option, what it
/// must be, and what was given.
/// </summary>
internal abstract record OptionSpec(string Name, string ValueHint, string Description)
{
    /// <summary>True when the command cannot run without this option.</summary>
    public bool Required { get; init; }

    /// <summary>The default as the usage shows it; empty when the option's absence means "not given".</summary>
    public abstract string DefaultText { get; }

    /// <summary>A fresh System.CommandLine option for one command (a symbol has one parent, so each command gets its own).</summary>
    public abstract Option CreateOption();

    public static OptionSpec Integer(string name, string description, int defaultValue, int min, int max) =>
        new TypedOptionSpec<int>(name, "N", description, defaultValue, $"must be a whole number from {min} to {max}",
            (string text, out int number) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= min && number <= max);

    public static OptionSpec Real(string name, string description, double defaultValue, double minExclusive, double max) =>
        new TypedOptionSpec<double>(name, "X", description, defaultValue,
            $"must be a number above {minExclusive.ToString(CultureInfo.InvariantCulture)} and at most {max.ToString(CultureInfo.InvariantCulture)}",
            (string text, out double number) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && number > minExclusive && number <= max);

    /// <summary>One of a fixed list of words; <paramref name="problem"/> replaces the generic "must be one of …" when the list needs explaining.</summary>
    public static OptionSpec Choice(string name, string description, string defaultValue, string[] choices, string? problem = null) =>
        new TypedOptionSpec<string>(name, string.Join('|', choices), description, defaultValue,
            problem ?? $"must be one of {string.Join(", ", choices)}",
            Accept(text => choices.Contains(text, StringComparer.Ordinal)));

    public static OptionSpec Text(string name, string valueHint, string description, string defaultValue) =>
        new TypedOptionSpec<string>(name, valueHint, description, defaultValue, "must not be empty", Accept(text => text.Length > 0));

    public static OptionSpec Directory(string name, string description, string defaultValue) =>
        new TypedOptionSpec<string>(name, "DIR", description, defaultValue, "needs a directory", Accept(text => text.Length > 0));

    /// <summary>A file that must exist; its absence reads as the empty string.</summary>
    public static OptionSpec ExistingFile(string name, string description) =>
        new TypedOptionSpec<string>(name, "FILE", description, "", "must name an existing file", Accept(System.IO.File.Exists));

    /// <summary>
    /// A file to write, in a directory that exists, and, when <paramref name="extension"/> is given, with that extension (so
    /// an existing file of another kind is never replaced); its absence reads as the empty string.
    /// </summary>
    public static OptionSpec NewFile(string name, string description, string extension = "") =>
        new TypedOptionSpec<string>(name, "FILE", description, "",
            extension.Length == 0 ? "must be a file path in an existing directory" : $"must be a {extension} file path in an existing directory",
            Accept(text => text.Length > 0 && text.EndsWith(extension, StringComparison.OrdinalIgnoreCase)
                && System.IO.Directory.Exists(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(text)))));

    /// <summary>A parser for text options: the text itself, when <paramref name="isAcceptable"/> says so.</summary>
    private static ValueParser<string> Accept(Func<string, bool> isAcceptable) => (string text, out string value) =>
    {
        value = text;
        return isAcceptable(text);
    };
}

/// <summary>Turns an option's text into its value; false when the text is not acceptable.</summary>
internal delegate bool ValueParser<T>(string text, out T value);

/// <summary>
/// An option whose value is a <typeparamref name="T"/>: <paramref name="Parse"/> turns the text into a value or
/// refuses it, and then the error says "<c>{Name} {Problem}, not '{text}'.</c>".
/// </summary>
internal sealed record TypedOptionSpec<T>(string Name, string ValueHint, string Description, T DefaultValue, string Problem, ValueParser<T> Parse)
    : OptionSpec(Name, ValueHint, Description)
{
    public override string DefaultText => DefaultValue switch
    {
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        var value => value?.ToString() ?? "",
    };

    public override Option CreateOption() => new Option<T>(Name)
    {
        Description = Description,
        HelpName = ValueHint,
        Arity = ArgumentArity.ExactlyOne,
        DefaultValueFactory = _ => DefaultValue,
        CustomParser = ParseToken,
    };

    private T ParseToken(ArgumentResult result)
    {
        if (result.Tokens.Count != 1)
            return DefaultValue;   // the arity check reports a missing or repeated value
        string text = result.Tokens[0].Value;
        if (text.StartsWith("--", StringComparison.Ordinal))
        {
            // System.CommandLine hands an option that needs a value the next token even when it is an option.
            result.AddError($"option '{Name}' needs a value ({ValueHint}).");
            return DefaultValue;
        }
        if (Parse(text, out T value))
            return value;
        result.AddError($"{Name} {Problem}, not '{text}'.");
        return DefaultValue;
    }
}
