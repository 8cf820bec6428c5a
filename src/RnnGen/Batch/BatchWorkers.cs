using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace RnnGen;

/// <summary>
/// The threads batch calls run on: one process-wide pool of background threads, kept between calls, shared by every
/// network. A call hands its items to the calling thread and up to <c>threads − 1</c> workers, which take items from
/// one counter until none is left; the items write disjoint results and the network sums them in a fixed order
/// afterwards, so which thread ran which item never changes an answer.
/// </summary>
/// <remarks>
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

    // The current call. Its items are claimed through one 64-bit ticket: the call's number in the high half, the next
    // item in the low half, so a worker that wakes late for an earlier call can never claim an item of a later one.
    private static IBatchJob? job;
    private static int itemCount;
    private static long ticket;
    private static int finished;
    private static int generation;
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
            int call = generation + 1;
            generation = call;
            job = work;
            itemCount = items;
            failure = null;
            Volatile.Write(ref finished, 0);
            Volatile.Write(ref ticket, (long)call << 32);
            for (int i = 0; i < helpers; i++)
                pool[i].Assign(call);

            RunItems(call);
            SpinWait spin = default;
            while (Volatile.Read(ref finished) < items)
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

    /// <summary>Claims and runs items of call <paramref name="call"/> until none is left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunItems(int call)
    {
        while (true)
        {
            long current = Volatile.Read(ref ticket);
            if ((int)(current >> 32) != call)
                return;
            int item = (int)current;
            if (item >= Volatile.Read(ref itemCount))
                return;
            if (Interlocked.CompareExchange(ref ticket, current + 1, current) != current)
                continue;
            try
            {
                job!.Run(item);
            }
            catch (Exception exception)
            {
                Interlocked.CompareExchange(ref failure, exception, null);
            }
            Interlocked.Increment(ref finished);
        }
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

        public Worker(int index)
        {
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
                int call = WaitForCall(seen);
                seen = call;
                RunItems(call);
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
