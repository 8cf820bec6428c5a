using System.IO;
using System.Linq;
using Xunit;

namespace RnnGen.Demo.Tests;

/// <summary>The parser on its own, and the exit code and message the app gives for a command line it cannot run.</summary>
public class CommandLineTests
{
    [Fact]
    public void No_arguments_run_the_overview_with_its_defaults()
    {
        ParsedCommand command = CommandLine.Parse([], CommandCatalog.All);
        Assert.Equal("overview", command.Spec.Name);
        Assert.Equal(10_000, command.Integer("--samples"));
        Assert.Equal(0, command.Integer("--seed"));
        Assert.False(command.WantsHelp);
    }

    [Fact]
    public void Options_without_a_command_belong_to_the_overview()
    {
        ParsedCommand command = CommandLine.Parse(["--samples", "50"], CommandCatalog.All);
        Assert.Equal("overview", command.Spec.Name);
        Assert.Equal(50, command.Integer("--samples"));
    }

    [Fact]
    public void Values_follow_their_option_separately_or_after_an_equals_sign()
    {
        ParsedCommand command = CommandLine.Parse(["adder", "--precision", "all", "--samples=300", "--bits", "16", "--unroll", "none", "--lr", "0.25"], CommandCatalog.All);
        Assert.Equal("adder", command.Spec.Name);
        Assert.Equal("all", command.Text("--precision"));
        Assert.Equal(300, command.Integer("--samples"));
        Assert.Equal("16", command.Text("--bits"));
        Assert.Equal("none", command.Text("--unroll"));
        Assert.Equal(0.25, command.Real("--lr"));
        Assert.Equal(1000, command.Integer("--every"));
        Assert.True(command.IsGiven("--samples"));
        Assert.False(command.IsGiven("--seed"));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public void Help_prints_the_usage_and_succeeds(string word)
    {
        DemoRun run = DemoRun.Of(word);
        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Usage: ", run.Output);
        foreach (string command in new[] { "adder", "nextbit", "precision", "bench", "lstm", "memory" })
            Assert.Contains($"Options of {command}:", run.Output);
        Assert.Equal("", run.Error);
    }

    [Theory]
    [InlineData("adder", "--help")]
    [InlineData("adder", "-h")]
    [InlineData("adder", "help")]
    [InlineData("nextbit", "--iterations", "5", "--help")]
    [InlineData("chars", "--help")]
    [InlineData("chars sample", "-h")]
    [InlineData("overview", "--help")]
    public void Help_after_a_command_prints_that_commands_usage(string command, params string[] rest)
    {
        DemoRun run = DemoRun.Of([.. command.Split(' '), .. rest]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains($"Options of {command}:", run.Output);
        if (command == "overview")
        {
            Assert.Contains("Options of adder:", run.Output);
            return;
        }
        Assert.StartsWith($"Usage: {Usage.Invocation} {command} [options]", run.Output);
        foreach (CommandSpec other in CommandCatalog.All.Where(other => other.Name != command))
            Assert.DoesNotContain($"Options of {other.Name}:", run.Output);
        foreach (OptionSpec option in CommandCatalog.All.Single(spec => spec.Name == command).Options)
            Assert.Contains($"  {option.Name} {option.ValueHint} ", run.Output);
    }

    [Fact]
    public void Chars_help_lists_the_command_under_it()
    {
        DemoRun run = DemoRun.Of("chars", "--help");
        Assert.Contains("Commands under chars:", run.Output);
        Assert.Contains("  chars sample  ", run.Output);
    }

    [Theory]
    [InlineData("unknown command 'addr'; did you mean 'adder'?", "addr")]
    [InlineData("unknown command 'nxetbit'; did you mean 'nextbit'?", "nxetbit")]
    [InlineData("unknown command 'chars sampel'; did you mean 'chars sample'?", "chars", "sampel")]
    [InlineData("unknown option '--sampels' for 'adder'; did you mean '--samples'?", "adder", "--sampels", "5")]
    [InlineData("unknown option '--precison' for 'adder'; did you mean '--precision'?", "adder", "--precison", "all")]
    [InlineData("unknown option '-lr' for 'lstm'; did you mean '--lr'?", "lstm", "-lr", "0.1")]
    [InlineData("unknown option '--sample' for 'chars'; did you mean '--sample-every' or '--sample-length'?", "chars", "--sample", "5")]
    [InlineData("unknown command 'train'; expected one of overview, adder, nextbit, precision, bench, lstm, memory, chars.", "train")]
    [InlineData("option '--samples' comes before the command; write it after 'adder'.", "--samples", "5", "adder")]
    public void Misspelt_commands_and_options_get_a_suggestion_in_the_one_line(string message, params string[] args)
    {
        DemoRun run = DemoRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {message}", run.ErrorLines[0]);
        Assert.Equal("", run.ErrorLines[1]);
        Assert.StartsWith("Usage: ", run.ErrorLines[2]);
        Assert.Equal("", run.Output);
    }

    [Theory]
    [InlineData("samples", "samples", 0)]
    [InlineData("sampels", "samples", 1)]
    [InlineData("sample", "samples", 1)]
    [InlineData("addr", "adder", 1)]
    [InlineData("train", "adder", 5)]
    [InlineData("", "lr", 2)]
    public void Edit_distance_counts_insertions_deletions_substitutions_and_swaps(string from, string to, int expected)
    {
        Assert.Equal(expected, Suggestions.EditDistance(from, to));
        Assert.Equal(expected, Suggestions.EditDistance(to, from));
    }

    [Theory]
    [InlineData("unknown command 'train'", "train")]
    [InlineData("unknown option '--nope' for 'adder'", "adder", "--nope", "1")]
    [InlineData("--bits must be 8, 16 or 32, the widths Networks.cs declares adders for (the number of steps is fixed at compile time), not '12'", "adder", "--bits", "12")]
    [InlineData("--bits must be 8, 16 or 32", "precision", "--bits", "64")]
    [InlineData("--precision must be one of half, float, double, all, not 'quad'", "adder", "--precision", "quad")]
    [InlineData("--unroll must be one of full, none, auto, not 'partial'", "adder", "--unroll", "partial")]
    [InlineData("--samples must be a whole number from 1 to 10000000, not 'many'", "adder", "--samples", "many")]
    [InlineData("--samples must be a whole number from 1 to 10000000, not '0'", "precision", "--samples", "0")]
    [InlineData("--lr must be a number above 0 and at most 100, not '-1'", "lstm", "--lr", "-1")]
    [InlineData("option '--samples' needs a value (N)", "adder", "--samples")]
    [InlineData("option '--samples' needs a value (N)", "adder", "--samples", "--seed", "1")]
    [InlineData("option '--seed' is given more than once", "memory", "--seed", "1", "--seed", "2")]
    [InlineData("unexpected argument 'extra'", "bench", "extra")]
    [InlineData("unknown option '--bits' for 'nextbit'", "nextbit", "--bits", "8")]
    public void Bad_input_prints_one_line_and_the_usage_and_exits_with_2(string message, params string[] args)
    {
        using var directory = new TempDirectory();
        string output = directory.File("out");
        DemoRun run = DemoRun.Of([.. args, "--out", output]);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: {message}", run.ErrorLines[0]);
        Assert.Equal("", run.ErrorLines[1]);
        Assert.StartsWith("Usage: ", run.ErrorLines[2]);
        Assert.Equal("", run.Output);
        Assert.False(Directory.Exists(output), "a rejected command line must not create the output directory");
    }

    [Fact]
    public void Out_on_a_command_that_writes_no_files_is_an_error()
    {
        DemoRun run = DemoRun.Of("--out", "somewhere");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown option '--out' for 'overview'", run.ErrorLines[0]);
    }

    [Fact]
    public void With_one_writer_the_error_and_usage_go_to_it()
    {
        var output = new StringWriter();
        Assert.Equal(2, DemoApp.Run(["frobnicate"], output));
        Assert.StartsWith("error: unknown command 'frobnicate'", output.ToString());
        Assert.Contains("Usage: ", output.ToString());
    }
}
