using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace RnnGen;

/// <summary>
/// The threads batch calls run on: one process-wide pool of background threads, kept between calls, shared by every
/// network. A call hands its items to the calling thread and up to <c>threads − 1</c> workers: each thread first runs
/// its own share of the items, a contiguous range that is the same on every call with the same item and thread counts,
/// then takes items from the back of the others' shares until none is left (leaving an owner that is at work on its
/// share its last item). The items write disjoint results and the network sums them in a fixed order, so which thread
/// ran which item never changes an answer.
/// </summary>
/// <remarks>
/// <para>Why shares: a block of sequences keeps its workspace in the cache of the core that last computed it. Handing
/// out items from one counter moved blocks between cores from call to call, and with small blocks (the 2-16-1 adder)
/// fetching them back from the other core cost more than the second thread gave. With fixed shares each thread meets
/// its own blocks again; taking from the back of another share only happens when a thread is late.</para>
/// <para>Lifetime: workers are created the first time a call asks for that many threads and then live as long as the
/// process; they are background threads, so they never keep it alive. A worker spins for a short while after a call
/// (a batch call is often followed by the next one, and waking a blocked thread costs tens of microseconds) and then
/// blocks without using the processor. No network owns a thread, so a network that becomes garbage leaks nothing.</para>
/// <para>One call at a time uses the pool; a call that finds it busy (another thread's batch, or a batch started from
/// inside an item) runs its items on its own thread, which gives the same results.</para>
/// <para>Nothing here allocates once the workers exist: no tasks, closures or delegates per call. The methods the
/// workers run are compiled fully optimized at once: promoted by tiered compilation while a worker runs them, they
/// made the process allocate a little now and then long after the first calls.</para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BatchWorkers
{
    /// <summary>How long an idle worker spins before it blocks.</summary>
    private static readonly long spinTicks = Stopwatch.Frequency / 2000; // 0.5 ms

    private static readonly object growLock = new();
    private static Worker[] workers = [];
    private static int busy;

    // The current call. Each participant's share of its items is one 64-bit word, the next item in the low half and
    // the end of the share in the high half: the owner takes items from the front, the others from the back, both by
    // compare-exchange, so every item is taken exactly once. The caller is participant 0, worker i participant i + 1;
    // shares beyond the call's participants are empty. A worker that wakes late for an earlier call finds that call's
    // shares empty, or takes an item of the current call exactly as if it had been woken for it (it reads the job
    // after it has taken the item, and the job is published before the shares).
    private static Share[] shares = [new()];
    private static IBatchJob? job;
    private static int participantCount;
    private static int itemCount;
    private static int generation;

    // How many items of the current call are done. Each participant adds its count once, when it finds no item left,
    // and the counter has a cache line to itself: counting every item on a line that also holds the job and the
    // shares' array moved that line between the cores two or three times per item.
    private static PaddedCounter finished;
    private static Exception? failure;

    /// <summary>Runs items 0 .. <paramref name="items"/> − 1 of <paramref name="work"/> on at most <paramref name="threads"/> threads, the caller's included, and returns when all are done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(IBatchJob work, int items, int threads)
    {
        int helpers = Math.Min(threads, items) - 1;
        if (helpers <= 0 || Interlocked.CompareExchange(ref busy, 1, 0) != 0)
        {
            for (int item = 0; item < items; item++)
                work.Run(item);
            return;
        }
        try
        {
            Worker[] pool = EnsureWorkers(helpers);
            Share[] slots = shares;
            int participants = helpers + 1;
            int call = generation + 1;
            generation = call;
            job = work;
            failure = null;
            participantCount = participants;
            itemCount = items;
            Volatile.Write(ref finished.Value, 0);
            for (int p = 0; p < slots.Length; p++)
            {
                long start = p < participants ? ShareStart(p, items, participants) : 0;
                long end = p < participants ? (long)(p + 1) * items / participants : 0;
                Volatile.Write(ref slots[p].Range, (end << 32) | start);
            }
            for (int i = 0; i < helpers; i++)
                pool[i].Assign(call);

            RunItems(0);
            SpinWait spin = default;
            while (Volatile.Read(ref finished.Value) < items)
                spin.SpinOnce(sleep1Threshold: -1);
            if (failure is { } error)
                ExceptionDispatchInfo.Capture(error).Throw();
        }
        finally
        {
            job = null;
            Volatile.Write(ref busy, 0);
        }
    }

    /// <summary>
    /// Runs the items of participant <paramref name="self"/>'s share, then takes the others' from their backs until none
    /// is left, and adds how many it ran to the count of finished items.
    /// </summary>
    /// <remarks>
    /// The job is read after the first item is taken (a worker that wakes late may take an item of a later call than the
    /// one it was woken for; the job is published before the shares), and every item taken afterwards belongs to the same
    /// call: that call cannot end before this participant has added its count.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunItems(int self)
    {
        Share[] slots = shares;
        int participants = Math.Min(Volatile.Read(ref participantCount), slots.Length);
        int items = Volatile.Read(ref itemCount);
        IBatchJob? work = null;
        int done = 0;
        if (self < slots.Length)
        {
            while (Take(ref slots[self].Range, fromBack: false, 0, out int item))
                Execute(ref work, item, ref done);
        }
        for (int other = 1; other < participants; other++)
        {
            int owner = (self + other) % participants;
            ref long range = ref slots[owner].Range;
            while (Take(ref range, fromBack: true, ShareStart(owner, items, participants), out int item))
                Execute(ref work, item, ref done);
        }
        if (done > 0)
            Interlocked.Add(ref finished.Value, done);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Execute(ref IBatchJob? work, int item, ref int done)
    {
        try
        {
            (work ??= Volatile.Read(ref job)!).Run(item);
        }
        catch (Exception exception)
        {
            Interlocked.CompareExchange(ref failure, exception, null);
        }
        done++;
    }

    /// <summary>The first item of participant <paramref name="participant"/>'s share.</summary>
    private static int ShareStart(int participant, int items, int participants) => (int)((long)participant * items / participants);

    /// <summary>
    /// Takes the next item of a share, from its front (the owner) or its back (another participant), by compare-exchange on
    /// the share's one word, so that every item is taken exactly once; false when the share is empty. Another participant
    /// leaves the owner its last item once the owner has started on its share (its front has moved past
    /// <paramref name="shareStart"/>): the owner is then busy with an item and runs the last one right after it, while
    /// the other participant would first have to bring the item's workspace over from the owner's core (40-80 KB for a
    /// block of the adder), and the owner next call back again; taking it made two threads slower, not faster.
    /// </summary>
    private static bool Take(ref long range, bool fromBack, int shareStart, out int item)
    {
        while (true)
        {
            long current = Volatile.Read(ref range);
            int next = (int)current, end = (int)(current >> 32);
            if (next >= end || (fromBack && next > shareStart && end - next < 2))
            {
                item = -1;
                return false;
            }
            item = fromBack ? end - 1 : next;
            long rest = fromBack ? ((long)(end - 1) << 32) | (uint)next : current + 1;
            if (Interlocked.CompareExchange(ref range, rest, current) == current)
                return true;
        }
    }

    /// <summary>A participant's share, alone on its cache lines so that claiming an item never slows another thread.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct Share
    {
        [FieldOffset(64)]
        public long Range;
    }

    private static Worker[] EnsureWorkers(int count)
    {
        Worker[] pool = workers;
        if (pool.Length >= count)
            return pool;
        lock (growLock)
        {
            pool = workers;
            if (pool.Length < count)
            {
                var grown = new Worker[count];
                Array.Copy(pool, grown, pool.Length);
                for (int i = pool.Length; i < count; i++)
                    grown[i] = new Worker(i);
                shares = new Share[count + 1];
                workers = pool = grown;
            }
        }
        return pool;
    }

    /// <summary>One background thread: waits for a call, helps with its items, and waits again.</summary>
    private sealed class Worker
    {
        private readonly SemaphoreSlim signal = new(0);
        private int assigned;
        private int sleeping;
        private readonly int participant;

        public Worker(int index)
        {
            participant = index + 1;
            var thread = new Thread(Loop) { IsBackground = true, Name = $"RnnGen batch worker {index + 1}" };
            thread.Start();
        }

        public void Assign(int call)
        {
            Volatile.Write(ref assigned, call);
            if (Interlocked.Exchange(ref sleeping, 0) == 1)
                signal.Release();
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Loop()
        {
            int seen = 0;
            while (true)
            {
                seen = WaitForCall(seen);
                RunItems(participant);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int WaitForCall(int seen)
        {
            long start = Stopwatch.GetTimestamp();
            SpinWait spin = default;
            while (true)
            {
                int call = Volatile.Read(ref assigned);
                if (call != seen)
                    return call;
                if (Stopwatch.GetTimestamp() - start < spinTicks)
                {
                    spin.SpinOnce(sleep1Threshold: -1);
                    continue;
                }
                // Announce the sleep, then look once more: Assign writes the call before it takes the flag, so either
                // this look sees the call or Assign sees the flag and releases the semaphore.
                Interlocked.Exchange(ref sleeping, 1);
                if (Volatile.Read(ref assigned) == seen)
                {
                    signal.Wait();
                }
                else if (Interlocked.Exchange(ref sleeping, 0) == 0)
                {
                    // Assign took the flag and has released (or is about to release) the semaphore: consume it.
                    signal.Wait();
                }
                start = Stopwatch.GetTimestamp();
                spin = default;
            }
        }
    }
}
