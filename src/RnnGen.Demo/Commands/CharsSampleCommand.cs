using System;
using Spectre.Console;

namespace RnnGen.Demo.Commands;

/// <summary>Writes text from a saved character model, one character at a time with <c>Step</c>.</summary>
internal sealed class CharsSampleCommand : IDemoCommand
{
    public CommandSpec Spec { get; } = new("chars sample", "writes text from a character model saved by chars --save",
    [
        OptionSpec.ExistingFile("--load", "checkpoint written by chars --save, or a .safetensors file (from chars --safetensors or PyTorch)") with { Required = true },
        OptionSpec.Integer("--length", "characters to write", 500, 1, 1_000_000),
        CommonOptions.Temperature(1.0),
        CommonOptions.TopK,
        OptionSpec.Text("--prime", "TEXT", "text to read before writing, \\n for a newline", "\\n"),
        CommonOptions.WeightSeed,
    ]);

    public void Execute(ParsedCommand command, DemoContext context)
    {
        // The file says which model it holds: min-char-rnn's or char-rnn's (chars --model).
        ITokenNetwork<float> network = CharacterModels.Load(command.Text("--load"));

        // Read the prime text, then write from where it leaves the state.
        string prime = command.Text("--prime").Replace("\\n", "\n", StringComparison.Ordinal);
        var state = new float[network.Shape.StateSize];
        var probabilities = new float[CharacterVocabulary.Size];
        int[] primeSymbols = CharacterVocabulary.Encode(prime);
        for (int i = 0; i < primeSymbols.Length - 1; i++)
            network.Step(primeSymbols[i], state, probabilities);
        var sampler = new TokenSampler(new Random(command.Integer("--seed")), command.Real("--temperature"), command.Integer("--top-k"));
        string text = CharacterModelTask.Sample<float>(network, state, primeSymbols[^1], command.Integer("--length"), sampler);
        context.Console.WriteLine(prime + text);
    }
}
