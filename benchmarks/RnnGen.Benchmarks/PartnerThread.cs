using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace RnnGen.Benchmarks;

/// <summary>
/// A dedicated thread that runs a number of calls of a fixed piece of work each time it is started and reports when they
/// are done: the second thread of the two-network rows in <see cref="BatchScalingBenchmarks"/> and
/// <see cref="ScalingCheck"/>. It spins while it waits (as the library's workers do between calls), on counters each
/// alone on its cache line, unless parked, when it blocks and leaves the core to other threads.
/// </summary>
internal sealed class PartnerThread : IDisposable
{
    private readonly Action<int> work;
    private readonly Thread thread;
    private readonly ManualResetEventSlim unparked = new(true);
    private PaddedInt requested, completed, calls;
    private int round;
    private volatile bool stopping;

    public PartnerThread(Action<int> work)
    {
        this.work = work;
        thread = new Thread(Loop) { IsBackground = true, Name = "RnnGen.Benchmarks partner" };
        thread.Start();
    }

    /// <summary>Starts <paramref name="count"/> calls on the partner (0: a round trip with nothing to run).</summary>
    public void Start(int count)
    {
        calls.Value = count;
        Volatile.Write(ref requested.Value, ++round);
    }

    /// <summary>Waits, spinning, until the calls last started are done.</summary>
    public void Wait()
    {
        SpinWait spin = default;
        while (Volatile.Read(ref completed.Value) != round)
            spin.SpinOnce(sleep1Threshold: -1);
    }

    /// <summary>Makes the idle partner block instead of spinning, so that it takes no core from what runs meanwhile.</summary>
    public void Park() => unparked.Reset();

    /// <summary>Makes the partner spin again while it waits.</summary>
    public void Unpark() => unparked.Set();

    private void Loop()
    {
        int seen = 0;
        while (true)
        {
            SpinWait spin = default;
            int next;
            while ((next = Volatile.Read(ref requested.Value)) == seen)
            {
                if (stopping)
                    return;
                unparked.Wait();
                spin.SpinOnce(sleep1Threshold: -1);
            }
            seen = next;
            work(calls.Value);
            Volatile.Write(ref completed.Value, seen);
        }
    }

    public void Dispose()
    {
        stopping = true;
        unparked.Set();
        thread.Join();
    }

    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct PaddedInt
    {
        [FieldOffset(64)]
        public int Value;
    }
}
