namespace RnnGen.Generators;

/// <summary>Names of the incremental pipeline's steps, so tests can check that each one is cached.</summary>
internal static class TrackingNames
{
    public const string Networks = nameof(Networks);
}
