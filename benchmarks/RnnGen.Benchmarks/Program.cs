using System;
using System.Linq;
using BenchmarkDotNet.Running;
using RnnGen.Benchmarks;

// dotnet run -c Release --project benchmarks/RnnGen.Benchmarks -- --filter '*'           every benchmark
// dotnet run -c Release --project benchmarks/RnnGen.Benchmarks -- --filter '*' --job short   a quick pass
// dotnet run -c Release --project benchmarks/RnnGen.Benchmarks -- --source-stats          generated source size and compile time (--timings: first call, steady state; --help)
// dotnet run -c Release --project benchmarks/RnnGen.Benchmarks -- --check-baselines       the hand-written baseline computes the same as the generated code
// dotnet run -c Release --project benchmarks/RnnGen.Benchmarks -- --scaling [float|double] [rounds]   the adder's two-thread ratio against two independent networks, interleaved
if (args.Contains("--source-stats"))
    return SourceStatistics.Run(args.Where(argument => argument != "--source-stats").ToArray(), Console.Out, Console.Error);
if (args.Contains("--check-baselines"))
    return BaselineCheck.Run(Console.Out);
if (args.Contains("--scaling"))
    return ScalingCheck.Run(args, Console.Out, Console.Error);
BenchmarkSwitcher.FromAssembly(typeof(BinaryAdderBenchmarks).Assembly).Run(args);
return 0;
