using System;
using System.Numerics;
using Xunit;

namespace RnnGen.Tests.Numerics;

/// <summary>
/// Every grid network against <see cref="ReferenceNetwork{T}"/> with the same parameters: outputs, final state, loss
/// and gradients from the zero state and from a given state, then parameters after a few training steps. Double must
/// agree to 1e-9 relative; float and Half to a small multiple of their rounding error.
/// </summary>
public class ReferenceAgreementTests
{
    /// <summary>Normwise relative tolerances: 1e-9 for double (the contract), about 100 units of rounding for float (6e-8) and 10 for Half (1e-3).</summary>
    public const double DoubleTolerance = 1e-9, FloatTolerance = 1e-5, HalfTolerance = 1e-2;

    [Theory]
    [MemberData(nameof(NetworkGrid.Names), MemberType = typeof(NetworkGrid))]
    public void Double_agrees_with_the_reference(string name) => CheckAgreement<double>(name, DoubleTolerance);

    [Theory]
    [MemberData(nameof(NetworkGrid.Names), MemberType = typeof(NetworkGrid))]
    public void Float_agrees_with_the_reference(string name) => CheckAgreement<float>(name, FloatTolerance);

    [Theory]
    [MemberData(nameof(NetworkGrid.Names), MemberType = typeof(NetworkGrid))]
    public void Half_agrees_with_the_reference(string name) => CheckAgreement<Half>(name, HalfTolerance);

    internal static void CheckAgreement<T>(string name, double tolerance)
        where T : IFloatingPointIeee754<T>
    {
        GridCase gridCase = NetworkGrid.Find(name);
        IRecurrentNetwork<T> generated = NetworkGrid.Create<T>(gridCase, seed: 7);
        Assert.Equal(gridCase.Shape, generated.Shape);
        CheckAgreement(generated, tolerance);
    }

    /// <summary>The checks of <see cref="CheckAgreement{T}(string, double)"/> on any network, from its current parameters.</summary>
    internal static void CheckAgreement<T>(IRecurrentNetwork<T> generated, double tolerance)
        where T : IFloatingPointIeee754<T>
    {
        var reference = new ReferenceNetwork<T>(generated.Shape);
        generated.Parameters.CopyTo(reference.Parameters);

        var random = new Random(11);
        T[] inputs = TestData.Convert<T>(TestData.Inputs(generated.Shape, random));
        T[] targets = TestData.Convert<T>(TestData.Targets(generated.Shape, random));
        T[] initialState = TestData.Convert<T>(TestData.InitialState(generated.Shape, random));

        ComparePass(generated, reference, inputs, targets, null, tolerance, "from the zero state");
        ComparePass(generated, reference, inputs, targets, initialState, tolerance, "from a given state");

        T learningRate = T.CreateChecked(0.05);
        for (int step = 0; step < 3; step++)
        {
            T generatedLoss = generated.Train(inputs, targets, learningRate);
            T referenceLoss = reference.Train(inputs, targets, learningRate);
            TestData.AssertClose(double.CreateChecked(referenceLoss), double.CreateChecked(generatedLoss), tolerance, $"loss of training step {step}");
        }
        TestData.AssertClose(TestData.ToDoubles<T>(reference.Parameters), TestData.ToDoubles<T>(generated.Parameters), tolerance, "parameters after training");
    }

    private static void ComparePass<T>(IRecurrentNetwork<T> generated, IRecurrentNetwork<T> reference, T[] inputs, T[] targets, T[]? initialState, double tolerance, string what)
        where T : IFloatingPointIeee754<T>
    {
        NetworkShape shape = reference.Shape;
        T[] generatedOutputs = new T[shape.Steps * shape.Outputs], referenceOutputs = new T[shape.Steps * shape.Outputs];
        T[] generatedState = new T[shape.StateSize], referenceState = new T[shape.StateSize];
        if (initialState is null)
        {
            generated.Forward(inputs, generatedOutputs);
            reference.Forward(inputs, referenceOutputs);
        }
        else
        {
            generated.Forward(inputs, generatedOutputs, initialState, generatedState);
            reference.Forward(inputs, referenceOutputs, initialState, referenceState);
            TestData.AssertClose(TestData.ToDoubles<T>(referenceState), TestData.ToDoubles<T>(generatedState), tolerance, $"final state {what}");
        }
        TestData.AssertClose(TestData.ToDoubles<T>(referenceOutputs), TestData.ToDoubles<T>(generatedOutputs), tolerance, $"outputs {what}");

        generated.ZeroGradients();
        reference.ZeroGradients();
        double generatedLoss = double.CreateChecked(generated.Backward(targets));
        double referenceLoss = double.CreateChecked(reference.Backward(targets));
        TestData.AssertClose(referenceLoss, generatedLoss, tolerance, $"loss {what}");
        TestData.AssertClose(TestData.ToDoubles<T>(reference.Gradients), TestData.ToDoubles<T>(generated.Gradients), tolerance, $"gradients {what}");
    }
}
