using System;
using System.Numerics;
using Xunit;

namespace RnnGen.Tests.Numerics;

/// <summary>Forward (both overloads), Backward, Train, ZeroGradients and Evaluate allocate nothing, in both unroll modes, with stacked layers and in the reference.</summary>
public class AllocationTests
{
    [Fact]
    public void Unrolled_network_allocates_nothing()
    {
        AssertNoAllocation(new BinaryAdder<double>(1));
        AssertNoAllocation(new BinaryAdder<float>(1));
        AssertNoAllocation(new BinaryAdder<Half>(1));
    }

    [Fact]
    public void Looped_network_allocates_nothing()
    {
        AssertNoAllocation(new LoopedBinaryAdder<double>(1));
        AssertNoAllocation(new LoopedBinaryAdder<float>(1));
        AssertNoAllocation(new LoopedBinaryAdder<Half>(1));
    }

    [Fact]
    public void Networks_with_bias_softmax_and_cross_entropy_allocate_nothing()
    {
        AssertNoAllocation(new Container.NestedClassifier<double>(1));
        AssertNoAllocation(new NextBitPredictor<float>(1));
    }

    [Fact]
    public void Stacked_networks_allocate_nothing()
    {
        AssertNoAllocation(new StackedLstm<float>(1));
        AssertNoAllocation(new LoopedStackedLstm<double>(1));
        AssertNoAllocation(new StackedElman<Half>(1));
    }

    [Fact]
    public void Reference_network_allocates_nothing()
    {
        AssertNoAllocation(new ReferenceNetwork<double>(new BinaryAdder<double>().Shape, 1));
        AssertNoAllocation(new ReferenceNetwork<float>(new Container.NestedClassifier<float>().Shape, 1));
        AssertNoAllocation(new ReferenceNetwork<float>(new StackedLstm<float>().Shape, 1));
    }

    [Fact]
    public void The_measurement_sees_an_allocation()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(new double[16]);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() > before);
    }

    [Fact]
    public void The_steady_state_measure_sees_an_allocation_per_call() =>
        Assert.True(SteadyStateAllocations.Smallest(() => GC.KeepAlive(new double[16]), callsPerWindow: 100) >= 100 * 16 * sizeof(double));

    private static void AssertNoAllocation<T>(IRecurrentNetwork<T> network) where T : INumber<T>
    {
        NetworkShape shape = network.Shape;
        var inputs = new T[shape.Steps * shape.Inputs];
        var outputs = new T[shape.Steps * shape.Outputs];
        var targets = new T[shape.Steps * shape.Outputs];
        var state = new T[shape.StateSize];
        var finalState = new T[shape.StateSize];
        T learningRate = T.CreateChecked(0.01);

        void Exercise()
        {
            network.Forward(inputs, outputs);
            network.Backward(targets);
            network.Forward(inputs, outputs, state, finalState);
            network.Backward(targets);
            network.Train(inputs, targets, learningRate);
            network.ZeroGradients();
            network.Evaluate(inputs, targets);
        }

        for (int i = 0; i < 200; i++)
            Exercise();
        // Steady state: a window of 2,000 calls in which nothing is allocated.
        Assert.Equal(0, SteadyStateAllocations.Smallest(Exercise, callsPerWindow: 2_000));
    }
}
