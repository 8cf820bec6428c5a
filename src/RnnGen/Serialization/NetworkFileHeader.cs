using System;
using System.Collections.Generic;

namespace RnnGen;

/// <summary>What the header of a network file says: the shape, the element type and the number of parameters.</summary>
/// <param name="Shape">The network's shape.</param>
/// <param name="ElementType">typeof(Half), typeof(float) or typeof(double).</param>
/// <param name="ParameterCount">Number of parameters stored (always <c>Shape.ParameterCount</c>).</param>
public sealed record NetworkFileHeader(NetworkShape Shape, Type ElementType, int ParameterCount)
{
    /// <summary>The file's format version (docs/file-format.md): 1 for files written before optimizer state, 2 since.</summary>
    public int FormatVersion { get; init; } = NetworkFile.FormatVersion;

    /// <summary>The optimizer whose settings and state the file holds beside the parameters; null when it holds none.</summary>
    public OptimizerKind? Optimizer { get; init; }

    /// <summary>The optimizer's step count (Adam's t); zero for the others and without an optimizer.</summary>
    public long OptimizerStepCount { get; init; }

    /// <summary>The text entries saved with the network (empty when none), e.g. where in its data a training run stopped.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
