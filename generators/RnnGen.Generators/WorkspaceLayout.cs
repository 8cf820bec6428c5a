using System.Collections.Generic;
using System.Linq;
using RnnGen.Generators.Model;

namespace RnnGen.Generators;

/// <summary>
/// The regions of a generated network's single workspace array: what <c>Forward</c> saves for <c>Backward</c>
/// (one slice per step) and <c>Backward</c>'s scratch. The emitter writes each region as a named constant offset.
/// With stacked layers every layer has its own regions (its constants go into the layer's class), and the output
/// layer's regions are shared.
/// </summary>
internal sealed class WorkspaceLayout
{
    /// <summary>One region: its constant's name, where it starts, how long it is, and what it holds.</summary>
    /// <param name="Layer">The layer (1-based) whose region it is, or 0 for a region of the whole network.</param>
    /// <param name="Slot">What one step's slot holds where the region has a slot per step, else <see cref="StepSlot.None"/>.</param>
    public sealed record Region(string Name, int Offset, int Length, string Description, int Layer, StepSlot Slot);

    /// <summary>
    /// The width of one step's slot in a region that has a slot per step (slot t − 1 for step t; the states have one more,
    /// for the initial state): code that runs one step in a loop moves its offsets by the step times this width.
    /// </summary>
    public enum StepSlot
    {
        /// <summary>Not a region with a slot per step (one step's scratch, transposed weights).</summary>
        None,

        /// <summary>One step's input row: the network's inputs (first layer).</summary>
        Inputs,

        /// <summary>One value per gate row: the gate width (1, 3 or 4 times the hidden units).</summary>
        Gates,

        /// <summary>One value per hidden unit.</summary>
        Hidden,

        /// <summary>One state: h, or (h, c) for an LSTM.</summary>
        State,

        /// <summary>One value per output.</summary>
        Outputs,
    }

    private WorkspaceLayout(List<Region> regions, int size)
    {
        Regions = regions;
        Size = size;
    }

    /// <summary>Every region, in workspace order.</summary>
    public IReadOnlyList<Region> Regions { get; }

    /// <summary>Total number of elements.</summary>
    public int Size { get; }

    /// <summary>The regions of layer <paramref name="layer"/> (1-based), or of the whole network for 0.</summary>
    public IEnumerable<Region> RegionsOf(int layer) => Regions.Where(region => region.Layer == layer);

    public static WorkspaceLayout For(NetworkSpec spec)
    {
        var regions = new List<Region>();
        int offset = 0;
        foreach ((string name, long length, string description, int layer, StepSlot slot) in Describe(spec.Cell, spec.Inputs, spec.Hidden, spec.Outputs, spec.Steps, spec.Layers))
        {
            if (length == 0)
                continue;
            regions.Add(new Region(name, offset, (int)length, description, layer, slot));
            offset += (int)length;
        }
        return new WorkspaceLayout(regions, offset);
    }

    /// <summary>
    /// The total size in 64-bit arithmetic, so the parser can reject shapes that would overflow; past
    /// <see cref="long.MaxValue"/> (sizes near <see cref="int.MaxValue"/> multiply past it) it is <see cref="long.MaxValue"/>.
    /// </summary>
    public static long EstimateSize(CellKind cell, int inputs, int hidden, int outputs, int steps, int layers)
    {
        try
        {
            checked
            {
                long total = 0;
                foreach ((_, long length, _, _, _) in Describe(cell, inputs, hidden, outputs, steps, layers))
                    total += length;
                return total;
            }
        }
        catch (System.OverflowException)
        {
            return long.MaxValue;
        }
    }

    /// <summary>
    /// One layer's regions (tagged with its number) and the network's shared ones (tagged 0). A single-layer network
    /// has them in one list, in the order they have always had; a stacked one has each layer's in turn, then the shared.
    /// </summary>
    private static IEnumerable<(string Name, long Length, string Description, int Layer, StepSlot Slot)> Describe(CellKind cell, long inputs, long hidden, long outputs, long steps, int layers)
    {
        if (layers <= 1)
        {
            foreach ((string name, long length, string description, _, StepSlot slot) in DescribeLayer(cell, inputs, hidden, outputs, steps, 1, 1))
                yield return (name, length, description, 0, slot);
            yield break;
        }
        for (int layer = 1; layer <= layers; layer++)
        {
            foreach ((string name, long length, string description, bool shared, StepSlot slot) in DescribeLayer(cell, inputs, hidden, outputs, steps, layer, layers))
            {
                if (!shared)
                    yield return (name, length, description, layer, slot);
            }
        }
        foreach ((string name, long length, string description, bool shared, StepSlot slot) in DescribeLayer(cell, inputs, hidden, outputs, steps, layers, layers))
        {
            if (shared)
                yield return (name, length, description, 0, slot);
        }
    }

    /// <summary>The regions layer <paramref name="layer"/> of <paramref name="layers"/> needs; Shared marks the output layer's.</summary>
    private static IEnumerable<(string Name, long Length, string Description, bool Shared, StepSlot Slot)> DescribeLayer(CellKind cell, long inputs, long hidden, long outputs, long steps, int layer, int layers)
    {
        // Checked: sizes near int.MaxValue multiply past long.MaxValue (EstimateSize turns that into long.MaxValue).
        checked
        {
            bool first = layer == 1, last = layer == layers;
            long gateWidth = ParameterLayout.GateCount(cell) * hidden;
            long stateSize = ParameterLayout.StateSizeOf(cell, 1) * hidden;
            // Layers above the first read h_t of the layer below where it is: their input sequence is not a region.
            yield return ("InputSequence", first ? steps * inputs : 0, "x_t of every step, saved by Forward for the weight gradients", false, StepSlot.Inputs);
            yield return ("InputProjectionSequence", steps * gateWidth, cell == CellKind.Gru
                ? "x_t·W_x + b_x of every step, computed before the recurrence"
                : "x_t·W_x (+ b) of every step, computed before the recurrence (looped code adds h_{t-1}·W_h to it)", false, StepSlot.Gates);
            yield return ("StateSequence", (steps + 1) * stateSize, cell == CellKind.Lstm
                ? "the state (h, c) before step 1, then after every step"
                : "h_0 (the initial state), then h_t after every step", false, StepSlot.State);
            if (cell == CellKind.Lstm)
            {
                yield return ("GateSequence", steps * gateWidth, "the activated gates i, f, g, o of every step", false, StepSlot.Gates);
                yield return ("CellTanhSequence", steps * hidden, "tanh(c_t) of every step", false, StepSlot.Hidden);
            }
            if (cell == CellKind.Gru)
            {
                yield return ("GateSequence", steps * gateWidth, "the activated gates r, z, n of every step", false, StepSlot.Gates);
                yield return ("CandidateRecurrentSequence", steps * hidden, "h_{t-1}·W_h[:, n] + b_h[n] of every step, the part of n that r scales", false, StepSlot.Hidden);
            }
            yield return ("LogitSequence", steps * outputs, "z_t of every step", true, StepSlot.Outputs);
            yield return ("OutputSequence", steps * outputs, "ŷ_t of every step", true, StepSlot.Outputs);
            yield return ("OutputGradientSequence", steps * outputs, "dL/dz_t of every step", true, StepSlot.Outputs);
            yield return ("TargetSequence", steps * outputs, "one-hot targets built from target tokens", true, StepSlot.Outputs);
            if (cell == CellKind.Gru)
            {
                yield return ("RecurrentPart", gateWidth, "h_{t-1}·W_h + b_h of the step being computed (looped code)", false, StepSlot.None);
                yield return ("HiddenGradientSequence", steps * hidden, "dL/dh_t of every step", false, StepSlot.Hidden);
            }
            else
            {
                yield return ("HiddenGradient", hidden, "dL/dh_t of the step being computed (looped code)", false, StepSlot.None);
            }
            // Below the last layer, dh_t starts from the gradient of the layer above's input instead of W_hy·dz_t.
            yield return ("UpperGradientSequence", last ? 0 : steps * hidden, "dL/dh_t through the layer above, d_t·W_xᵀ of that layer, for every step", false, StepSlot.Hidden);
            if (cell == CellKind.Lstm)
                yield return ("CellGradientSequence", steps * hidden, "dL/dc_t of every step", false, StepSlot.Hidden);
            yield return ("PreActivationGradientSequence", steps * gateWidth, cell == CellKind.Gru
                ? "dL/d(x_t·W_x + b_x) of every step: the gradients [dr', dz', dn'] of the gates' input parts"
                : "dL/d(pre-activations) of every step", false, StepSlot.Gates);
            if (cell == CellKind.Gru)
                yield return ("RecurrentGradientSequence", steps * gateWidth, "dL/d(h_{t-1}·W_h + b_h) of every step: [dr', dz', dn' ⊙ r]", false, StepSlot.Gates);
            yield return ("RecurrentWeightsTransposed", gateWidth * hidden, "W_h transposed, so the backward product runs along rows", false, StepSlot.None);
            yield return ("InputWeightsTransposed", first ? 0 : gateWidth * hidden, "W_x transposed, so the gradient for the layer below runs along rows", false, StepSlot.None);
            yield return ("OutputWeightsTransposed", outputs > 1 ? outputs * hidden : 0, "W_hy transposed, so the backward product runs along rows", true, StepSlot.None);
        }
    }
}
