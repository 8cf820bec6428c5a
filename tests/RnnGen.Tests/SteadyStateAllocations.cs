using System;

namespace RnnGen.Tests;

/// <summary>How many bytes a call allocates on the calling thread once it has warmed up.</summary>
internal static class SteadyStateAllocations
{
    /// <summary>
    /// The fewest bytes the current thread allocated in a window of <paramref name="callsPerWindow"/> calls of
    /// <paramref name="exercise"/>, over up to <paramref name="windows"/> windows (stopping at the first that allocates
    /// nothing). The runtime may still be swapping in optimized code during the first windows and allocate a few
    /// kilobytes on this thread while it does (seen on a loaded machine: 6,936 and 8,184 bytes in one window); an
    /// allocation per call shows in every window.
    /// </summary>
    public static long Smallest(Action exercise, int callsPerWindow, int windows = 5)
    {
        long smallest = long.MaxValue;
        for (int window = 0; window < windows && smallest > 0; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < callsPerWindow; i++)
                exercise();
            smallest = Math.Min(smallest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return smallest;
    }
}
