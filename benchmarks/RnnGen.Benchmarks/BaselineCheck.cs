using System;
using System.IO;

namespace RnnGen.Benchmarks;

/// <summary>
/// <c>--check-baselines</c>: shows that the hand-written baselines compute what the generated network computes, so the
/// benchmarks compare equal work. The plain adder starts from the generated network's weights and both train on the
/// same 256 samples; their losses and final weights must agree to rounding.
/// </summary>
public static class BaselineCheck
{
    public static int Run(TextWriter output)
    {
        var generated = new AdderAuto<double>(0);
        var plain = new PlainBinaryAdder<double>(generated.Parameters);
        var data = new AdderData<double>(1);
        double largestLossDifference = 0;
        for (int sample = 0; sample < AdderData<double>.Samples; sample++)
        {
            data.Advance();
            double expected = generated.Train(data.Inputs, data.Targets, 0.1);
            double actual = plain.Train(data.Inputs, data.Targets, 0.1);
            largestLossDifference = Math.Max(largestLossDifference, Math.Abs(expected - actual));
        }
        double largestWeightDifference = 0;
        double[] plainWeights = plain.Parameters;
        for (int i = 0; i < plainWeights.Length; i++)
            largestWeightDifference = Math.Max(largestWeightDifference, Math.Abs(plainWeights[i] - generated.Parameters[i]));

        bool agree = largestLossDifference < 1e-9 && largestWeightDifference < 1e-9;
        output.WriteLine($"PlainBinaryAdder<double> against AdderAuto<double> over {AdderData<double>.Samples} training steps: " +
            $"largest loss difference {largestLossDifference:G3}, largest weight difference {largestWeightDifference:G3} — {(agree ? "agree" : "DISAGREE")}");
        return agree ? 0 : 1;
    }
}
