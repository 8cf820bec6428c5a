using System;
using System.Numerics;
using RnnGen.Tests.Numerics;
using Xunit;

namespace RnnGen.Tests.Batch;

/// <summary>
/// Batch calls in float and Half against the reference's batch calls in the same type (a sample of the grid that
/// reaches every cell, SIMD path and layer count), and the batch gradient in double against central differences of the batch's
/// mean loss.
/// </summary>
public class BatchPrecisionTests
{
    public static TheoryData<string> Sample
    {
        get
        {
            var data = new TheoryData<string>();
            // Every seventh case, and every third stack of layers (API.md section 7).
            for (int i = 0; i < NetworkGrid.Cases.Count; i++)
            {
                if (i % 7 == 0 || (NetworkGrid.Cases[i].Layers > 1 && i % 3 == 0))
                    data.Add(NetworkGrid.Cases[i].Name);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Sample))]
    public void Float_batches_agree_with_the_reference(string name) => CheckAgainstReference<float>(name, ReferenceAgreementTests.FloatTolerance);

    [Theory]
    [MemberData(nameof(Sample))]
    public void Half_batches_agree_with_the_reference(string name) => CheckAgainstReference<Half>(name, ReferenceAgreementTests.HalfTolerance);

    private static void CheckAgainstReference<T>(string name, double tolerance) where T : IFloatingPointIeee754<T>
    {
        GridCase gridCase = NetworkGrid.Find(name);
        NetworkShape shape = gridCase.Shape;
        var generated = (IBatchNetwork<T>)NetworkGrid.Create<T>(gridCase, seed: 7);
        var reference = new ReferenceNetwork<T>(shape);
        generated.Parameters.CopyTo(reference.Parameters);
        var data = new BatchData(shape, 19, seed: 2);
        T[] inputs = TestData.Convert<T>(data.Inputs), targets = TestData.Convert<T>(data.Targets), states = TestData.Convert<T>(data.States);
        var results = new double[2][];
        var gradients = new double[2][];
        var losses = new double[2];
        IBatchNetwork<T>[] networks = { generated, reference };
        for (int n = 0; n < 2; n++)
        {
            var outputs = new T[19 * shape.Steps * shape.Outputs];
            var finalStates = new T[states.Length];
            networks[n].ForwardBatch(inputs, outputs, states, finalStates);
            networks[n].ZeroGradients();
            losses[n] = double.CreateChecked(networks[n].BackwardBatch(targets));
            results[n] = TestData.ToDoubles<T>([.. outputs, .. finalStates]);
            gradients[n] = TestData.ToDoubles<T>(networks[n].Gradients);
        }
        TestData.AssertClose(results[1], results[0], tolerance, "outputs and final states");
        TestData.AssertClose(losses[1], losses[0], tolerance, "mean loss");
        TestData.AssertClose(gradients[1], gradients[0], tolerance, "mean gradient");
    }

    [Theory]
    [MemberData(nameof(Sample))]
    public void Batch_gradient_matches_finite_differences(string name)
    {
        GridCase gridCase = NetworkGrid.Find(name);
        NetworkShape shape = gridCase.Shape;
        var network = (IBatchNetwork<double>)NetworkGrid.Create<double>(gridCase, seed: 3);
        var data = new BatchData(shape, 5, seed: 6);
        var outputs = new double[5 * shape.Steps * shape.Outputs];
        var finalStates = new double[data.States.Length];
        double MeanLoss()
        {
            network.ForwardBatch(data.Inputs, outputs, data.States, finalStates);
            return network.BackwardBatch(data.Targets);
        }

        network.ZeroGradients();
        MeanLoss();
        double[] analytic = network.Gradients.ToArray();
        const double step = 1e-5;
        var numeric = new double[analytic.Length];
        for (int p = 0; p < analytic.Length; p++)
        {
            double saved = network.Parameters[p];
            network.Parameters[p] = saved + step;
            double up = MeanLoss();
            network.Parameters[p] = saved - step;
            double down = MeanLoss();
            network.Parameters[p] = saved;
            numeric[p] = (up - down) / (2 * step);
        }
        double error = TestData.RelativeError(numeric, analytic);
        Assert.True(error < 1e-5, $"batch gradient against finite differences: normwise relative error {error:E2}");
    }
}
