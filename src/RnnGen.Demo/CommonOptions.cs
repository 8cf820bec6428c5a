namespace RnnGen.Demo;

/// <summary>Options several commands share, so they read and default the same everywhere.</summary>
internal static class CommonOptions
{
    public const string DefaultOutputDirectory = "rnngen-out";

    public static readonly OptionSpec Out = OptionSpec.Directory("--out", "directory for the CSV and PNG files (created if missing)", DefaultOutputDirectory);

    public static readonly OptionSpec Seed = OptionSpec.Integer("--seed", "seed of the initial weights (the data uses seed + 1000)", 0, 0, 1_000_000);

    public static OptionSpec Samples(int defaultValue) =>
        OptionSpec.Integer("--samples", "training sequences", defaultValue, 1, 10_000_000);

    public static OptionSpec LearningRate(double defaultValue) =>
        OptionSpec.Real("--lr", "learning rate", defaultValue, 0, 100);

    /// <summary>Seed for a command whose data involves no randomness.</summary>
    public static readonly OptionSpec WeightSeed = OptionSpec.Integer("--seed", "seed of the initial weights", 0, 0, 1_000_000);

    /// <summary>The adder widths: each needs its own declaration in Networks.cs, since the steps are fixed at compile time.</summary>
    public static OptionSpec Bits(string defaultValue) => OptionSpec.Choice("--bits", "width of the sums, one step per bit", defaultValue, ["8", "16", "32"],
        "must be 8, 16 or 32, the widths Networks.cs declares adders for (the number of steps is fixed at compile time)");

    /// <summary>The sampling temperature of the character model's text.</summary>
    public static OptionSpec Temperature(double defaultValue) =>
        OptionSpec.Real("--temperature", "sampling temperature (lower is more conservative)", defaultValue, 0, 10);

    /// <summary>Top-k sampling for the character model's text.</summary>
    public static readonly OptionSpec TopK =
        OptionSpec.Integer("--top-k", "sample only from the K most probable characters (0: from all, 1: always the most probable)", 0, 0, CharacterVocabulary.Size);

    /// <summary>Which character model <c>chars</c> trains.</summary>
    public static readonly OptionSpec CharacterModel = OptionSpec.Choice("--model",
        "min-char-rnn: one layer of 100 tanh units over 25 characters; char-rnn: char-rnn's default, two LSTM layers of 128 units over 50",
        CharacterModels.MinCharRnn, CharacterModels.Names);

    public static OptionSpec Every(int defaultValue, string what) =>
        OptionSpec.Integer("--every", what, defaultValue, 1, 10_000_000);
}
