using System;
using System.Collections.Generic;
using System.IO;
using System.Numerics;
using System.Runtime.InteropServices;
using Xunit;

namespace RnnGen.Tests.Serialization;

/// <summary>
/// Checkpoints with optimizer state: training resumed from a file is bitwise the training that never stopped, for every
/// optimizer in float and double; a file of another optimizer is refused and changes nothing.
/// </summary>
public class CheckpointTests
{
    public static TheoryData<string> Optimizers => ["sgd", "sgd with momentum", "adagrad", "adam"];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Resumed_training_in_float_is_bitwise_the_run_that_never_stopped(string optimizer) => AssertResumesExactly<float>(optimizer);

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Resumed_training_in_double_is_bitwise_the_run_that_never_stopped(string optimizer) => AssertResumesExactly<double>(optimizer);

    /// <summary>A stack of two LSTM layers (API.md section 7): the layer count is in the file, and training resumes bit for bit.</summary>
    [Theory]
    [MemberData(nameof(Optimizers))]
    public void A_stacked_network_resumes_bitwise_the_run_that_never_stopped(string optimizer)
    {
        const int steps = 12;
        int count = StackedLstm<double>.ParameterCount;
        var straight = new StackedLstm<double>(1);
        Train(straight, Create<double>(optimizer, fresh: false, count), 0, steps);

        var first = new StackedLstm<double>(1);
        IOptimizer<double> firstOptimizer = Create<double>(optimizer, fresh: false, count);
        Train(first, firstOptimizer, 0, steps / 2);
        byte[] file = Checkpoint(first, firstOptimizer, steps: 0);
        Assert.Equal(2, NetworkFile.ReadHeader(new MemoryStream(file)).Shape.Layers);

        var resumed = new StackedLstm<double>(2);
        IOptimizer<double> resumedOptimizer = Create<double>(optimizer, fresh: true, count);
        NetworkFile.Load(resumed, resumedOptimizer, new MemoryStream(file));
        Train(resumed, resumedOptimizer, steps / 2, steps);
        Assert.Equal(Bits(straight), Bits(resumed));

        // A single-layer network of the same sizes is another shape: refused, and left as it was.
        var shallow = new ReferenceNetwork<double>(straight.Shape with { Layers = 1 });
        Assert.Throws<ArgumentException>(() => NetworkFile.Load(shallow, Create<double>(optimizer, fresh: true, shallow.Shape.ParameterCount), new MemoryStream(file)));
        Assert.True(shallow.Parameters.IndexOfAnyExcept(0.0) < 0);
    }

    [Fact]
    public void Another_kind_of_optimizer_is_an_error_naming_both_and_changes_nothing()
    {
        byte[] file = Checkpoint(new BinaryAdder<float>(1), new AdamOptimizer<float>(BinaryAdder<float>.ParameterCount, 0.01f), steps: 3);
        var network = new BinaryAdder<float>(2);
        var optimizer = new AdagradOptimizer<float>(BinaryAdder<float>.ParameterCount, 0.1f);
        Train(network, optimizer, 0, 2);
        byte[] before = Checkpoint(network, optimizer, steps: 0);

        var exception = Assert.Throws<ArgumentException>(() => NetworkFile.Load(network, optimizer, new MemoryStream(file)));

        Assert.Contains("AdamOptimizer", exception.Message);
        Assert.Contains("AdagradOptimizer", exception.Message);
        Assert.Equal(before, Checkpoint(network, optimizer, steps: 0));
    }

    [Fact]
    public void An_optimizer_of_another_size_is_an_error_naming_both_sizes()
    {
        var source = new ReferenceNetwork<double>(TinyLstm, 1);
        byte[] file = Checkpoint(source, new SgdOptimizer<double>(source.Parameters.Length, 0.1, 0.9), steps: 2);
        var network = new ReferenceNetwork<double>(TinyLstm);
        var optimizer = new SgdOptimizer<double>(source.Parameters.Length + 1, 0.1, 0.9);

        var exception = Assert.Throws<ArgumentException>(() => NetworkFile.Load(network, optimizer, new MemoryStream(file)));

        Assert.Contains($"SgdOptimizer for {source.Parameters.Length} parameters", exception.Message);
        Assert.Contains($"SgdOptimizer for {source.Parameters.Length + 1} parameters", exception.Message);
        Assert.True(network.Parameters.IndexOfAnyExcept(0.0) < 0, "a refused load leaves the network alone");
    }

    [Fact]
    public void A_file_without_optimizer_state_is_refused_for_an_optimizer_but_loads_alone()
    {
        var source = new ReferenceNetwork<float>(TinyLstm, 3);
        var stream = new MemoryStream();
        NetworkFile.Save(source, stream);
        var network = new ReferenceNetwork<float>(TinyLstm);

        var exception = Assert.Throws<ArgumentException>(() =>
            NetworkFile.Load(network, new AdamOptimizer<float>(source.Parameters.Length, 0.01f), new MemoryStream(stream.ToArray())));
        Assert.Contains("no optimizer state", exception.Message);
        Assert.Contains("AdamOptimizer", exception.Message);
        Assert.True(network.Parameters.IndexOfAnyExcept(0f) < 0);

        NetworkFile.Load(network, new MemoryStream(stream.ToArray()));
        Assert.Equal(source.Parameters.ToArray(), network.Parameters.ToArray());
    }

    [Fact]
    public void The_files_settings_replace_the_optimizers()
    {
        int count = TinyLstm.ParameterCount;
        var network = new ReferenceNetwork<double>(TinyLstm, 4);
        byte[] sgd = Checkpoint(network, new SgdOptimizer<double>(count, 0.25), steps: 1);
        var plain = new SgdOptimizer<double>(count, 0.5, 0.9);
        NetworkFile.Load(network, plain, new MemoryStream(sgd));
        Assert.Equal((0.25, 0.0), (plain.LearningRate, plain.Momentum));

        byte[] adam = Checkpoint(network, new AdamOptimizer<double>(count, 0.002, 0.8, 0.99, 1e-6), steps: 5);
        var fresh = new AdamOptimizer<double>(count, 0.1);
        NetworkFile.Load(network, fresh, new MemoryStream(adam));
        Assert.Equal((0.002, 0.8, 0.99, 1e-6), (fresh.LearningRate, fresh.Beta1, fresh.Beta2, fresh.Epsilon));
        NetworkFileHeader header = NetworkFile.ReadHeader(new MemoryStream(adam));
        Assert.Equal((2, OptimizerKind.Adam, 5L), (header.FormatVersion, header.Optimizer, header.OptimizerStepCount));
    }

    [Fact]
    public void Optimizer_state_converts_with_the_parameters_when_asked()
    {
        var source = new ReferenceNetwork<double>(TinyLstm, 5);
        var adagrad = new AdagradOptimizer<double>(source.Parameters.Length, 0.1);
        byte[] file = Checkpoint(source, adagrad, steps: 3);
        var network = new ReferenceNetwork<float>(TinyLstm);
        var optimizer = new AdagradOptimizer<float>(source.Parameters.Length, 0.3f);

        Assert.Throws<InvalidOperationException>(() => NetworkFile.Load(network, optimizer, new MemoryStream(file)));
        NetworkFile.Load(network, optimizer, new MemoryStream(file), convertElementType: true);

        Assert.Equal(0.1f, optimizer.LearningRate);
        for (int p = 0; p < source.Parameters.Length; p++)
            Assert.Equal((float)source.Parameters[p], network.Parameters[p]);
    }

    [Fact]
    public void Saving_needs_an_optimizer_files_can_hold_sized_for_the_network()
    {
        var network = new ReferenceNetwork<float>(TinyLstm, 1);
        Assert.Throws<NotSupportedException>(() => NetworkFile.Save(network, new HalvingOptimizer(network.Parameters.Length), new MemoryStream()));
        Assert.Throws<ArgumentException>(() => NetworkFile.Save(network, new AdamOptimizer<float>(network.Parameters.Length - 1, 0.01f), new MemoryStream()));
    }

    [Fact]
    public void Metadata_round_trips()
    {
        var metadata = new Dictionary<string, string> { ["iteration"] = "1200", ["text"] = "naïve ✓", ["empty"] = "" };
        var network = new ReferenceNetwork<float>(TinyLstm, 1);
        var stream = new MemoryStream();
        NetworkFile.Save(network, new SgdOptimizer<float>(network.Parameters.Length, 0.1f), stream, metadata);

        NetworkFileHeader header = NetworkFile.ReadHeader(new MemoryStream(stream.ToArray()));

        Assert.Equal(metadata, header.Metadata);
    }

    [Fact]
    public void Every_single_bit_flip_of_a_checkpoint_is_a_clear_error_and_changes_nothing()
    {
        NetworkShape shape = TinyLstm with { Hidden = 1, Bias = false };
        var source = new ReferenceNetwork<float>(shape, 1);
        byte[] file = Checkpoint(source, new AdamOptimizer<float>(shape.ParameterCount, 0.01f), steps: 2, new Dictionary<string, string> { ["k"] = "v" });
        var network = new ReferenceNetwork<float>(shape);
        var optimizer = new AdamOptimizer<float>(shape.ParameterCount, 0.5f);
        byte[] before = Checkpoint(network, optimizer, steps: 0);
        for (int bit = 0; bit < file.Length * 8; bit++)
        {
            byte[] flipped = (byte[])file.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Exception exception = Assert.ThrowsAny<Exception>(() => NetworkFile.Load(network, optimizer, new MemoryStream(flipped)));
            Assert.True(exception is InvalidDataException or ArgumentException, $"bit {bit}: {exception.GetType().Name}: {exception.Message}");
        }
        Assert.Equal(before, Checkpoint(network, optimizer, steps: 0));
    }

    private static readonly NetworkShape TinyLstm = new(CellKind.Lstm, 2, 2, 1, 3, true, Activation.Sigmoid, Activation.Sigmoid, LossKind.SquaredError);

    /// <summary>Trains N steps straight, and N/2 steps, a checkpoint, fresh objects, N/2 steps; the parameters must agree bit for bit.</summary>
    private static void AssertResumesExactly<T>(string optimizer) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int steps = 16;
        var straight = new BinaryAdder<T>(1);
        Train(straight, Create<T>(optimizer, fresh: false), 0, steps);

        var first = new BinaryAdder<T>(1);
        IOptimizer<T> firstOptimizer = Create<T>(optimizer, fresh: false);
        Train(first, firstOptimizer, 0, steps / 2);
        byte[] file = Checkpoint(first, firstOptimizer, steps: 0);

        // Fresh objects, deliberately different: other weights and other settings, which the file must overwrite.
        var resumed = new BinaryAdder<T>(2);
        IOptimizer<T> resumedOptimizer = Create<T>(optimizer, fresh: true);
        NetworkFile.Load(resumed, resumedOptimizer, new MemoryStream(file));
        Train(resumed, resumedOptimizer, steps / 2, steps);
        Assert.Equal(Bits(straight), Bits(resumed));

        // The state matters: the parameters alone with a fresh optimizer do not continue the same way.
        var parametersOnly = new BinaryAdder<T>(2);
        NetworkFile.Load(parametersOnly, new MemoryStream(file));
        Train(parametersOnly, Create<T>(optimizer, fresh: true), steps / 2, steps);
        Assert.NotEqual(Bits(straight), Bits(parametersOnly));
    }

    private static IOptimizer<T> Create<T>(string kind, bool fresh, int count = BinaryAdder<double>.ParameterCount) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T rate = T.CreateChecked(fresh ? 0.3 : 0.05);
        return kind switch
        {
            "sgd" => new SgdOptimizer<T>(count, rate),
            "sgd with momentum" => new SgdOptimizer<T>(count, rate, T.CreateChecked(fresh ? 0.5 : 0.9)),
            "adagrad" => new AdagradOptimizer<T>(count, rate),
            _ => new AdamOptimizer<T>(count, rate),
        };
    }

    /// <summary>Steps [from, to) of a fixed stream of random sequences: the same data whether or not training stops in between.</summary>
    private static void Train<T>(IRecurrentNetwork<T> network, IOptimizer<T> optimizer, int from, int to) where T : INumber<T>
    {
        int inputs = network.Shape.Steps * network.Shape.Inputs, outputs = network.Shape.Steps * network.Shape.Outputs;
        var x = new T[inputs];
        var y = new T[outputs];
        var prediction = new T[outputs];
        for (int step = from; step < to; step++)
        {
            var random = new Random(1000 + step);
            for (int i = 0; i < inputs; i++)
                x[i] = T.CreateChecked(random.Next(2));
            for (int i = 0; i < outputs; i++)
                y[i] = T.CreateChecked(random.NextDouble());
            network.ZeroGradients();
            network.Forward(x, prediction);
            network.Backward(y);
            optimizer.Step(network.Parameters, network.Gradients);
        }
    }

    private static byte[] Checkpoint<T>(IRecurrentNetwork<T> network, IOptimizer<T> optimizer, int steps, IReadOnlyDictionary<string, string>? metadata = null)
        where T : INumber<T>
    {
        Train(network, optimizer, 0, steps);
        var stream = new MemoryStream();
        NetworkFile.Save(network, optimizer, stream, metadata);
        return stream.ToArray();
    }

    private static byte[] Bits<T>(IRecurrentNetwork<T> network) where T : unmanaged, INumber<T> =>
        MemoryMarshal.AsBytes(network.Parameters).ToArray();

    /// <summary>An optimizer of the user's own, whose state no file format knows.</summary>
    private sealed class HalvingOptimizer(int parameterCount) : IOptimizer<float>
    {
        public int ParameterCount { get; } = parameterCount;

        public float LearningRate { get; set; } = 0.5f;

        public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
        {
            for (int p = 0; p < parameters.Length; p++)
                parameters[p] -= LearningRate * gradients[p];
        }

        public void Reset()
        {
        }
    }
}
