using System.ComponentModel;

namespace RnnGen;

/// <summary>
/// A batch call's work, split into items that write disjoint results: <see cref="BatchWorkers.Run"/> runs every item
/// once, on the calling thread and on worker threads, in any order. A network keeps one instance and reuses it, so a call
/// allocates nothing.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IBatchJob
{
    /// <summary>Runs item <paramref name="item"/> of the current phase.</summary>
    void Run(int item);
}
