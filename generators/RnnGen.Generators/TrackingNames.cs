namespace RnnGen.Generators;

/// <summary>Names of the incremental pipeline's steps, so tests can check that each one is cached.</summary>
public static class TrackingNames
{
    /// <summary>The step that parses each annotated class into a model.</summary>
    public const string Networks = nameof(Networks);
}
