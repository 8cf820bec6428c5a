using System;
using System.Linq;
using System.Numerics;
using System.Threading;
using RnnGen.Tests.Numerics;
using Xunit;

namespace RnnGen.Tests.Runtime;

/// <summary>
/// API.md section 10: <c>Clone()</c> gives an independent network that computes bit for bit what the original does, one
/// clone per thread reproduces serial results, and <c>Evaluate</c> returns Backward's loss without touching gradients
/// or a pending Backward.
/// </summary>
public class CloneAndEvaluateTests
{
    [Theory]
    [MemberData(nameof(NetworkGrid.Names), MemberType = typeof(NetworkGrid))]
    public void A_clone_computes_bit_for_bit_what_the_original_does(string name)
    {
        GridCase gridCase = NetworkGrid.Find(name);
        var original = (ITokenNetwork<float>)NetworkGrid.Create<float>(gridCase, seed: 12);
        var clone = (ITokenNetwork<float>)original.GetType().GetMethod("Clone")!.Invoke(original, null)!;
        Assert.Equal(original.GetType(), clone.GetType());
        AssertSameComputation(original, clone, gridCase.Shape);
    }

    [Fact]
    public void A_reference_clone_computes_bit_for_bit_what_the_original_does()
    {
        foreach (NetworkShape shape in new[] { new BinaryAdder<float>().Shape, new GruAdder<float>().Shape, new Container.NestedClassifier<float>().Shape })
        {
            var original = new ReferenceNetwork<float>(shape, seed: 4);
            AssertSameComputation(original, original.Clone(), shape);
        }
    }

    [Fact]
    public void A_clone_is_independent_and_starts_with_zero_gradients()
    {
        var original = new LstmAdder<double>(3);
        var outputs = new double[8];
        original.Forward(new double[16], outputs);
        original.Backward(new double[8]);
        Assert.True(original.Gradients.IndexOfAnyExcept(0.0) >= 0);

        LstmAdder<double> clone = original.Clone();
        Assert.Equal(original.Parameters.ToArray(), clone.Parameters.ToArray());
        Assert.True(clone.Gradients.IndexOfAnyExcept(0.0) < 0, "a clone's gradients start at zero");
        Assert.Throws<InvalidOperationException>(() => clone.Backward(new double[8]));

        double[] before = original.Parameters.ToArray(), gradients = original.Gradients.ToArray();
        clone.Parameters[0] += 1;
        clone.Train(new double[16], new double[8], 0.1);
        Assert.Equal(before, original.Parameters.ToArray());
        Assert.Equal(gradients, original.Gradients.ToArray());
        Assert.NotEqual(before, clone.Parameters.ToArray());
    }

    [Fact]
    public void One_clone_per_thread_reproduces_serial_results()
    {
        var adder = new BinaryAdder<float>(5);
        CheckThreads<float>(adder.Shape, () => adder.Clone());
        var looped = new LoopedBinaryAdder<double>(5);
        CheckThreads<double>(looped.Shape, () => looped.Clone());
        var gru = new GruAdder<float>(5);
        CheckThreads<float>(gru.Shape, () => gru.Clone());
        var reference = new ReferenceNetwork<double>(new LstmAdder<double>().Shape, seed: 5);
        CheckThreads<double>(reference.Shape, () => reference.Clone());
    }

    [Theory]
    [MemberData(nameof(NetworkGrid.Names), MemberType = typeof(NetworkGrid))]
    public void Evaluate_is_the_loss_of_backward_and_leaves_a_pending_backward_alone(string name)
    {
        GridCase gridCase = NetworkGrid.Find(name);
        NetworkShape shape = gridCase.Shape;
        var network = (ITokenNetwork<double>)NetworkGrid.Create<double>(gridCase, seed: 8);
        var reference = new ReferenceNetwork<double>(shape);
        network.Parameters.CopyTo(reference.Parameters);
        var random = new Random(3);
        double[] inputs = TestData.Inputs(shape, random), targets = TestData.Targets(shape, random);
        double[] otherInputs = TestData.Inputs(shape, random), otherTargets = TestData.Targets(shape, random);
        int[] tokens = TestData.Tokens(random, shape.Steps, shape.Inputs), targetTokens = TestData.Tokens(random, shape.Steps, shape.Outputs);
        var outputs = new double[shape.Steps * shape.Outputs];

        foreach (ITokenNetwork<double> subject in new ITokenNetwork<double>[] { network, reference })
        {
            // The expected values: a plain Forward and Backward from the zero state.
            subject.Forward(otherInputs, outputs);
            subject.ZeroGradients();
            double otherLoss = subject.Backward(otherTargets);
            subject.Forward(tokens, outputs);
            subject.ZeroGradients();
            double tokenLoss = subject.Backward(targetTokens);

            // A Forward waits for its Backward while Evaluate runs twice on other data.
            subject.ZeroGradients();
            subject.Forward(inputs, outputs, TestData.InitialState(shape, new Random(1)), new double[shape.StateSize]);
            Assert.Equal(otherLoss, subject.Evaluate(otherInputs, otherTargets));
            Assert.Equal(tokenLoss, subject.Evaluate(tokens, targetTokens));
            Assert.True(subject.Gradients.IndexOfAnyExcept(0.0) < 0, "Evaluate leaves the gradients alone");

            double pending = subject.Backward(targets);
            double[] pendingGradients = subject.Gradients.ToArray();
            subject.Forward(inputs, outputs, TestData.InitialState(shape, new Random(1)), new double[shape.StateSize]);
            subject.ZeroGradients();
            Assert.Equal(subject.Backward(targets), pending);
            Assert.Equal(subject.Gradients.ToArray(), pendingGradients);
        }
        TestData.AssertClose(reference.Evaluate(inputs, targets), network.Evaluate(inputs, targets), 1e-9, "Evaluate against the reference");
    }

    [Fact]
    public void Evaluate_checks_its_arguments()
    {
        var network = new Container.NestedClassifier<float>(1);   // 2 inputs, 3 outputs, 2 steps
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => network.Evaluate(new float[3], new float[6])).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => network.Evaluate(new float[4], new float[5])).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => network.Evaluate(new[] { 0, 2 }, new[] { 0, 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => network.Evaluate(new[] { 0, 1 }, new[] { 0, 3 }));
        var reference = new ReferenceNetwork<float>(network.Shape);
        Assert.Throws<ArgumentException>(() => reference.Evaluate(new float[3], new float[6]));
        Assert.Throws<ArgumentOutOfRangeException>(() => reference.Evaluate(new[] { 0, 1 }, new[] { 0, 3 }));
    }

    private static void AssertSameComputation<T>(ITokenNetwork<T> original, ITokenNetwork<T> clone, NetworkShape shape)
        where T : IFloatingPointIeee754<T>
    {
        Assert.Equal(original.Shape, clone.Shape);
        Assert.Equal(original.Parameters.ToArray(), clone.Parameters.ToArray());
        var random = new Random(21);
        T[] inputs = TestData.Convert<T>(TestData.Inputs(shape, random)), targets = TestData.Convert<T>(TestData.Targets(shape, random));
        T[] state = TestData.Convert<T>(TestData.InitialState(shape, random));
        T learningRate = T.CreateChecked(0.05);
        for (int round = 0; round < 3; round++)
        {
            Assert.Equal(original.Train(inputs, targets, learningRate), clone.Train(inputs, targets, learningRate));
            T[] originalOutputs = new T[shape.Steps * shape.Outputs], cloneOutputs = new T[shape.Steps * shape.Outputs];
            T[] originalState = new T[shape.StateSize], cloneState = new T[shape.StateSize];
            original.Forward(inputs, originalOutputs, state, originalState);
            clone.Forward(inputs, cloneOutputs, state, cloneState);
            Assert.Equal(originalOutputs, cloneOutputs);
            Assert.Equal(originalState, cloneState);
            Assert.Equal(original.Backward(targets), clone.Backward(targets));
            Assert.Equal(original.Gradients.ToArray(), clone.Gradients.ToArray());
            Assert.Equal(original.Parameters.ToArray(), clone.Parameters.ToArray());
        }
    }

    /// <summary>
    /// Four threads, each training its own clone on its own data, give exactly what the same clones give one after the
    /// other on one thread: nothing is shared between clones.
    /// </summary>
    private static void CheckThreads<T>(NetworkShape shape, Func<IRecurrentNetwork<T>> clone)
        where T : IFloatingPointIeee754<T>
    {
        const int threads = 4, rounds = 300;
        T[][] inputs = new T[threads][], targets = new T[threads][];
        for (int k = 0; k < threads; k++)
        {
            var random = new Random(100 + k);
            inputs[k] = TestData.Convert<T>(TestData.Inputs(shape, random));
            targets[k] = TestData.Convert<T>(TestData.Targets(shape, random));
        }
        T learningRate = T.CreateChecked(0.01);

        (T[] Parameters, T[] Outputs, T Loss) Work(IRecurrentNetwork<T> network, int k)
        {
            var outputs = new T[shape.Steps * shape.Outputs];
            T loss = T.Zero;
            for (int round = 0; round < rounds; round++)
            {
                loss = network.Train(inputs[k], targets[k], learningRate);
                network.Forward(inputs[k], outputs);
            }
            return (network.Parameters.ToArray(), outputs, loss);
        }

        var serial = Enumerable.Range(0, threads).Select(k => Work(clone(), k)).ToArray();
        var parallel = new (T[] Parameters, T[] Outputs, T Loss)[threads];
        IRecurrentNetwork<T>[] clones = Enumerable.Range(0, threads).Select(_ => clone()).ToArray();
        using var start = new Barrier(threads);
        Thread[] workers = Enumerable.Range(0, threads).Select(k => new Thread(() =>
        {
            start.SignalAndWait();
            parallel[k] = Work(clones[k], k);
        })).ToArray();
        foreach (Thread worker in workers)
            worker.Start();
        foreach (Thread worker in workers)
            worker.Join();

        for (int k = 0; k < threads; k++)
        {
            Assert.Equal(serial[k].Parameters, parallel[k].Parameters);
            Assert.Equal(serial[k].Outputs, parallel[k].Outputs);
            Assert.Equal(serial[k].Loss, parallel[k].Loss);
        }
    }
}
