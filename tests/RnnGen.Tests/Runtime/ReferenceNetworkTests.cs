using System;
using CsCheck;
using Xunit;

namespace RnnGen.Tests.Runtime;

/// <summary>The reference itself against finite differences, over random shapes of every cell, activation, loss, bias setting and layer count.</summary>
public class ReferenceNetworkTests
{
    private static readonly Gen<NetworkShape> shapes =
        from cell in Gen.OneOf(CellKind.Elman, CellKind.Lstm, CellKind.Gru)
        from inputs in Gen.Int[1, 4]
        from hidden in Gen.Int[1, 5]
        from outputs in Gen.Int[1, 4]
        from steps in Gen.Int[1, 5]
        from bias in Gen.Bool
        from layers in Gen.Int[1, 3]
        from hiddenActivation in Gen.OneOf(Activation.Sigmoid, Activation.Tanh, Activation.Identity)
        from output in Gen.OneOf((Activation.Sigmoid, LossKind.SquaredError), (Activation.Tanh, LossKind.SquaredError),
            (Activation.Identity, LossKind.SquaredError), (Activation.Softmax, LossKind.SquaredError),
            (Activation.Sigmoid, LossKind.CrossEntropy), (Activation.Softmax, LossKind.CrossEntropy))
        // Softmax over one output is the constant 1, which NetworkShape rejects: softmax shapes have two or more.
        select new NetworkShape(cell, inputs, hidden, output.Item1 == Activation.Softmax && outputs == 1 ? 2 : outputs, steps, bias,
            hiddenActivation, output.Item1, output.Item2, layers);

    [Fact]
    public void Reference_gradients_match_finite_differences() => Gen.Select(shapes, Gen.Int, Gen.Bool).Sample((shape, seed, withState) =>
    {
        var network = new ReferenceNetwork<double>(shape);
        network.Initialize(new Random(seed), 0.7);
        var random = new Random(seed);
        double[] inputs = Numerics.TestData.Inputs(shape, random), targets = Numerics.TestData.Targets(shape, random);
        double[] state = withState ? Numerics.TestData.InitialState(shape, random) : Array.Empty<double>();
        GradientCheckResult result = GradientCheck.Run<double>(network, inputs, targets, state, step: 1e-5);
        // Central differences in double are good to about 1e-6 relative, and carry about 1e-11 of rounding noise
        // (machine epsilon × loss / step) on every component, which dominates components near 1e-7 and below.
        // A wrong formula is off by O(1) relative and far more than 1e-9 absolute.
        return result.MaxRelativeError < 1e-5 || result.MaxAbsoluteError < 1e-9;
    }, iter: 300);
}
