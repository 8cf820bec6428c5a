using System.Collections.Generic;
using RnnGen.Generators.Model;

namespace RnnGen.Generators;

/// <summary>
/// The batch workspace of a generated network: shared regions (the transposed weights of the backward pass), then one
/// region per sequence laid out here, <see cref="SequenceStride"/> elements apart. Sequence-major, so the per-sequence
/// products (input projection, output layer, loss) run on contiguous steps, while a step of the recurrence reads the
/// same row of every sequence of a block at a constant stride. Each region starts on a multiple of 16 elements, so
/// sequence regions and rows of 16 stay aligned to a cache line. With stacked layers (API.md section 7) the network's
/// regions (inputs, states, outputs) come first and each layer's own regions follow in <see cref="Layers"/>; the state
/// region holds every layer's state of a step side by side, as the network's state does, so the batch runner copies
/// states in and out whatever the layer count.
/// </summary>
internal sealed class BatchWorkspaceLayout
{
    /// <summary>One region: its constant's name, where it starts, how long it is, and what it holds.</summary>
    public sealed record Region(string Name, int Offset, int Length, string Description);

    /// <summary>The regions of layer <paramref name="Number"/> (1-based) of a stack: offsets from the workspace's and the sequence's start.</summary>
    public sealed record LayerRegions(int Number, IReadOnlyList<Region> Shared, IReadOnlyList<Region> Sequence);

    private BatchWorkspaceLayout(List<Region> shared, int sharedSize, List<Region> sequence, int sequenceStride, List<LayerRegions> layers)
    {
        Shared = shared;
        SharedSize = sharedSize;
        Sequence = sequence;
        SequenceStride = sequenceStride;
        Layers = layers;
    }

    public IReadOnlyList<Region> Shared { get; }

    public int SharedSize { get; }

    public IReadOnlyList<Region> Sequence { get; }

    public int SequenceStride { get; }

    /// <summary>Each layer's regions when layers are stacked; empty for one layer, whose regions are all in <see cref="Shared"/> and <see cref="Sequence"/>.</summary>
    public IReadOnlyList<LayerRegions> Layers { get; }

    public int OffsetOf(string name)
    {
        foreach (Region region in Sequence)
        {
            if (region.Name == name)
                return region.Offset;
        }
        return -1;
    }

    public static BatchWorkspaceLayout For(NetworkSpec spec)
    {
        var shared = new List<Region>();
        var sequence = new List<Region>();
        var layers = new List<LayerRegions>();
        if (!spec.Stacked)
        {
            int sharedSize = Lay(shared, DescribeShared(spec), 0);
            int stride = Lay(sequence, DescribeSequence(spec.Cell, spec.Inputs, spec.Hidden, spec.Outputs, spec.Steps), 0);
            return new BatchWorkspaceLayout(shared, sharedSize, sequence, stride, layers);
        }

        int sharedEnd = Lay(shared, DescribeStackShared(spec), 0);
        int sequenceEnd = Lay(sequence, DescribeStackSequence(spec), 0);
        for (int number = 1; number <= spec.Layers; number++)
        {
            var layerShared = new List<Region>();
            var layerSequence = new List<Region>();
            sharedEnd = Lay(layerShared, DescribeLayerShared(spec, number), sharedEnd);
            sequenceEnd = Lay(layerSequence, DescribeLayerSequence(spec.Cell, spec.Hidden, spec.Steps), sequenceEnd);
            layers.Add(new LayerRegions(number, layerShared, layerSequence));
        }
        return new BatchWorkspaceLayout(shared, sharedEnd, sequence, sequenceEnd, layers);
    }

    /// <summary>Elements per sequence in 64-bit arithmetic, so the parser can reject shapes whose batch could not hold one sequence.</summary>
    public static long EstimateSequenceStride(CellKind cell, int inputs, int hidden, int outputs, int steps)
    {
        long total = 0;
        foreach ((_, long length, _) in DescribeSequence(cell, inputs, hidden, outputs, steps))
            total += Align(length);
        return total;
    }

    private static int Lay(List<Region> regions, IEnumerable<(string Name, long Length, string Description)> described, int offset)
    {
        foreach ((string name, long length, string description) in described)
        {
            if (length == 0)
                continue;
            regions.Add(new Region(name, offset, (int)length, description));
            offset += (int)Align(length);
        }
        return offset;
    }

    private static long Align(long length) => (length + 15) & ~15L;

    private static IEnumerable<(string Name, long Length, string Description)> DescribeShared(NetworkSpec spec)
    {
        yield return ("RecurrentWeightsTransposed", (long)spec.GateWidth * spec.Hidden, "W_h transposed, for dh_(t-1) = d_t·W_hᵀ");
        yield return ("OutputWeightsTransposed", spec.Outputs > 1 ? (long)spec.Outputs * spec.Hidden : 0, "W_hy transposed, for dh_t = dz_t·W_hyᵀ");
    }

    private static IEnumerable<(string Name, long Length, string Description)> DescribeStackShared(NetworkSpec spec)
    {
        yield return ("OutputWeightsTransposed", spec.Outputs > 1 ? (long)spec.Outputs * spec.Hidden : 0, "W_hy transposed, for dh_t = dz_t·W_hyᵀ");
    }

    private static IEnumerable<(string Name, long Length, string Description)> DescribeLayerShared(NetworkSpec spec, int number)
    {
        yield return ("RecurrentWeightsTransposed", (long)spec.GateWidth * spec.Hidden, $"W_h^{number} transposed, for dh_(t-1) = d_t·W_hᵀ");
        if (number > 1)
            yield return ("InputWeightsTransposed", (long)spec.GateWidth * spec.Hidden, $"W_x^{number} transposed, for layer {number - 1}'s dh_t = d_t·W_xᵀ");
    }

    /// <summary>The network's regions of a sequence in a stack: x_t, every layer's state side by side, the output layer's.</summary>
    private static IEnumerable<(string Name, long Length, string Description)> DescribeStackSequence(NetworkSpec spec)
    {
        long steps = spec.Steps, outputs = spec.Outputs;
        yield return ("InputSequence", steps * spec.Inputs, "x_t of every step (dense input), layer 1's input");
        yield return ("StateSequence", (steps + 1) * spec.StateSize, "every layer's initial state, then every layer's state after every step, StateSize apart");
        yield return ("LogitSequence", steps * outputs, "z_t of every step");
        yield return ("OutputSequence", steps * outputs, "ŷ_t of every step");
        yield return ("TargetSequence", steps * outputs, "the targets of every step");
        yield return ("OutputGradientSequence", steps * outputs, "dL/dz_t of every step");
    }

    /// <summary>One layer's regions of a sequence in a stack: those of <see cref="DescribeSequence"/> that belong to a layer.</summary>
    private static IEnumerable<(string Name, long Length, string Description)> DescribeLayerSequence(CellKind cell, long hidden, long steps)
    {
        foreach ((string name, long length, string description) in DescribeSequence(cell, 0, hidden, 0, steps))
        {
            if (name is not ("InputSequence" or "StateSequence" or "LogitSequence" or "OutputSequence" or "TargetSequence" or "OutputGradientSequence"))
                yield return (name, length, description);
        }
    }

    private static IEnumerable<(string Name, long Length, string Description)> DescribeSequence(CellKind cell, long inputs, long hidden, long outputs, long steps)
    {
        long gateWidth = ParameterLayout.GateCount(cell) * hidden;
        long stateSize = ParameterLayout.StateSizeOf(cell, (int)hidden);
        yield return ("InputSequence", steps * inputs, "x_t of every step (dense input)");
        yield return ("PreActivationSequence", steps * gateWidth, cell == CellKind.Gru
            ? "x_t·W_x + b_x of every step"
            : "x_t·W_x (+ b) of every step, then h_{t-1}·W_h added by the recurrence");
        if (cell == CellKind.Gru)
            yield return ("RecurrentPartSequence", steps * gateWidth, "h_{t-1}·W_h + b_h of every step");
        yield return ("StateSequence", (steps + 1) * stateSize, "the initial state, then the state after every step");
        if (cell != CellKind.Elman)
            yield return ("GateSequence", steps * gateWidth, "the activated gates of every step");
        if (cell == CellKind.Lstm)
            yield return ("CellTanhSequence", steps * hidden, "tanh(c_t) of every step");
        if (cell == CellKind.Gru)
            yield return ("CandidateRecurrentSequence", steps * hidden, "h_{t-1}·W_h[:, n] + b_h[n] of every step");
        yield return ("LogitSequence", steps * outputs, "z_t of every step");
        yield return ("OutputSequence", steps * outputs, "ŷ_t of every step");
        yield return ("TargetSequence", steps * outputs, "the targets of every step");
        yield return ("OutputGradientSequence", steps * outputs, "dL/dz_t of every step");
        yield return ("HiddenGradientSequence", steps * hidden, "dL/dh_t of every step");
        if (cell == CellKind.Lstm)
            yield return ("CellGradientSequence", steps * hidden, "dL/dc_t of every step");
        yield return ("PreActivationGradientSequence", steps * gateWidth, "dL/d(pre-activations) of every step (GRU: of the gates' input parts)");
        if (cell == CellKind.Gru)
            yield return ("RecurrentGradientSequence", steps * gateWidth, "dL/d(h_{t-1}·W_h + b_h) of every step");
    }
}
