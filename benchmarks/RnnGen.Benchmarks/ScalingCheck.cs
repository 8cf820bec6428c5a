using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Text;
using System.Threading;

namespace RnnGen.Benchmarks;

/// <summary>
/// <c>--scaling [float|double] [rounds]</c>: the adder's two-thread ratio at B = 256 (issue 14) measured in interleaved
/// windows of 3 ms, so that the figures it compares come from the same moments of a host whose state changes within
/// seconds (BenchmarkDotNet measures one row after another, ten seconds each). Each round runs, one window each:
/// <list type="bullet">
/// <item>A: one network, <c>TrainBatch</c> of 256 sequences on one thread;</item>
/// <item>B: the same on two threads (a network of its own);</item>
/// <item>C: two independent networks of 128 sequences each, on this thread and a partner thread, in lockstep per call
/// (what a design sharing nothing between the cores could reach; see <see cref="BatchScalingBenchmarks"/>);</item>
/// <item>E: one network of 128 sequences on one thread.</item>
/// </list>
/// It prints each variant's time per sequence (median and 10th–90th percentiles over the rounds), the per-round
/// ratios of throughput A/B (B's over A's: the library's two-thread speed-up), E/C (C's over E's: what the host gives two
/// independent threads) and C/B (C's over B's: how far the library's two threads are from that), A/B in the rounds where two independent threads scale (E/C ≥ 1.6) and where
/// they do not (E/C &lt; 1.3), and a time line of the rounds. The partner is parked outside its windows and every window
/// starts 2 ms after the previous one, so that no thread spins while another variant is measured.
/// </summary>
public static class ScalingCheck
{
    private const double WindowMilliseconds = 3;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (ScalingOptions.Parse(args) is not { } options)
        {
            error.WriteLine(ScalingOptions.Usage);
            return 2;
        }
        if (options.Double)
            Measure<double>(options.Rounds, output);
        else
            Measure<float>(options.Rounds, output);
        return 0;
    }

    private static void Measure<T>(int rounds, TextWriter output) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var pair = new BatchScalingBenchmarks.AdderPair<T>();
        using var partner = new PartnerThread(pair.RunSecond);
        const int Half = BatchScalingBenchmarks.Batch / 2;
        string[] names = ["A  one network, B = 256, 1 thread", "B  one network, B = 256, 2 threads", "C  two networks, B = 128 each, lockstep", "E  one network, B = 128, 1 thread"];
        Func<int>[] variants =
        [
            () => { pair.Whole(threads: 1); return 2 * Half; },
            () => { pair.Whole(threads: 2); return 2 * Half; },
            () => { partner.Start(1); pair.RunFirst(1); partner.Wait(); return 2 * Half; },
            () => { pair.RunFirst(1); return Half; },
        ];
        const int A = 0, B = 1, C = 2, E = 3;
        for (int warmUp = 0; warmUp < 3; warmUp++)
        {
            foreach (Func<int> variant in variants)
            {
                for (int call = 0; call < 300; call++)
                    variant();
            }
        }

        var nanoseconds = new double[variants.Length, rounds];
        long window = (long)(WindowMilliseconds * Stopwatch.Frequency / 1000);
        for (int round = 0; round < rounds; round++)
        {
            for (int v = 0; v < variants.Length; v++)
            {
                if (v == C)
                {
                    partner.Unpark();
                    variants[v]();
                }
                else
                {
                    partner.Park();
                }
                Thread.Sleep(2);
                long start = Stopwatch.GetTimestamp(), now, sequences = 0;
                do
                {
                    sequences += variants[v]();
                    now = Stopwatch.GetTimestamp();
                }
                while (now - start < window);
                nanoseconds[v, round] = (now - start) * 1e9 / Stopwatch.Frequency / sequences;
            }
        }
        partner.Unpark();

        output.WriteLine($"Adder TrainBatch, {typeof(T).Name}, {rounds} rounds of {variants.Length} windows of {WindowMilliseconds} ms ({DateTime.UtcNow:HH:mm:ss} UTC); ns per sequence, median [10th 90th percentile]:");
        for (int v = 0; v < variants.Length; v++)
            output.WriteLine($"  {names[v],-42} {Percentiles(Enumerable.Range(0, rounds).Select(r => nanoseconds[v, r]))}");
        // Throughput of `faster` over that of `slower` in one round: the inverse ratio of their times per sequence.
        double Ratio(int slower, int faster, int round) => nanoseconds[slower, round] / nanoseconds[faster, round];
        int[] all = Enumerable.Range(0, rounds).ToArray();
        output.WriteLine("Ratios of throughput (sequences per second) per round, median [10th 90th percentile]:");
        output.WriteLine($"  A/B  the library's two threads over one          {Percentiles(all.Select(r => Ratio(A, B, r)))}");
        output.WriteLine($"  E/C  two independent networks over one alone     {Percentiles(all.Select(r => Ratio(E, C, r)))}");
        output.WriteLine($"  C/B  two independent networks over the library   {Percentiles(all.Select(r => Ratio(B, C, r)))}");
        int[] scaling = all.Where(r => Ratio(E, C, r) >= 1.6).ToArray(), notScaling = all.Where(r => Ratio(E, C, r) < 1.3).ToArray();
        output.WriteLine($"  A/B in the {scaling.Length} rounds where E/C >= 1.6: {Percentiles(scaling.Select(r => Ratio(A, B, r)))}");
        output.WriteLine($"  A/B in the {notScaling.Length} rounds where E/C < 1.3: {Percentiles(notScaling.Select(r => Ratio(A, B, r)))}");
        output.WriteLine("Time line, a character per round: g E/C >= 1.6, b E/C < 1.3, '.' between; upper case (':' for '.') where A/B >= 1.6:");
        var line = new StringBuilder();
        foreach (int r in all)
        {
            double twoNetworks = Ratio(E, C, r);
            char mark = twoNetworks >= 1.6 ? 'g' : twoNetworks < 1.3 ? 'b' : '.';
            line.Append(Ratio(A, B, r) >= 1.6 ? (mark == '.' ? ':' : char.ToUpperInvariant(mark)) : mark);
            if (r % 100 == 99 || r == rounds - 1)
                line.AppendLine();
        }
        output.Write(line);
    }

    /// <summary>"median [10th 90th]" of the values; "none" when there are none.</summary>
    private static string Percentiles(System.Collections.Generic.IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return "none";
        return $"{sorted[sorted.Length / 2],7:F2} [{sorted[sorted.Length / 10]:F2} {sorted[sorted.Length * 9 / 10]:F2}]";
    }
}
