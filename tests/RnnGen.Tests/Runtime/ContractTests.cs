using System;
using System.Numerics;
using Xunit;

namespace RnnGen.Tests.Runtime;

/// <summary>The generated members of API.md section 2, their bad-input answers, and the parameter layout of section 4.</summary>
public class ContractTests
{
    [Fact]
    public void Constants_and_shape_describe_the_declaration()
    {
        Assert.Equal(2, BinaryAdder<float>.Inputs);
        Assert.Equal(16, BinaryAdder<float>.Hidden);
        Assert.Equal(1, BinaryAdder<float>.Outputs);
        Assert.Equal(8, BinaryAdder<float>.Steps);
        Assert.Equal((2 * 16) + (16 * 16) + 16, BinaryAdder<float>.ParameterCount);
        Assert.Equal(16, BinaryAdder<float>.StateSize);
        var shape = new BinaryAdder<float>().Shape;
        Assert.Equal(new NetworkShape(CellKind.Elman, 2, 16, 1, 8, false, Activation.Sigmoid, Activation.Sigmoid, LossKind.SquaredError), shape);
        Assert.Equal(BinaryAdder<float>.ParameterCount, shape.ParameterCount);
        Assert.Equal(BinaryAdder<float>.ParameterCount, new BinaryAdder<float>().Parameters.Length);
        Assert.Equal(BinaryAdder<float>.ParameterCount, new BinaryAdder<float>().Gradients.Length);
    }

    [Fact]
    public void Parameterless_constructor_gives_zero_parameters()
    {
        Assert.True(new BinaryAdder<double>().Parameters.IndexOfAnyExcept(0.0) < 0);
    }

    [Fact]
    public void Seed_constructor_draws_parameters_in_layout_order()
    {
        var network = new NextBitPredictor<double>(42);
        var random = new Random(42);
        for (int p = 0; p < NextBitPredictor<double>.ParameterCount; p++)
            Assert.Equal((2 * random.NextDouble()) - 1, network.Parameters[p]);
    }

    [Fact]
    public void Initialize_scales_the_draw()
    {
        var network = new BinaryAdder<float>();
        network.Initialize(new Random(3), 0.25);
        var random = new Random(3);
        for (int p = 0; p < BinaryAdder<float>.ParameterCount; p++)
            Assert.Equal(float.CreateChecked(0.25 * ((2 * random.NextDouble()) - 1)), network.Parameters[p]);
        Assert.Throws<ArgumentNullException>(() => network.Initialize(null!, 1.0));
    }

    [Fact]
    public void Wrong_lengths_throw_naming_the_expected_length()
    {
        var network = new BinaryAdder<double>(1);
        var exception = Assert.Throws<ArgumentException>(() => network.Forward(new double[15], new double[8]));
        Assert.Equal("inputs", exception.ParamName);
        Assert.Contains("16", exception.Message);
        Assert.Throws<ArgumentException>(() => network.Forward(new double[16], new double[9]));
        Assert.Throws<ArgumentException>(() => network.Forward(new double[16], new double[8], new double[15], new double[16]));
        Assert.Throws<ArgumentException>(() => network.Forward(new double[16], new double[8], new double[16], new double[17]));
        network.Forward(new double[16], new double[8]);
        exception = Assert.Throws<ArgumentException>(() => network.Backward(new double[7]));
        Assert.Equal("targets", exception.ParamName);
        Assert.Contains("8", exception.Message);
        Assert.Throws<ArgumentException>(() => network.Train(new double[16], new double[9], 0.1));
        Assert.Throws<ArgumentException>(() => network.Train(new double[17], new double[8], 0.1));
    }

    [Fact]
    public void Backward_before_forward_throws()
    {
        Assert.Throws<InvalidOperationException>(() => new BinaryAdder<float>(1).Backward(new float[8]));
        Assert.Throws<InvalidOperationException>(() => new LoopedBinaryAdder<float>(1).Backward(new float[8]));
        Assert.Throws<InvalidOperationException>(() => new ReferenceNetwork<float>(new BinaryAdder<float>().Shape).Backward(new float[8]));
    }

    [Fact]
    public void Backward_after_a_step_says_the_step_replaced_the_activations()
    {
        ITokenNetwork<float>[] networks =
        {
            new BinaryAdder<float>(1), new LoopedBinaryAdder<float>(1), new ReferenceNetwork<float>(new BinaryAdder<float>().Shape, 1),
        };
        foreach (ITokenNetwork<float> network in networks)
        {
            var exception = Assert.Throws<InvalidOperationException>(() => network.Backward(new float[8]));
            Assert.DoesNotContain("Step", exception.Message);

            network.Forward(new float[16], new float[8]);
            network.Step(new float[2], new float[16], new float[1]);
            exception = Assert.Throws<InvalidOperationException>(() => network.Backward(new float[8]));
            Assert.Contains("Step", exception.Message);
            Assert.Contains("Forward", exception.Message);

            network.Forward(new float[16], new float[8]);
            network.Backward(new float[8]);
        }
    }

    [Fact]
    public void A_bad_call_changes_nothing()
    {
        var network = new BinaryAdder<double>(1);
        double[] before = network.Parameters.ToArray();
        Assert.Throws<ArgumentException>(() => network.Train(new double[16], new double[7], 0.1));
        Assert.Equal(before, network.Parameters.ToArray());
        Assert.Throws<InvalidOperationException>(() => network.Backward(new double[8]));
    }

    [Fact]
    public void Backward_adds_to_the_gradients_and_zero_gradients_clears_them()
    {
        var network = new NextBitPredictor<double>(5);
        double[] inputs = { 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1 }, targets = { 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0 };
        var outputs = new double[12];
        network.Forward(inputs, outputs);
        network.Backward(targets);
        double[] once = network.Gradients.ToArray();
        network.Backward(targets);
        for (int p = 0; p < once.Length; p++)
            Assert.Equal(2 * once[p], network.Gradients[p], 12);
        network.ZeroGradients();
        Assert.True(network.Gradients.IndexOfAnyExcept(0.0) < 0);
    }

    [Fact]
    public void Train_is_forward_backward_and_a_gradient_step()
    {
        var trained = new NextBitPredictor<double>(5);
        var manual = new NextBitPredictor<double>(5);
        double[] inputs = { 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1 }, targets = { 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0 };
        var outputs = new double[12];
        double loss = trained.Train(inputs, targets, 0.3);

        manual.Forward(inputs, outputs);
        manual.ZeroGradients();
        double expectedLoss = manual.Backward(targets);
        for (int p = 0; p < NextBitPredictor<double>.ParameterCount; p++)
            manual.Parameters[p] -= 0.3 * manual.Gradients[p];

        Assert.Equal(expectedLoss, loss, 14);
        Assert.Equal(manual.Parameters.ToArray(), trained.Parameters.ToArray());
    }

    [Fact]
    public void Forward_with_a_state_continues_a_sequence()
    {
        // Two halves run with the state carried across give the same outputs as one run of the whole.
        var whole = new ReferenceNetwork<double>(new NetworkShape(CellKind.Elman, 2, 16, 1, 16, false, Activation.Sigmoid, Activation.Sigmoid, LossKind.SquaredError));
        var half = new BinaryAdder<double>(9);
        half.Parameters.CopyTo(whole.Parameters);
        var random = new Random(2);
        double[] inputs = Numerics.TestData.Uniform(random, 32, 0, 1);
        var expected = new double[16];
        whole.Forward(inputs, expected);

        var outputs = new double[16];
        var state = new double[16];
        var next = new double[16];
        half.Forward(inputs.AsSpan(0, 16), outputs.AsSpan(0, 8), state, next);
        half.Forward(inputs.AsSpan(16, 16), outputs.AsSpan(8, 8), next, state);
        Numerics.TestData.AssertClose(expected, outputs, 1e-14, "outputs of two halves");
    }

    [Fact]
    public void Parameter_layout_follows_the_contract()
    {
        ParameterLayout elman = new NetworkShape(CellKind.Elman, 3, 4, 2, 5, true, Activation.Tanh, Activation.Identity, LossKind.SquaredError).Layout;
        Assert.Equal(new ParameterBlock(0, 3, 4), elman.InputWeights);
        Assert.Equal(new ParameterBlock(12, 4, 4), elman.RecurrentWeights);
        Assert.Equal(new ParameterBlock(28, 4, 2), elman.OutputWeights);
        Assert.Equal(new ParameterBlock(36, 1, 4), elman.HiddenBias);
        Assert.Equal(new ParameterBlock(40, 1, 0), elman.RecurrentBias);
        Assert.Equal(new ParameterBlock(40, 1, 2), elman.OutputBias);
        Assert.Equal(42, elman.Count);

        ParameterLayout lstm = new NetworkShape(CellKind.Lstm, 3, 4, 2, 5, true, Activation.Sigmoid, Activation.Identity, LossKind.SquaredError).Layout;
        Assert.Equal(new ParameterBlock(0, 3, 16), lstm.InputWeights);
        Assert.Equal(new ParameterBlock(48, 4, 16), lstm.RecurrentWeights);
        Assert.Equal(new ParameterBlock(112, 4, 2), lstm.OutputWeights);
        Assert.Equal(new ParameterBlock(120, 1, 16), lstm.HiddenBias);
        Assert.Equal(138, lstm.Count);

        ParameterLayout gru = new NetworkShape(CellKind.Gru, 3, 4, 2, 5, true, Activation.Sigmoid, Activation.Identity, LossKind.SquaredError).Layout;
        Assert.Equal(new ParameterBlock(0, 3, 12), gru.InputWeights);
        Assert.Equal(new ParameterBlock(36, 4, 12), gru.RecurrentWeights);
        Assert.Equal(new ParameterBlock(84, 4, 2), gru.OutputWeights);
        Assert.Equal(new ParameterBlock(92, 1, 12), gru.HiddenBias);
        Assert.Equal(new ParameterBlock(104, 1, 12), gru.RecurrentBias);
        Assert.Equal(new ParameterBlock(116, 1, 2), gru.OutputBias);
        Assert.Equal(118, gru.Count);
        Assert.Equal(8, new NetworkShape(CellKind.Lstm, 3, 4, 2, 5, true, Activation.Sigmoid, Activation.Identity, LossKind.SquaredError).StateSize);
    }

    [Fact]
    public void Stacked_layer_layout_follows_section_7()
    {
        // Every layer's W_x and W_h in layer order, then W_hy, then every layer's biases in layer order, then b_y.
        var lstmShape = new NetworkShape(CellKind.Lstm, 3, 4, 2, 5, true, Activation.Sigmoid, Activation.Identity, LossKind.SquaredError, Layers: 3);
        ParameterLayout lstm = lstmShape.Layout;
        Assert.Equal(3, lstm.Layers);
        Assert.Equal(new LayerParameterBlocks(new(0, 3, 16), new(48, 4, 16), new(376, 1, 16), new(392, 1, 0)), lstm.Layer(1));
        Assert.Equal(new LayerParameterBlocks(new(112, 4, 16), new(176, 4, 16), new(392, 1, 16), new(408, 1, 0)), lstm.Layer(2));
        Assert.Equal(new LayerParameterBlocks(new(240, 4, 16), new(304, 4, 16), new(408, 1, 16), new(424, 1, 0)), lstm.Layer(3));
        Assert.Equal(new ParameterBlock(368, 4, 2), lstm.OutputWeights);
        Assert.Equal(new ParameterBlock(424, 1, 2), lstm.OutputBias);
        Assert.Equal(426, lstm.Count);
        Assert.Equal(426, lstmShape.ParameterCount);
        Assert.Equal(8, lstmShape.LayerStateSize);
        Assert.Equal(24, lstmShape.StateSize);
        // The single-layer members are the first layer's blocks.
        Assert.Equal(lstm.Layer(1).InputWeights, lstm.InputWeights);
        Assert.Equal(lstm.Layer(1).HiddenBias, lstm.HiddenBias);
        Assert.Throws<ArgumentOutOfRangeException>(() => lstm.Layer(4));
        Assert.Throws<ArgumentOutOfRangeException>(() => lstm.Layer(0));

        ParameterLayout gru = new NetworkShape(CellKind.Gru, 3, 4, 2, 5, true, Activation.Sigmoid, Activation.Identity, LossKind.SquaredError, Layers: 2).Layout;
        Assert.Equal(new LayerParameterBlocks(new(0, 3, 12), new(36, 4, 12), new(188, 1, 12), new(200, 1, 12)), gru.Layer(1));
        Assert.Equal(new LayerParameterBlocks(new(84, 4, 12), new(132, 4, 12), new(212, 1, 12), new(224, 1, 12)), gru.Layer(2));
        Assert.Equal(new ParameterBlock(180, 4, 2), gru.OutputWeights);
        Assert.Equal(new ParameterBlock(236, 1, 2), gru.OutputBias);
        Assert.Equal(238, gru.Count);

        var elmanShape = new NetworkShape(CellKind.Elman, 3, 4, 2, 5, false, Activation.Tanh, Activation.Identity, LossKind.SquaredError);
        ParameterLayout elman = (elmanShape with { Layers = 2 }).Layout;
        Assert.Equal(new ParameterBlock(28, 4, 4), elman.Layer(2).InputWeights);
        Assert.Equal(new ParameterBlock(44, 4, 4), elman.Layer(2).RecurrentWeights);
        Assert.Equal(new ParameterBlock(60, 4, 2), elman.OutputWeights);
        Assert.Equal(68, elman.Count);
        Assert.Equal(68, ParameterLayout.CountParameters(CellKind.Elman, 3, 4, 2, false, 2));
    }

    [Fact]
    public void Layers_default_to_one_and_take_part_in_the_shape()
    {
        var shape = new NetworkShape(CellKind.Lstm, 65, 128, 65, 50, true, Activation.Sigmoid, Activation.Softmax, LossKind.CrossEntropy);
        Assert.Equal(1, shape.Layers);
        Assert.Equal(shape.Layout, ParameterLayout.Create(CellKind.Lstm, 65, 128, 65, true));
        NetworkShape stacked = shape with { Layers = 2 };
        Assert.NotEqual(shape, stacked);
        Assert.Equal(new NetworkShape(CellKind.Lstm, 65, 128, 65, 50, true, Activation.Sigmoid, Activation.Softmax, LossKind.CrossEntropy, 2), stacked);
        Assert.Equal(512, stacked.StateSize);
        Assert.Equal("Lstm 65-128-65 x50 (Softmax output, CrossEntropy, bias)", shape.ToString());
        Assert.Equal("Lstm 65-128-128-65 x50 (Softmax output, CrossEntropy, bias)", stacked.ToString());
        Assert.Contains("(×9)", (shape with { Layers = 9 }).ToString());
        Assert.Throws<ArgumentException>(() => (shape with { Layers = 0 }).Validate());
        Assert.Throws<ArgumentException>(() => new ReferenceNetwork<float>(shape with { Layers = -1 }));
        // A stack too deep for an array is refused, not overflowed.
        Assert.Throws<ArgumentException>(() => (shape with { Layers = 1 << 20 }).Validate());
    }

    [Fact]
    public void Bad_shapes_are_rejected_by_the_reference()
    {
        var good = new NetworkShape(CellKind.Elman, 1, 1, 1, 1, false, Activation.Sigmoid, Activation.Sigmoid, LossKind.SquaredError);
        Assert.Throws<ArgumentException>(() => new ReferenceNetwork<double>(good with { Hidden = 0 }));
        Assert.Throws<ArgumentException>(() => new ReferenceNetwork<double>(good with { Steps = -1 }));
        Assert.Throws<ArgumentException>(() => new ReferenceNetwork<double>(good with { HiddenActivation = Activation.Softmax }));
        Assert.Throws<ArgumentException>(() => new ReferenceNetwork<double>(good with { OutputActivation = Activation.Relu }));
        Assert.Throws<ArgumentException>(() => new ReferenceNetwork<double>(good with { OutputActivation = Activation.Tanh, Loss = LossKind.CrossEntropy }));
        Assert.Throws<ArgumentException>(() => new ReferenceNetwork<double>(good with { Cell = (CellKind)7 }));
        Assert.Throws<ArgumentException>(() => new ReferenceNetwork<double>(good with { Hidden = 1 << 20, Inputs = 1 << 12 }));
        // Sizes whose products pass 64 bits, and a state count past 32 bits, are too large rather than wrapped around.
        Assert.Throws<ArgumentException>(() => new ReferenceNetwork<double>(good with { Cell = CellKind.Gru, Hidden = int.MaxValue, Inputs = 30 }));
        Assert.Throws<ArgumentException>(() => new ReferenceNetwork<double>(good with { Cell = CellKind.Lstm, Hidden = 1 << 30 }));
        Assert.Throws<ArgumentException>(() => new ReferenceNetwork<double>(good with { Steps = int.MaxValue }));
    }

    [Fact]
    public void Softmax_over_one_output_is_rejected_as_the_generator_rejects_it()
    {
        // RNNG016 at compile time; the same shape at run time is an ArgumentException naming the setting.
        var softmax = new NetworkShape(CellKind.Gru, 2, 3, 1, 2, false, Activation.Sigmoid, Activation.Softmax, LossKind.CrossEntropy);
        ArgumentException exception = Assert.Throws<ArgumentException>(() => new ReferenceNetwork<double>(softmax));
        Assert.Equal("OutputActivation", exception.ParamName);
        Assert.Contains("Sigmoid", exception.Message);
        _ = new ReferenceNetwork<double>(softmax with { Outputs = 2 });
        _ = new ReferenceNetwork<double>(softmax with { OutputActivation = Activation.Sigmoid });
    }

    [Fact]
    public void Linear_networks_run_on_decimal()
    {
        // INumber<T> is all a linear network needs; decimal arithmetic makes its gradient check exact enough to be tight.
        var network = new LinearNetwork<decimal>();
        var looped = new LoopedLinearNetwork<decimal>();
        var reference = new ReferenceNetwork<double>(network.Shape);
        network.Initialize(new Random(8), 0.5);
        looped.Initialize(new Random(8), 0.5);
        reference.Initialize(new Random(8), 0.5);
        var random = new Random(1);
        double[] inputs = Numerics.TestData.Uniform(random, 8, -1, 1), targets = Numerics.TestData.Uniform(random, 8, -1, 1);
        decimal[] decimalInputs = Numerics.TestData.Convert<decimal>(inputs), decimalTargets = Numerics.TestData.Convert<decimal>(targets);

        GradientCheckResult check = GradientCheck.Run<decimal>(network, decimalInputs, decimalTargets, step: 1e-9);
        Assert.True(check.MaxRelativeError < 1e-9, $"relative error {check.MaxRelativeError:E2}");

        var outputs = new double[8];
        var decimalOutputs = new decimal[8];
        reference.Forward(inputs, outputs);
        network.Forward(decimalInputs, decimalOutputs);
        Numerics.TestData.AssertClose(outputs, Numerics.TestData.ToDoubles<decimal>(decimalOutputs), 1e-12, "decimal outputs against the double reference");

        network.ZeroGradients();
        looped.Forward(decimalInputs, decimalOutputs);
        decimal loss = looped.Backward(decimalTargets);
        network.Forward(decimalInputs, decimalOutputs);
        Assert.Equal(loss, network.Backward(decimalTargets));
    }

    [Fact]
    public void Relu_networks_need_only_INumber()
    {
        var network = new ReluNetwork<decimal>();
        network.Initialize(new Random(2), 1.0);
        decimal loss = network.Train(Numerics.TestData.Convert<decimal>(new double[] { 1, -1, 0.5, 0.25, 0, -0.5, 1, 1, 1 }), new decimal[] { 1, 0, -1 }, 0.01m);
        Assert.True(loss > 0);
    }
}
