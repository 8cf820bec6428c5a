using System.Collections.Generic;
using RnnGen.Generators.Model;

namespace RnnGen.Generators;

/// <summary>
/// The regions of a generated network's single workspace array: what <c>Forward</c> saves for <c>Backward</c>
/// (one slice per step) and <c>Backward</c>'s scratch. The emitter writes each region as a named constant offset.
/// </summary>
internal sealed class WorkspaceLayout
{
    /// <summary>One region: its constant's name, where it starts, how long it is, and what it holds.</summary>
    public sealed record Region(string Name, int Offset, int Length, string Description);

    private WorkspaceLayout(List<Region> regions, int size)
    {
        Regions = regions;
        Size = size;
    }

    public IReadOnlyList<Region> Regions { get; }

    /// <summary>Total number of elements.</summary>
    public int Size { get; }

    public static WorkspaceLayout For(NetworkSpec spec)
    {
        var regions = new List<Region>();
        int offset = 0;
        foreach ((string name, long length, string description) in Describe(spec.Cell, spec.Inputs, spec.Hidden, spec.Outputs, spec.Steps))
        {
            if (length == 0)
                continue;
            regions.Add(new Region(name, offset, (int)length, description));
            offset += (int)length;
        }
        return new WorkspaceLayout(regions, offset);
    }

    /// <summary>
    /// The total size in 64-bit arithmetic, so the parser can reject shapes that would overflow; past
    /// <see cref="long.MaxValue"/> (sizes near <see cref="int.MaxValue"/> multiply past it) it is <see cref="long.MaxValue"/>.
    /// </summary>
    public static long EstimateSize(CellKind cell, int inputs, int hidden, int outputs, int steps)
    {
        try
        {
            checked
            {
                long total = 0;
                foreach ((_, long length, _) in Describe(cell, inputs, hidden, outputs, steps))
                    total += length;
                return total;
            }
        }
        catch (System.OverflowException)
        {
            return long.MaxValue;
        }
    }

    private static IEnumerable<(string Name, long Length, string Description)> Describe(CellKind cell, long inputs, long hidden, long outputs, long steps)
    {
        // Checked: sizes near int.MaxValue multiply past long.MaxValue (EstimateSize turns that into long.MaxValue).
        checked
        {
            long gateWidth = ParameterLayout.GateCount(cell) * hidden;
            long stateSize = ParameterLayout.StateSizeOf(cell, 1) * hidden;
            yield return ("InputSequence", steps * inputs, "x_t of every step, saved by Forward for the weight gradients");
            yield return ("InputProjectionSequence", steps * gateWidth, cell == CellKind.Gru
                ? "x_t·W_x + b_x of every step, computed before the recurrence"
                : "x_t·W_x (+ b) of every step, computed before the recurrence (looped code adds h_{t-1}·W_h to it)");
            yield return ("StateSequence", (steps + 1) * stateSize, cell == CellKind.Lstm
                ? "the state (h, c) before step 1, then after every step"
                : "h_0 (the initial state), then h_t after every step");
            if (cell == CellKind.Lstm)
            {
                yield return ("GateSequence", steps * gateWidth, "the activated gates i, f, g, o of every step");
                yield return ("CellTanhSequence", steps * hidden, "tanh(c_t) of every step");
            }
            if (cell == CellKind.Gru)
            {
                yield return ("GateSequence", steps * gateWidth, "the activated gates r, z, n of every step");
                yield return ("CandidateRecurrentSequence", steps * hidden, "h_{t-1}·W_h[:, n] + b_h[n] of every step, the part of n that r scales");
            }
            yield return ("LogitSequence", steps * outputs, "z_t of every step");
            yield return ("OutputSequence", steps * outputs, "ŷ_t of every step");
            yield return ("OutputGradientSequence", steps * outputs, "dL/dz_t of every step");
            yield return ("TargetSequence", steps * outputs, "one-hot targets built from target tokens");
            if (cell == CellKind.Gru)
            {
                yield return ("RecurrentPart", gateWidth, "h_{t-1}·W_h + b_h of the step being computed (looped code)");
                yield return ("HiddenGradientSequence", steps * hidden, "dL/dh_t of every step");
            }
            else
            {
                yield return ("HiddenGradient", hidden, "dL/dh_t of the step being computed (looped code)");
            }
            if (cell == CellKind.Lstm)
                yield return ("CellGradientSequence", steps * hidden, "dL/dc_t of every step");
            yield return ("PreActivationGradientSequence", steps * gateWidth, cell == CellKind.Gru
                ? "dL/d(x_t·W_x + b_x) of every step: the gradients [dr', dz', dn'] of the gates' input parts"
                : "dL/d(pre-activations) of every step");
            if (cell == CellKind.Gru)
                yield return ("RecurrentGradientSequence", steps * gateWidth, "dL/d(h_{t-1}·W_h + b_h) of every step: [dr', dz', dn' ⊙ r]");
            yield return ("RecurrentWeightsTransposed", gateWidth * hidden, "W_h transposed, so the backward product runs along rows");
            yield return ("OutputWeightsTransposed", outputs > 1 ? outputs * hidden : 0, "W_hy transposed, so the backward product runs along rows");
        }
    }
}
