namespace RnnGen.CodeFixes;

/// <summary>
/// The ids this assembly fixes, as the generator's DiagnosticDescriptors define them (docs/diagnostics.md). Written out
/// rather than referenced: the code fixes must not make the generator assembly depend on the IDE's Workspaces layer,
/// nor the other way round.
/// </summary>
internal static class DiagnosticIds
{
    public const string NotPartial = "RNNG001";
    public const string CrossEntropyNeedsProbabilities = "RNNG004";
    public const string ContainingTypeNotPartial = "RNNG006";
    public const string TooLargeToUnroll = "RNNG008";
}
