using RnnGen.Generators.Model;

namespace RnnGen.Generators;

/// <summary>How the generator splits a batch into blocks for a shape (the block is a thread's unit of work).</summary>
internal static class BatchPolicy
{
    /// <summary>
    /// Sequences per block: 16 for small layers, where a block's work is short and the per-block overhead (its
    /// gradient buffer, the calls per step) must be spread over more sequences; 8 from 4,096 recurrent weights on,
    /// where a block's product already fills the micro-kernel's tiles and smaller blocks share the work between
    /// threads more evenly.
    /// </summary>
    public static int SequencesPerBlock(NetworkSpec spec) => (long)spec.Hidden * spec.GateWidth >= 4096 ? 8 : 16;
}
