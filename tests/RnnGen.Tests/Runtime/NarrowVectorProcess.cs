using System;
using System.Numerics;
using System.Runtime.Intrinsics;
using RnnGen.Tests.Numerics;

namespace RnnGen.Tests.Runtime;

/// <summary>
/// The child process of <see cref="NarrowVectorTests"/> (<c>dotnet exec RnnGen.Tests.dll narrow-vectors</c>, run with
/// <c>DOTNET_EnableAVX=0</c>): checks networks of this assembly against <see cref="ReferenceNetwork{T}"/> where the widest
/// vectors are 128 bits, the generated code's path under Native AOT's default x64 target. It refuses to run where
/// 256-bit vectors are accelerated (exit code 3), so that the test cannot pass on the wide path. Prints one line per
/// network and precision; exits 1 at the first disagreement.
/// </summary>
public static class NarrowVectorProcess
{
    public const string Command = "narrow-vectors";

    public static int Run(string[] args)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine($"usage: {Command}");
            return 2;
        }
        if (Vector256.IsHardwareAccelerated || !Vector128.IsHardwareAccelerated)
        {
            Console.Error.WriteLine($"not a 128-bit machine: Vector128 accelerated {Vector128.IsHardwareAccelerated}, Vector256 {Vector256.IsHardwareAccelerated}");
            return 3;
        }
        try
        {
            Check<double>(ReferenceAgreementTests.DoubleTolerance);
            Check<float>(ReferenceAgreementTests.FloatTolerance);
        }
        catch (Exception failure)
        {
            Console.Error.WriteLine(failure);
            return 1;
        }
        return 0;
    }

    private static void Check<T>(double tolerance) where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Unrolled Elman rows of 16 (one 128-bit pair in float, four in double), 11 (a pair and an overlapping
        // remainder in float) and 6 (an overlapping pair in double); unrolled LSTM; looped GRU and Elman (the kernels).
        Check(new BinaryAdder<T>(seed: 7), tolerance);
        Check(new MeanLossAdder<T>(seed: 7), tolerance);
        Check(new ElevenUnitClassifier<T>(seed: 7), tolerance);
        Check(new StackedElman<T>(seed: 7), tolerance);
        Check(new LstmAdder<T>(seed: 7), tolerance);
        Check(new StackedLstm<T>(seed: 7), tolerance);
        Check(new GruAdder<T>(seed: 7), tolerance);
        Check(new LoopedBinaryAdder<T>(seed: 7), tolerance);
    }

    private static void Check<T>(IRecurrentNetwork<T> network, double tolerance) where T : IFloatingPointIeee754<T>
    {
        ReferenceAgreementTests.CheckAgreement(network, tolerance);
        Console.WriteLine($"{network.GetType().Name} in {typeof(T).Name}: agrees with the reference");
    }
}
