using System;
using System.Numerics;

namespace RnnGen.Benchmarks;

// The unroll sweep: a 2-H-1 sigmoid network for H in {4, 16, 64, 128} and 8, 32 or 100 steps, in every code shape.
// Unroll.Full on a shape past the generator's limits falls back to looped code (warning RNNG008, silenced here).

[RecurrentNetwork(inputs: 2, hidden: 4, outputs: 1, steps: 8, Unroll = Unroll.Full)]
public partial class SweepH4S8Full<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 4, outputs: 1, steps: 8, Unroll = Unroll.None)]
public partial class SweepH4S8None<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 4, outputs: 1, steps: 8)]
public partial class SweepH4S8Auto<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 4, outputs: 1, steps: 32, Unroll = Unroll.Full)]
public partial class SweepH4S32Full<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 4, outputs: 1, steps: 32, Unroll = Unroll.None)]
public partial class SweepH4S32None<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 4, outputs: 1, steps: 32)]
public partial class SweepH4S32Auto<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 4, outputs: 1, steps: 100, Unroll = Unroll.Full)]
public partial class SweepH4S100Full<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 4, outputs: 1, steps: 100, Unroll = Unroll.None)]
public partial class SweepH4S100None<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 4, outputs: 1, steps: 100)]
public partial class SweepH4S100Auto<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8, Unroll = Unroll.Full)]
public partial class SweepH16S8Full<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8, Unroll = Unroll.None)]
public partial class SweepH16S8None<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8)]
public partial class SweepH16S8Auto<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 32, Unroll = Unroll.Full)]
public partial class SweepH16S32Full<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 32, Unroll = Unroll.None)]
public partial class SweepH16S32None<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 32)]
public partial class SweepH16S32Auto<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 100, Unroll = Unroll.Full)]
public partial class SweepH16S100Full<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 100, Unroll = Unroll.None)]
public partial class SweepH16S100None<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 100)]
public partial class SweepH16S100Auto<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 64, outputs: 1, steps: 8, Unroll = Unroll.Full)]
public partial class SweepH64S8Full<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 64, outputs: 1, steps: 8, Unroll = Unroll.None)]
public partial class SweepH64S8None<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 64, outputs: 1, steps: 8)]
public partial class SweepH64S8Auto<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 64, outputs: 1, steps: 32, Unroll = Unroll.Full)]
public partial class SweepH64S32Full<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 64, outputs: 1, steps: 32, Unroll = Unroll.None)]
public partial class SweepH64S32None<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 64, outputs: 1, steps: 32)]
public partial class SweepH64S32Auto<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 64, outputs: 1, steps: 100, Unroll = Unroll.Full)]
public partial class SweepH64S100Full<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 64, outputs: 1, steps: 100, Unroll = Unroll.None)]
public partial class SweepH64S100None<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 64, outputs: 1, steps: 100)]
public partial class SweepH64S100Auto<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 128, outputs: 1, steps: 8, Unroll = Unroll.Full)]
public partial class SweepH128S8Full<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 128, outputs: 1, steps: 8, Unroll = Unroll.None)]
public partial class SweepH128S8None<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 128, outputs: 1, steps: 8)]
public partial class SweepH128S8Auto<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 128, outputs: 1, steps: 32, Unroll = Unroll.Full)]
public partial class SweepH128S32Full<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 128, outputs: 1, steps: 32, Unroll = Unroll.None)]
public partial class SweepH128S32None<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 128, outputs: 1, steps: 32)]
public partial class SweepH128S32Auto<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 128, outputs: 1, steps: 100, Unroll = Unroll.Full)]
public partial class SweepH128S100Full<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 128, outputs: 1, steps: 100, Unroll = Unroll.None)]
public partial class SweepH128S100None<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 128, outputs: 1, steps: 100)]
public partial class SweepH128S100Auto<T> where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>Creates the sweep network of a shape and code layout by name.</summary>
public static class SweepNetworks
{
    public static readonly int[] HiddenSizes = { 4, 16, 64, 128 };
    public static readonly int[] StepCounts = { 8, 32, 100 };

    public static IRecurrentNetwork<float> Create(int hidden, int steps, string unroll) => (hidden, steps, unroll) switch
    {
        (4, 8, "Full") => new SweepH4S8Full<float>(1),
        (4, 8, "None") => new SweepH4S8None<float>(1),
        (4, 8, "Auto") => new SweepH4S8Auto<float>(1),
        (4, 32, "Full") => new SweepH4S32Full<float>(1),
        (4, 32, "None") => new SweepH4S32None<float>(1),
        (4, 32, "Auto") => new SweepH4S32Auto<float>(1),
        (4, 100, "Full") => new SweepH4S100Full<float>(1),
        (4, 100, "None") => new SweepH4S100None<float>(1),
        (4, 100, "Auto") => new SweepH4S100Auto<float>(1),
        (16, 8, "Full") => new SweepH16S8Full<float>(1),
        (16, 8, "None") => new SweepH16S8None<float>(1),
        (16, 8, "Auto") => new SweepH16S8Auto<float>(1),
        (16, 32, "Full") => new SweepH16S32Full<float>(1),
        (16, 32, "None") => new SweepH16S32None<float>(1),
        (16, 32, "Auto") => new SweepH16S32Auto<float>(1),
        (16, 100, "Full") => new SweepH16S100Full<float>(1),
        (16, 100, "None") => new SweepH16S100None<float>(1),
        (16, 100, "Auto") => new SweepH16S100Auto<float>(1),
        (64, 8, "Full") => new SweepH64S8Full<float>(1),
        (64, 8, "None") => new SweepH64S8None<float>(1),
        (64, 8, "Auto") => new SweepH64S8Auto<float>(1),
        (64, 32, "Full") => new SweepH64S32Full<float>(1),
        (64, 32, "None") => new SweepH64S32None<float>(1),
        (64, 32, "Auto") => new SweepH64S32Auto<float>(1),
        (64, 100, "Full") => new SweepH64S100Full<float>(1),
        (64, 100, "None") => new SweepH64S100None<float>(1),
        (64, 100, "Auto") => new SweepH64S100Auto<float>(1),
        (128, 8, "Full") => new SweepH128S8Full<float>(1),
        (128, 8, "None") => new SweepH128S8None<float>(1),
        (128, 8, "Auto") => new SweepH128S8Auto<float>(1),
        (128, 32, "Full") => new SweepH128S32Full<float>(1),
        (128, 32, "None") => new SweepH128S32None<float>(1),
        (128, 32, "Auto") => new SweepH128S32Auto<float>(1),
        (128, 100, "Full") => new SweepH128S100Full<float>(1),
        (128, 100, "None") => new SweepH128S100None<float>(1),
        (128, 100, "Auto") => new SweepH128S100Auto<float>(1),
        _ => throw new ArgumentException($"No sweep network {hidden}x{steps} {unroll}."),
    };
}
