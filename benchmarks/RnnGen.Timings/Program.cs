using System;
using System.Diagnostics;
using System.Numerics;
using RnnGen;
using RnnGen.Benchmarks;

// RnnGen.Timings first-call NETWORK [float|double]   the first Train of a network made in this (fresh) process, in ms
// RnnGen.Timings steady NETWORK [float|double]       ns per Train, best of 15 windows after warm-up (2 s, and until the
//                                                   JIT has compiled nothing for 0.5 s)
// NETWORK: adder, adder-none, adder-full (the seed task 2-16-1 x8, Auto, None, Full); long-auto, long-none, long-full
// (2-32-1 x128); or H:S:UNROLL for a network of the unroll sweep (float only).
if (args.Length is < 2 or > 3 || args[0] is not ("first-call" or "steady"))
{
    Console.Error.WriteLine("usage: RnnGen.Timings first-call|steady NETWORK [float|double]");
    return 2;
}
bool firstCall = args[0] == "first-call";
string type = args.Length == 3 ? args[2] : "float";
return type switch
{
    "float" => Timing.Run<float>(args[1], firstCall),
    "double" => Timing.Run<double>(args[1], firstCall),
    _ => 2,
};

[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8)]
public partial class Adder<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8, Unroll = Unroll.None)]
public partial class AdderNone<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 16, outputs: 1, steps: 8, Unroll = Unroll.Full)]
public partial class AdderFull<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 32, outputs: 1, steps: 128)]
public partial class LongAuto<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 32, outputs: 1, steps: 128, Unroll = Unroll.None)]
public partial class LongNone<T> where T : unmanaged, IFloatingPointIeee754<T>;

[RecurrentNetwork(inputs: 2, hidden: 32, outputs: 1, steps: 128, Unroll = Unroll.Full)]
public partial class LongFull<T> where T : unmanaged, IFloatingPointIeee754<T>;

internal static class Timing
{
    public static int Run<T>(string name, bool firstCall) where T : unmanaged, IFloatingPointIeee754<T>
    {
        IRecurrentNetwork<T>? network = Create<T>(name);
        if (network is null)
        {
            Console.Error.WriteLine($"no network {name} in {typeof(T).Name}");
            return 2;
        }
        var random = new Random(3);
        var inputs = new T[network.Shape.Steps * network.Shape.Inputs];
        var targets = new T[network.Shape.Steps * network.Shape.Outputs];
        for (int i = 0; i < inputs.Length; i++)
            inputs[i] = T.CreateChecked(random.Next(2));
        for (int i = 0; i < targets.Length; i++)
            targets[i] = T.CreateChecked(random.Next(2));
        T rate = T.CreateChecked(0.01);
        if (firstCall)
        {
            TimeSpan jitBefore = System.Runtime.JitInfo.GetCompilationTime();
            long methodsBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
            long start = Stopwatch.GetTimestamp();
            network.Train(inputs, targets, rate);
            double milliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            // The time and the methods the JIT compiled during the call (zero under Native AOT), on the standard error.
            Console.WriteLine($"{milliseconds:F1}");
            Console.Error.WriteLine($"jit {(System.Runtime.JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds:F1} ms, {System.Runtime.JitInfo.GetCompiledMethodCount() - methodsBefore} methods");
            return 0;
        }
        // Parameters go back to their first values every window, so every window measures the same work (see
        // UnrollSweepBenchmarks: weights trained long on one sequence can make subnormal products).
        T[] initial = network.Parameters.ToArray();
        int calls = Math.Max(200, 2_000_000 / (network.Shape.Steps * network.Shape.Hidden * network.Shape.Hidden));
        // Warm-up: at least two seconds, and until the JIT has compiled nothing for half a second (at most 30 s). Tiered
        // compilation replaces the first, unoptimized code of a method after 30 calls and 100 ms without new
        // compilations, in the background; on a busy machine the optimized code of a large unrolled network (hundreds
        // of big step methods) can take longer than two seconds to arrive, and the windows would time unoptimized code.
        // (Under Native AOT the code is final from the start.)
        bool jit = System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported;
        long warmUp = Stopwatch.GetTimestamp(), lastCompilation = warmUp;
        long compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        for (int i = 0; ; i++)
        {
            network.Train(inputs, targets, rate);
            if (i < 5 * calls)
                continue;
            if (!jit)
                break;
            long now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != compiled)
                (compiled, lastCompilation) = (now, Stopwatch.GetTimestamp());
            double seconds = Stopwatch.GetElapsedTime(warmUp).TotalSeconds;
            if ((seconds >= 2 && Stopwatch.GetElapsedTime(lastCompilation).TotalSeconds >= 0.5) || seconds >= 30)
                break;
        }
        double warmUpSeconds = Stopwatch.GetElapsedTime(warmUp).TotalSeconds;
        long compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        double best = double.MaxValue;
        for (int window = 0; window < 15; window++)
        {
            initial.CopyTo(network.Parameters);
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < calls; i++)
                network.Train(inputs, targets, rate);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalNanoseconds / calls);
        }
        Console.WriteLine($"{best:F0}");
        // Methods compiled while measuring (0 when the warm-up was long enough), on the standard error.
        Console.Error.WriteLine($"warm-up {warmUpSeconds:F1} s; jit compiled {System.Runtime.JitInfo.GetCompiledMethodCount() - compiledBefore} methods while measuring");
        return 0;
    }

    private static IRecurrentNetwork<T>? Create<T>(string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (name)
        {
            case "adder": return new Adder<T>(1);
            case "adder-none": return new AdderNone<T>(1);
            case "adder-full": return new AdderFull<T>(1);
            case "long-auto": return new LongAuto<T>(1);
            case "long-none": return new LongNone<T>(1);
            case "long-full": return new LongFull<T>(1);
        }
        string[] parts = name.Split(':');
        if (typeof(T) != typeof(float) || parts.Length != 3 || !int.TryParse(parts[0], out int hidden) || !int.TryParse(parts[1], out int steps))
            return null;
        return (IRecurrentNetwork<T>)(object)SweepNetworks.Create(hidden, steps, parts[2]);
    }
}
