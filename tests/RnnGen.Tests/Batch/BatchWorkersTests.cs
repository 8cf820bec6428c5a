using System;
using System.Threading;
using Xunit;

namespace RnnGen.Tests.Batch;

/// <summary>
/// The worker pool's contract: every item of a call runs exactly once, whatever the item and thread counts, and a
/// thread that is late with its share of the items gets help from the others.
/// </summary>
[Collection(nameof(ProcessAllocations))]
public class BatchWorkersTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void Every_item_runs_exactly_once(int threads)
    {
        for (int items = 1; items <= 40; items++)
        {
            var job = new CountingJob(items);
            for (int call = 0; call < 3; call++)
                BatchWorkers.Run(job, items, threads);
            for (int item = 0; item < items; item++)
                Assert.Equal(3, job.Runs[item]);
        }
    }

    [Fact]
    public void A_late_share_is_finished_by_the_other_threads_but_for_its_last_item()
    {
        // The caller's share is items 0 .. 7 of 16 on two threads and item 0 holds it for 200 ms: the worker, done with
        // its own share, takes the caller's from the back but leaves item 1, which the caller runs right after item 0
        // (taking it would mean fetching its workspace from the caller's core).
        var job = new SlowFirstItemJob(Environment.CurrentManagedThreadId);
        BatchWorkers.Run(job, 16, 2);
        Assert.True(job.StolenFromCaller > 0, "the worker took none of the caller's items");
        Assert.True(job.RanOnCaller(1), "the worker took the last item of the caller's share");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Run_returns_only_when_every_item_has_finished(int threads)
    {
        // Every participant reports its items once, when it finds none left: the last item of each share is slow, so a
        // caller that returned on its own count, or on a worker's count before that worker's last item ended, would
        // find items unfinished.
        for (int items = 2; items <= 12; items += 5)
        {
            var job = new SlowLastItemsJob(items, threads);
            BatchWorkers.Run(job, items, threads);
            Assert.Equal(items, Volatile.Read(ref job.Finished));
        }
    }

    private sealed class SlowLastItemsJob(int items, int threads) : IBatchJob
    {
        public int Finished;

        public void Run(int item)
        {
            for (int p = 1; p <= threads; p++)
            {
                if (item == (p * items / threads) - 1)
                    Thread.Sleep(20);
            }
            Interlocked.Increment(ref Finished);
        }
    }

    private sealed class CountingJob(int items) : IBatchJob
    {
        public int[] Runs { get; } = new int[items];

        public void Run(int item) => Interlocked.Increment(ref Runs[item]);
    }

    private sealed class SlowFirstItemJob(int caller) : IBatchJob
    {
        private readonly int[] threadOfItem = new int[16];
        private int stolen;

        public int StolenFromCaller => stolen;

        public bool RanOnCaller(int item) => Volatile.Read(ref threadOfItem[item]) == caller;

        public void Run(int item)
        {
            Volatile.Write(ref threadOfItem[item], Environment.CurrentManagedThreadId);
            if (item == 0)
                Thread.Sleep(200);
            else if (item < 8 && Environment.CurrentManagedThreadId != caller)
                Interlocked.Increment(ref stolen);
        }
    }
}
