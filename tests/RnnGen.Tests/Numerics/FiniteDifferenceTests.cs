using System;
using System.Numerics;
using Xunit;

namespace RnnGen.Tests.Numerics;

/// <summary>
/// Gradients of every grid network against central finite differences of its own loss, from the zero state and from
/// a given state: tightly in double, and normwise in float, where a finite difference is only good to a few digits.
/// </summary>
public class FiniteDifferenceTests
{
    [Theory]
    [MemberData(nameof(NetworkGrid.Names), MemberType = typeof(NetworkGrid))]
    public void Double_gradients_match_finite_differences(string name)
    {
        GridCase gridCase = NetworkGrid.Find(name);
        IRecurrentNetwork<double> network = NetworkGrid.Create<double>(gridCase, seed: 3);
        var random = new Random(5);
        double[] inputs = TestData.Inputs(gridCase.Shape, random);
        double[] targets = TestData.Targets(gridCase.Shape, random);
        double[] initialState = TestData.InitialState(gridCase.Shape, random);

        // Central differences in double are good to about 1e-6 relative and carry about 1e-11 of rounding noise on
        // every component (machine epsilon × loss / step); a wrong formula is off by O(1) relative, and by far more than
        // 1e-9 absolute.
        GradientCheckResult fromZero = GradientCheck.Run<double>(network, inputs, targets, step: 1e-5);
        Assert.True(fromZero.MaxRelativeError < 1e-5 || fromZero.MaxAbsoluteError < 1e-9, $"from the zero state: relative error {fromZero.MaxRelativeError:E2} at parameter {fromZero.WorstParameter}");
        GradientCheckResult fromState = GradientCheck.Run<double>(network, inputs, targets, initialState, step: 1e-5);
        Assert.True(fromState.MaxRelativeError < 1e-5 || fromState.MaxAbsoluteError < 1e-9, $"from a given state: relative error {fromState.MaxRelativeError:E2} at parameter {fromState.WorstParameter}");
    }

    /// <remarks>
    /// Relu networks are left to the double check and the reference comparisons here: a float finite difference needs
    /// a step near 1e-3, and with dozens of pre-activations one of them lies that close to the kink at zero often
    /// enough to make the difference quotient meaningless.
    /// </remarks>
    [Theory]
    [MemberData(nameof(NetworkGrid.SmoothNames), MemberType = typeof(NetworkGrid))]
    public void Float_gradients_match_finite_differences(string name)
    {
        GridCase gridCase = NetworkGrid.Find(name);
        IRecurrentNetwork<float> network = NetworkGrid.Create<float>(gridCase, seed: 3);
        var random = new Random(5);
        float[] inputs = TestData.Convert<float>(TestData.Inputs(gridCase.Shape, random));
        float[] targets = TestData.Convert<float>(TestData.Targets(gridCase.Shape, random));
        float[] initialState = TestData.Convert<float>(TestData.InitialState(gridCase.Shape, random));

        foreach (float[] state in new[] { Array.Empty<float>(), initialState })
        {
            GradientCheckResult result = GradientCheck.Run<float>(network, inputs, targets, state, step: 3e-3);
            double normwise = TestData.RelativeError(result.Numeric, result.Analytic);
            // The loss carries float rounding of about 1e-7 relative; divided by the step that leaves noise on the
            // difference quotient, largest where the gradient is small beside the loss (three stacked LSTM layers under
            // a softmax: 3.7e-2 with a step of 1e-3). A step of 3e-3 divides the noise by three; the central difference's
            // own error grows with the step squared, about 1e-5 here.
            Assert.True(normwise < 3e-2, $"normwise relative error {normwise:E2} ({(state.Length == 0 ? "zero state" : "given state")}) ");
        }
    }

    [Fact]
    public void A_wrong_gradient_is_caught()
    {
        // The check itself must be able to fail: perturb one analytic gradient and compare again.
        GridCase gridCase = NetworkGrid.Cases[0];
        IRecurrentNetwork<double> network = NetworkGrid.Create<double>(gridCase, seed: 3);
        var random = new Random(5);
        GradientCheckResult result = GradientCheck.Run<double>(network, TestData.Inputs(gridCase.Shape, random), TestData.Targets(gridCase.Shape, random), step: 1e-5);
        double[] analytic = (double[])result.Analytic.Clone();
        int largest = 0;
        for (int p = 1; p < analytic.Length; p++)
            largest = Math.Abs(analytic[p]) > Math.Abs(analytic[largest]) ? p : largest;
        analytic[largest] *= 1.001;
        Assert.True(GradientCheck.Compare(analytic, result.Numeric).MaxRelativeError > 1e-4);
    }
}
