namespace RnnGen.Demo;

/// <summary>One subcommand of the demo.</summary>
internal interface IDemoCommand
{
    /// <summary>Its name, summary and options.</summary>
    CommandSpec Spec { get; }

    /// <summary>Runs it; the options have been checked already.</summary>
    void Execute(ParsedCommand command, DemoContext context);
}
