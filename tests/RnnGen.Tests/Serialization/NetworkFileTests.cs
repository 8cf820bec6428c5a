using System;
using System.IO;
using Xunit;

namespace RnnGen.Tests.Serialization;

/// <summary>Save and load: round trips, shape and element-type mismatches, and every truncation and single-bit flip of a file.</summary>
public class NetworkFileTests
{
    private static readonly NetworkShape SmallLstm = new(CellKind.Lstm, 2, 3, 2, 4, true, Activation.Sigmoid, Activation.Softmax, LossKind.CrossEntropy);

    [Theory]
    [InlineData(CellKind.Elman)]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    public void Round_trips_in_every_element_type(CellKind cell)
    {
        NetworkShape shape = SmallLstm with { Cell = cell };
        RoundTrip(new ReferenceNetwork<double>(shape, 1), new ReferenceNetwork<double>(shape));
        RoundTrip(new ReferenceNetwork<float>(shape, 2), new ReferenceNetwork<float>(shape));
        RoundTrip(new ReferenceNetwork<Half>(shape, 3), new ReferenceNetwork<Half>(shape));
    }

    [Fact]
    public void Generated_networks_save_and_load()
    {
        var trained = new BinaryAdder<float>(5);
        var path = Path.Combine(Path.GetTempPath(), $"rnngen-{Guid.NewGuid():N}.rnn");
        try
        {
            NetworkFile.Save(trained, path);
            NetworkFileHeader header = NetworkFile.ReadHeader(path);
            Assert.Equal(trained.Shape, header.Shape);
            Assert.Equal(typeof(float), header.ElementType);
            var loaded = new LoopedBinaryAdder<float>();
            NetworkFile.Load(loaded, path);
            Assert.Equal(trained.Parameters.ToArray(), loaded.Parameters.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(CellKind.Elman, 2)]
    [InlineData(CellKind.Lstm, 2)]
    [InlineData(CellKind.Gru, 3)]
    public void Stacked_layers_round_trip_and_the_header_records_them(CellKind cell, int layers)
    {
        NetworkShape shape = SmallLstm with { Cell = cell, Layers = layers };
        RoundTrip(new ReferenceNetwork<double>(shape, 1), new ReferenceNetwork<double>(shape));
        RoundTrip(new ReferenceNetwork<float>(shape, 2), new ReferenceNetwork<float>(shape));
        RoundTrip(new ReferenceNetwork<Half>(shape, 3), new ReferenceNetwork<Half>(shape));
        byte[] file = Bytes(new ReferenceNetwork<float>(shape, 4));
        Assert.Equal(layers, BitConverter.ToInt32(file, 32));
        NetworkFileHeader header = NetworkFile.ReadHeader(new MemoryStream(file));
        Assert.Equal(layers, header.Shape.Layers);
        Assert.Equal(shape, header.Shape);
    }

    [Fact]
    public void Generated_stacked_networks_save_and_load_into_the_reference_and_back()
    {
        var trained = new StackedLstm<float>(5);
        byte[] file = Bytes(trained);
        var reference = new ReferenceNetwork<float>(trained.Shape);
        NetworkFile.Load(reference, new MemoryStream(file));
        var looped = new LoopedStackedLstm<float>();
        NetworkFile.Load(looped, new MemoryStream(Bytes(reference)));
        Assert.Equal(trained.Parameters.ToArray(), looped.Parameters.ToArray());
        // One layer fewer is another shape.
        var shallow = new ReferenceNetwork<float>(trained.Shape with { Layers = 1 });
        var exception = Assert.Throws<ArgumentException>(() => NetworkFile.Load(shallow, new MemoryStream(file)));
        Assert.Contains("3-8-8-3", exception.Message);
        Assert.True(shallow.Parameters.IndexOfAnyExcept(0f) < 0);
    }

    [Fact]
    public void Another_shape_is_an_error_naming_both_shapes()
    {
        byte[] file = Bytes(new ReferenceNetwork<double>(SmallLstm, 1));
        var other = new ReferenceNetwork<double>(SmallLstm with { Hidden = 4 });
        var exception = Assert.Throws<ArgumentException>(() => NetworkFile.Load(other, new MemoryStream(file)));
        Assert.Contains(SmallLstm.ToString(), exception.Message);
        Assert.Contains(other.Shape.ToString(), exception.Message);
        Assert.True(other.Parameters.IndexOfAnyExcept(0.0) < 0, "a failed load leaves the parameters alone");
    }

    [Fact]
    public void Another_shape_is_an_error_saying_what_differs()
    {
        NetworkShape saved = SmallLstm with { Hidden = 32, Steps = 20 };
        byte[] file = Bytes(new ReferenceNetwork<double>(saved, 1));
        var other = new ReferenceNetwork<double>(SmallLstm);
        var exception = Assert.Throws<ArgumentException>(() => NetworkFile.Load(other, new MemoryStream(file)));
        Assert.Contains("Hidden is 32 in the file and 3 in this network", exception.Message);
        Assert.Contains("Steps is 20 in the file and 4 in this network", exception.Message);
        Assert.DoesNotContain("Inputs is", exception.Message);
    }

    [Fact]
    public void Saving_an_unsupported_element_type_leaves_an_existing_file_alone()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rnngen-{Guid.NewGuid():N}.rnn");
        try
        {
            var network = new LinearNetwork<decimal>();
            NetworkFile.Save(new ReferenceNetwork<double>(network.Shape, 2), path);
            byte[] before = File.ReadAllBytes(path);
            Assert.Throws<NotSupportedException>(() => NetworkFile.Save(network, path));
            Assert.Equal(before, File.ReadAllBytes(path));

            string missing = Path.Combine(Path.GetTempPath(), $"rnngen-{Guid.NewGuid():N}.rnn");
            Assert.Throws<NotSupportedException>(() => NetworkFile.Save(network, missing));
            Assert.False(File.Exists(missing), "a rejected save creates no file");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_mean_loss_network_keeps_its_reduction_in_version_2()
    {
        NetworkShape mean = SmallLstm with { LossReduction = LossReduction.Mean };
        byte[] file = Bytes(new ReferenceNetwork<float>(mean, 3));
        Assert.Equal((byte)LossReduction.Mean, file[14]);
        Assert.Equal(mean, NetworkFile.ReadHeader(new MemoryStream(file)).Shape);

        var loaded = new ReferenceNetwork<float>(mean);
        NetworkFile.Load(loaded, new MemoryStream(file));
        Assert.Equal(new ReferenceNetwork<float>(mean, 3).Parameters.ToArray(), loaded.Parameters.ToArray());

        // A network whose loss is summed is another network: the file does not load into it.
        var summed = new ReferenceNetwork<float>(SmallLstm);
        var exception = Assert.Throws<ArgumentException>(() => NetworkFile.Load(summed, new MemoryStream(file)));
        Assert.Contains("LossReduction is Mean in the file and Sum in this network", exception.Message);
    }

    [Fact]
    public void A_value_too_large_for_decimal_is_an_error()
    {
        var network = new LinearNetwork<decimal>();
        var source = new ReferenceNetwork<double>(network.Shape, 7);
        source.Parameters[5] = 1e300;
        var exception = Assert.Throws<InvalidOperationException>(() => NetworkFile.Load(network, new MemoryStream(Bytes(source)), convertElementType: true));
        Assert.Contains("Parameter 5", exception.Message);
        Assert.True(network.Parameters.IndexOfAnyExcept(0m) < 0, "a rejected load leaves the parameters alone");

        source.Parameters[5] = 0.25;
        NetworkFile.Load(network, new MemoryStream(Bytes(source)), convertElementType: true);
        Assert.Equal(0.25m, network.Parameters[5]);
    }

    [Fact]
    public void Another_element_type_needs_an_explicit_conversion()
    {
        var source = new ReferenceNetwork<double>(SmallLstm, 7);
        byte[] file = Bytes(source);
        var target = new ReferenceNetwork<float>(SmallLstm);
        var exception = Assert.Throws<InvalidOperationException>(() => NetworkFile.Load(target, new MemoryStream(file)));
        Assert.Contains("convertElementType", exception.Message);
        Assert.True(target.Parameters.IndexOfAnyExcept(0f) < 0);

        NetworkFile.Load(target, new MemoryStream(file), convertElementType: true);
        for (int p = 0; p < source.Parameters.Length; p++)
            Assert.Equal((float)source.Parameters[p], target.Parameters[p]);

        var half = new ReferenceNetwork<Half>(SmallLstm);
        NetworkFile.Load(half, new MemoryStream(Bytes(target)), convertElementType: true);
        Assert.Equal((Half)target.Parameters[0], half.Parameters[0]);
    }

    [Fact]
    public void A_value_too_large_for_the_target_type_is_an_error()
    {
        var source = new ReferenceNetwork<double>(SmallLstm, 7);
        source.Parameters[3] = 1e6;
        var target = new ReferenceNetwork<Half>(SmallLstm);
        Assert.Throws<InvalidOperationException>(() => NetworkFile.Load(target, new MemoryStream(Bytes(source)), convertElementType: true));
        Assert.True(target.Parameters.IndexOfAnyExcept(Half.Zero) < 0);
    }

    [Fact]
    public void Every_truncation_is_a_clear_error()
    {
        byte[] file = Bytes(new ReferenceNetwork<float>(SmallLstm with { Hidden = 1, Inputs = 1, Outputs = 2 }, 1));
        for (int length = 0; length < file.Length; length++)
        {
            var target = new ReferenceNetwork<float>(SmallLstm with { Hidden = 1, Inputs = 1, Outputs = 2 });
            var exception = Assert.Throws<InvalidDataException>(() => NetworkFile.Load(target, new MemoryStream(file, 0, length)));
            Assert.False(string.IsNullOrWhiteSpace(exception.Message));
            Assert.True(target.Parameters.IndexOfAnyExcept(0f) < 0, $"truncated at {length}: parameters changed");
        }
        byte[] longer = new byte[file.Length + 1];
        file.CopyTo(longer, 0);
        Assert.Throws<InvalidDataException>(() => NetworkFile.ReadHeader(new MemoryStream(longer)));
    }

    [Fact]
    public void Every_single_bit_flip_is_a_clear_error()
    {
        NetworkShape shape = SmallLstm with { Hidden = 1, Inputs = 1, Outputs = 2 };
        byte[] file = Bytes(new ReferenceNetwork<Half>(shape, 1));
        for (int bit = 0; bit < file.Length * 8; bit++)
        {
            byte[] flipped = (byte[])file.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            var target = new ReferenceNetwork<Half>(shape);
            Exception exception = Assert.ThrowsAny<Exception>(() => NetworkFile.Load(target, new MemoryStream(flipped)));
            // A flip in the shape fields is reported as a corrupted header or checksum, or, when it makes another valid
            // shape, as that shape not fitting; either way the message says what is wrong and nothing is loaded.
            Assert.True(exception is InvalidDataException or ArgumentException, $"bit {bit}: {exception.GetType().Name}: {exception.Message}");
            Assert.True(target.Parameters.IndexOfAnyExcept(Half.Zero) < 0, $"bit {bit}: parameters changed");
        }
    }

    /// <summary>Files written by the version-1 code (Fixtures/, made before version 2 existed) load as they always did.</summary>
    [Fact]
    public void Version_1_files_keep_loading()
    {
        AssertVersion1Fixture<Half>("v1-elman-half.rnn", new(CellKind.Elman, 2, 3, 2, 4, true, Activation.Tanh, Activation.Softmax, LossKind.CrossEntropy), 11);
        AssertVersion1Fixture<float>("v1-lstm-float.rnn", new(CellKind.Lstm, 2, 3, 1, 5, false, Activation.Sigmoid, Activation.Sigmoid, LossKind.SquaredError), 12);
        AssertVersion1Fixture<double>("v1-gru-double.rnn", new(CellKind.Gru, 3, 2, 2, 3, true, Activation.Sigmoid, Activation.Identity, LossKind.SquaredError), 13);
    }

    [Fact]
    public void Save_writes_version_2_with_one_layer()
    {
        byte[] file = Bytes(new ReferenceNetwork<float>(SmallLstm, 1));
        Assert.Equal("RNNGEN"u8.ToArray(), file[..6]);
        Assert.Equal(2, BitConverter.ToUInt16(file, 6));
        Assert.Equal(0, file[14]);                           // loss reduction: Sum
        Assert.Equal(0, file[15]);                           // no optimizer
        Assert.Equal(1, BitConverter.ToInt32(file, 32));     // layers
        Assert.Equal(SmallLstm.ParameterCount, BitConverter.ToInt32(file, 36));
        Assert.Equal(56 + (4 * SmallLstm.ParameterCount) + 4, file.Length);
    }

    [Theory]
    [InlineData(32, 2, "parameters, but its shape Lstm 2-3-3-2")]
    [InlineData(32, 0, "0 layers")]
    [InlineData(14, 2, "loss reduction 2")]
    public void Layer_counts_that_do_not_fit_the_parameters_and_undefined_reductions_are_refused(int offset, int value, string message)
    {
        byte[] file = Bytes(new ReferenceNetwork<float>(SmallLstm, 1));
        if (offset == 14)
            file[14] = (byte)value;
        else
            BitConverter.TryWriteBytes(file.AsSpan(offset), value);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(file.Length - 4), System.IO.Hashing.Crc32.HashToUInt32(file.AsSpan(0, file.Length - 4)));
        var target = new ReferenceNetwork<float>(SmallLstm);

        var exception = Assert.Throws<InvalidDataException>(() => NetworkFile.Load(target, new MemoryStream(file)));

        Assert.Contains(message, exception.Message);
        Assert.True(target.Parameters.IndexOfAnyExcept(0f) < 0);
    }

    [Fact]
    public void Not_a_network_file_says_so()
    {
        var exception = Assert.Throws<InvalidDataException>(() => NetworkFile.ReadHeader(new MemoryStream("hello, world, this is text not weights!"u8.ToArray())));
        Assert.Contains("RNNGEN", exception.Message);
    }

    private static void AssertVersion1Fixture<T>(string name, NetworkShape shape, int seed) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Serialization", "Fixtures", name);
        NetworkFileHeader header = NetworkFile.ReadHeader(path);
        Assert.Equal((1, shape, typeof(T), (OptimizerKind?)null), (header.FormatVersion, header.Shape, header.ElementType, header.Optimizer));

        var loaded = new ReferenceNetwork<T>(shape);
        NetworkFile.Load(loaded, path);
        Assert.Equal(new ReferenceNetwork<T>(shape, seed).Parameters.ToArray(), loaded.Parameters.ToArray());

        var optimizer = new SgdOptimizer<T>(shape.ParameterCount, T.CreateChecked(0.1));
        Assert.Contains("no optimizer state", Assert.Throws<ArgumentException>(() => NetworkFile.Load(new ReferenceNetwork<T>(shape), optimizer, path)).Message);

        // Saved again, it is a version-2 file with the same parameters.
        var resaved = new ReferenceNetwork<T>(shape);
        NetworkFile.Load(resaved, new MemoryStream(Bytes(loaded)));
        Assert.Equal(loaded.Parameters.ToArray(), resaved.Parameters.ToArray());
    }

    private static void RoundTrip<T>(ReferenceNetwork<T> source, ReferenceNetwork<T> target) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        NetworkFile.Load(target, new MemoryStream(Bytes(source)));
        Assert.Equal(source.Parameters.ToArray(), target.Parameters.ToArray());
    }

    private static byte[] Bytes<T>(IRecurrentNetwork<T> network) where T : System.Numerics.INumber<T>
    {
        var stream = new MemoryStream();
        NetworkFile.Save(network, stream);
        return stream.ToArray();
    }
}
