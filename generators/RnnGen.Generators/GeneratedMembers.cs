namespace RnnGen.Generators;

/// <summary>The members the emitter adds to a network class; a user declaration that clashes with one is RNNG007.</summary>
internal static class GeneratedMembers
{
    /// <summary>Constants, fields, properties and nested types: any user member with one of these names clashes.</summary>
    public static readonly string[] Names =
    {
        "Inputs", "Hidden", "Outputs", "Steps", "ParameterCount", "StateSize", "Shape", "Parameters", "Gradients",
        "parameters", "gradients", "workspace", "tokenSequence", "inputsAreTokens", "hasForwardPass", "stepReplacedForwardPass", "startedFromZeroState", "evaluator", "Computation",
        "MaxDegreeOfParallelism", "maxDegreeOfParallelism", "batchComputation", "BatchComputation",
    };

    /// <summary>Methods, with their parameter types as fully qualified display strings: a user method clashes when name and parameter types match.</summary>
    public static readonly (string Name, string[] ParameterTypes)[] Methods =
    {
        ("Initialize", new[] { "global::System.Random", "double" }),
        ("Forward", new[] { "global::System.ReadOnlySpan<T>", "global::System.Span<T>" }),
        ("Forward", new[] { "global::System.ReadOnlySpan<T>", "global::System.Span<T>", "global::System.ReadOnlySpan<T>", "global::System.Span<T>" }),
        ("Backward", new[] { "global::System.ReadOnlySpan<T>" }),
        ("Train", new[] { "global::System.ReadOnlySpan<T>", "global::System.ReadOnlySpan<T>", "T" }),
        ("Forward", new[] { "global::System.ReadOnlySpan<int>", "global::System.Span<T>" }),
        ("Forward", new[] { "global::System.ReadOnlySpan<int>", "global::System.Span<T>", "global::System.ReadOnlySpan<T>", "global::System.Span<T>" }),
        ("Backward", new[] { "global::System.ReadOnlySpan<int>" }),
        ("Train", new[] { "global::System.ReadOnlySpan<int>", "global::System.ReadOnlySpan<int>", "T" }),
        ("Step", new[] { "global::System.ReadOnlySpan<T>", "global::System.Span<T>", "global::System.Span<T>" }),
        ("Step", new[] { "int", "global::System.Span<T>", "global::System.Span<T>" }),
        ("ZeroGradients", new string[0]),
        ("Clone", new string[0]),
        ("Evaluate", new[] { "global::System.ReadOnlySpan<T>", "global::System.ReadOnlySpan<T>" }),
        ("Evaluate", new[] { "global::System.ReadOnlySpan<int>", "global::System.ReadOnlySpan<int>" }),
        ("RunEvaluation", new[] { "global::System.ReadOnlySpan<T>" }),
        ("ForwardBatch", new[] { "global::System.ReadOnlySpan<T>", "global::System.Span<T>" }),
        ("ForwardBatch", new[] { "global::System.ReadOnlySpan<T>", "global::System.Span<T>", "global::System.ReadOnlySpan<T>", "global::System.Span<T>" }),
        ("ForwardBatch", new[] { "global::System.ReadOnlySpan<int>", "global::System.Span<T>" }),
        ("ForwardBatch", new[] { "global::System.ReadOnlySpan<int>", "global::System.Span<T>", "global::System.ReadOnlySpan<T>", "global::System.Span<T>" }),
        ("BackwardBatch", new[] { "global::System.ReadOnlySpan<T>" }),
        ("BackwardBatch", new[] { "global::System.ReadOnlySpan<int>" }),
        ("TrainBatch", new[] { "global::System.ReadOnlySpan<T>", "global::System.ReadOnlySpan<T>", "T" }),
        ("TrainBatch", new[] { "global::System.ReadOnlySpan<int>", "global::System.ReadOnlySpan<int>", "T" }),
        ("StepBatch", new[] { "global::System.ReadOnlySpan<T>", "global::System.Span<T>", "global::System.Span<T>" }),
        ("StepBatch", new[] { "global::System.ReadOnlySpan<int>", "global::System.Span<T>", "global::System.Span<T>" }),
        ("Batch", new string[0]),
        ("SaveInputs", new[] { "global::System.ReadOnlySpan<T>" }),
        ("SaveTokens", new[] { "global::System.ReadOnlySpan<int>" }),
        ("OneHotTargets", new[] { "global::System.ReadOnlySpan<int>" }),
        ("RunTrainingStep", new[] { "global::System.ReadOnlySpan<T>", "T" }),
        ("RunForward", new[] { "bool" }),
        ("RunBackward", new[] { "global::System.ReadOnlySpan<T>" }),
        ("RunStep", new[] { "global::System.Span<T>", "global::System.Span<T>", "int" }),
    };

    /// <summary>Constructor parameter lists the emitter declares: (), (int seed) and the evaluator's (shared parameters, shared gradients).</summary>
    public static readonly string[][] Constructors = { new string[0], new[] { "int" }, new[] { "global::RnnGen.AlignedArray<T>", "global::RnnGen.AlignedArray<T>" } };
}
