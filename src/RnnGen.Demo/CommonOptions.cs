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

    public static OptionSpec Bits(string defaultValue) =>
        OptionSpec.Choice("--bits", "width of the sums: one step per bit (the widths Networks.cs declares)", defaultValue, "8", "16", "32");

    public static OptionSpec Every(int defaultValue, string what) =>
        OptionSpec.Integer("--every", what, defaultValue, 1, 10_000_000);
}
