using System;
using System.IO;
using System.Linq;
using Xunit;

namespace RnnGen.Demo.Tests;

/// <summary>The character model: trains on a tiny budget, saves, resumes, samples, and refuses bad checkpoints.</summary>
public class CharsTests
{
    private const string Text = "the quick brown fox jumps over the lazy dog.\nthe quick brown fox jumps over the lazy dog.\n";

    [Fact]
    public void Trains_saves_and_samples()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("text.txt"), Text);
        string checkpoint = directory.File("model.rnn");
        DemoRun train = DemoRun.Of("chars", "--text", directory.File("text.txt"), "--iterations", "300", "--sample-every", "150",
            "--sample-length", "40", "--save", checkpoint, "--out", directory.Path);

        Assert.Equal(0, train.ExitCode);
        Assert.Equal(2, train.Output.Split('\n').Count(line => line.StartsWith("---- iteration", System.StringComparison.Ordinal)));
        Assert.Contains("Batches of 16 streams x 25 characters", train.Output);
        Assert.Equal(2, train.Output.Split('\n').Count(line => line.StartsWith("---- iteration", System.StringComparison.Ordinal)
            && line.EndsWith(" characters per second ----", System.StringComparison.Ordinal)));
        CsvFile csv = CsvFile.Read(directory.File("chars.csv"));
        Assert.Equal(["iteration", "loss", "smoothed_loss"], csv.Header);
        Assert.Equal([1.0, 100, 200, 300], csv.Numbers("iteration"));
        Assert.True(csv.Numbers("smoothed_loss")[^1] < csv.Numbers("loss")[0], "the loss goes down");
        AssertPng(directory.File("chars.png"));
        Assert.Equal(CharacterModelShape, NetworkFile.ReadHeader(checkpoint).Shape);

        DemoRun resume = DemoRun.Of("chars", "--text", directory.File("text.txt"), "--iterations", "10", "--sample-every", "10",
            "--load", checkpoint, "--out", directory.Path);
        Assert.Equal(0, resume.ExitCode);

        DemoRun sample = DemoRun.Of("chars", "sample", "--load", checkpoint, "--length", "120", "--prime", "the ");
        Assert.Equal(0, sample.ExitCode);
        Assert.StartsWith("the ", sample.Output);
        Assert.Equal("the ".Length + 120, sample.Output.TrimEnd('\n').Length);
    }

    [Fact]
    public void Trains_char_rnns_two_layer_lstm_and_samples_from_it()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("text.txt"), Text);
        string checkpoint = directory.File("char-rnn.rnn");
        DemoRun train = DemoRun.Of("chars", "--model", "char-rnn", "--text", directory.File("text.txt"), "--iterations", "4",
            "--sample-every", "4", "--sample-length", "20", "--save", checkpoint, "--out", directory.Path);

        Assert.Equal(0, train.ExitCode);
        Assert.Contains("char-rnn, Lstm", train.Output);
        NetworkShape shape = NetworkFile.ReadHeader(checkpoint).Shape;
        Assert.Equal((CellKind.Lstm, 2, 128, 50, true), (shape.Cell, shape.Layers, shape.Hidden, shape.Steps, shape.Bias));

        // chars sample finds the model in the file.
        DemoRun sample = DemoRun.Of("chars", "sample", "--load", checkpoint, "--length", "30", "--prime", "the ");
        Assert.Equal(0, sample.ExitCode);
        Assert.Equal("the ".Length + 30, sample.Output.TrimEnd('\n').Length);

        DemoRun unknown = DemoRun.Of("chars", "--model", "lstm", "--iterations", "1");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("min-char-rnn, char-rnn", unknown.Output + unknown.Error);
    }

    [Fact]
    public void Sampling_takes_a_temperature_and_top_k()
    {
        using var directory = new TempDirectory();
        string checkpoint = TrainCheckpoint(directory, iterations: 100, "--top-k", "3");

        // Top-1 takes the most probable character every time, whatever the seed and the temperature.
        string SampleWith(params string[] options) =>
            DemoRun.Of(["chars", "sample", "--load", checkpoint, "--length", "60", "--prime", "the ", .. options]).Output;
        string greedy = SampleWith("--top-k", "1");
        Assert.Equal("the ".Length + 60, greedy.TrimEnd('\n').Length);
        Assert.Equal(greedy, SampleWith("--top-k", "1", "--seed", "5"));
        Assert.Equal(greedy, SampleWith("--top-k", "1", "--seed", "9", "--temperature", "3"));
        Assert.Equal(SampleWith("--seed", "3", "--top-k", "5"), SampleWith("--seed", "3", "--top-k", "5"));

        DemoRun bad = DemoRun.Of("chars", "sample", "--load", checkpoint, "--top-k", "-1");
        Assert.Equal(2, bad.ExitCode);
    }

    [Fact]
    public void Resuming_from_a_checkpoint_continues_exactly_where_training_stopped()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("text.txt"), Text);
        string[] common = ["chars", "--text", directory.File("text.txt"), "--sample-length", "10", "--out", directory.Path];
        Assert.Equal(0, DemoRun.Of([.. common, "--iterations", "40", "--sample-every", "40", "--save", directory.File("straight.rnn")]).ExitCode);
        Assert.Equal(0, DemoRun.Of([.. common, "--iterations", "17", "--sample-every", "17", "--save", directory.File("half.rnn")]).ExitCode);

        DemoRun resume = DemoRun.Of([.. common, "--iterations", "23", "--sample-every", "23", "--seed", "7",
            "--load", directory.File("half.rnn"), "--save", directory.File("resumed.rnn")]);

        Assert.Equal(0, resume.ExitCode);
        Assert.Contains("Resumed at iteration 17:", resume.Output);
        Assert.Contains("---- iteration 40,", resume.Output);
        // Same weights, same Adagrad sums, same place in the text and carried state, same smoothed loss: the same bytes.
        Assert.Equal(File.ReadAllBytes(directory.File("straight.rnn")), File.ReadAllBytes(directory.File("resumed.rnn")));
        Assert.Equal(OptimizerKind.Adagrad, NetworkFile.ReadHeader(directory.File("resumed.rnn")).Optimizer);
    }

    [Fact]
    public void The_thread_count_changes_nothing_but_the_speed()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("text.txt"), Text);
        string[] common = ["chars", "--text", directory.File("text.txt"), "--iterations", "30", "--sample-every", "30", "--batch", "5",
            "--sample-length", "10", "--out", directory.Path];
        Assert.Equal(0, DemoRun.Of([.. common, "--threads", "1", "--save", directory.File("one.rnn")]).ExitCode);
        DemoRun two = DemoRun.Of([.. common, "--threads", "2", "--save", directory.File("two.rnn")]);

        Assert.Equal(0, two.ExitCode);
        Assert.Contains("Batches of 5 streams x 25 characters on up to 2 threads.", two.Output);
        Assert.Equal(File.ReadAllBytes(directory.File("one.rnn")), File.ReadAllBytes(directory.File("two.rnn")));
    }

    [Fact]
    public void Resuming_with_another_batch_keeps_the_weights_and_starts_the_streams_over()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("text.txt"), Text);
        string[] common = ["chars", "--text", directory.File("text.txt"), "--sample-length", "10", "--out", directory.Path];
        Assert.Equal(0, DemoRun.Of([.. common, "--iterations", "5", "--sample-every", "5", "--batch", "3", "--save", directory.File("three.rnn")]).ExitCode);

        DemoRun resume = DemoRun.Of([.. common, "--iterations", "5", "--sample-every", "5", "--batch", "2", "--load", directory.File("three.rnn")]);

        Assert.Equal(0, resume.ExitCode);
        Assert.Contains("Another text or number of streams (--batch)", resume.Output);
    }

    [Theory]
    [InlineData("--batch", "0")]
    [InlineData("--threads", "0")]
    [InlineData("--batch", "many")]
    public void A_bad_batch_or_thread_count_prints_usage(string option, string value)
    {
        DemoRun run = DemoRun.Of("chars", "--iterations", "5", option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(option, run.ErrorLines[0]);
    }

    [Fact]
    public void A_learning_rate_given_on_resume_replaces_the_checkpoints()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("text.txt"), Text);
        string[] common = ["chars", "--text", directory.File("text.txt"), "--iterations", "3", "--sample-every", "3", "--out", directory.Path];
        Assert.Equal(0, DemoRun.Of([.. common, "--save", directory.File("first.rnn")]).ExitCode);

        DemoRun resume = DemoRun.Of([.. common, "--lr", "0.5", "--load", directory.File("first.rnn"), "--save", directory.File("second.rnn")]);

        Assert.Equal(0, resume.ExitCode);
        Assert.Contains("Learning rate 0.5 from --lr; the checkpoint's was 0.1.", resume.Output);
        var optimizer = new AdagradOptimizer<float>(CharacterModel<float>.ParameterCount, 0.1f);
        NetworkFile.Load(new CharacterModel<float>(), optimizer, directory.File("second.rnn"));
        Assert.Equal(0.5f, optimizer.LearningRate);
    }

    [Fact]
    public void A_checkpoint_without_optimizer_state_resumes_its_weights_with_a_fresh_optimizer()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("text.txt"), Text);
        NetworkFile.Save(new CharacterModel<float>(), directory.File("weights.rnn"));

        DemoRun run = DemoRun.Of("chars", "--text", directory.File("text.txt"), "--iterations", "5", "--sample-every", "5",
            "--load", directory.File("weights.rnn"), "--out", directory.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("No optimizer state in the checkpoint", run.Output);
    }

    [Fact]
    public void A_checkpoint_of_another_optimizer_is_one_clear_error()
    {
        using var directory = new TempDirectory();
        var network = new CharacterModel<float>();
        NetworkFile.Save(network, new AdamOptimizer<float>(CharacterModel<float>.ParameterCount, 0.001f), directory.File("adam.rnn"));

        DemoRun run = DemoRun.Of("chars", "--iterations", "5", "--load", directory.File("adam.rnn"), "--out", directory.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("AdamOptimizer", run.Error);
        Assert.Contains("AdagradOptimizer", run.Error);
    }

    [Fact]
    public void A_corrupted_checkpoint_is_one_clear_error()
    {
        using var directory = new TempDirectory();
        string checkpoint = TrainCheckpoint(directory, iterations: 5);
        byte[] bytes = File.ReadAllBytes(checkpoint);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(checkpoint, bytes);

        DemoRun run = DemoRun.Of("chars", "sample", "--load", checkpoint);
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("checksum", run.Error);
    }

    [Fact]
    public void Sample_needs_a_checkpoint()
    {
        DemoRun run = DemoRun.Of("chars", "sample");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: 'chars sample' needs --load FILE.", run.ErrorLines[0]);
    }

    [Fact]
    public void Writes_ONNX_and_safetensors_and_samples_from_safetensors()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("text.txt"), Text);
        string checkpoint = directory.File("model.rnn"), onnx = directory.File("chars.onnx"), weights = directory.File("chars.safetensors");
        DemoRun train = DemoRun.Of("chars", "--text", directory.File("text.txt"), "--iterations", "20", "--sample-every", "20",
            "--save", checkpoint, "--onnx", onnx, "--safetensors", weights, "--out", directory.Path);
        Assert.Equal(0, train.ExitCode);
        Assert.Contains($"Wrote {onnx}", train.Output);
        Assert.Contains($"Wrote {weights}", train.Output);

        // The safetensors file holds exactly the checkpoint's parameters, under PyTorch's names.
        var fromCheckpoint = new CharacterModel<float>();
        NetworkFile.Load(fromCheckpoint, checkpoint);
        var fromSafeTensors = new CharacterModel<float>();
        SafeTensors.Load(fromSafeTensors, weights);
        Assert.Equal(fromCheckpoint.Parameters.ToArray(), fromSafeTensors.Parameters.ToArray());
        Assert.True(File.ReadAllBytes(weights).AsSpan().IndexOf("\"rnn.weight_ih_l0\""u8) > 0);

        // An ONNX model: a protobuf ModelProto whose first field is ir_version, produced by RnnGen.
        byte[] model = File.ReadAllBytes(onnx);
        Assert.Equal(0x08, model[0]);
        Assert.True(model.AsSpan().IndexOf("RnnGen"u8) > 0);

        DemoRun sampleCheckpoint = DemoRun.Of("chars", "sample", "--load", checkpoint, "--length", "60", "--seed", "3");
        DemoRun sampleSafeTensors = DemoRun.Of("chars", "sample", "--load", weights, "--length", "60", "--seed", "3");
        Assert.Equal(0, sampleSafeTensors.ExitCode);
        Assert.Equal(sampleCheckpoint.Output, sampleSafeTensors.Output);
    }

    [Theory]
    [InlineData("--onnx", "model.txt", ".onnx")]
    [InlineData("--safetensors", "model.onnx", ".safetensors")]
    public void Export_files_need_their_extension(string option, string file, string extension)
    {
        using var directory = new TempDirectory();
        DemoRun run = DemoRun.Of("chars", "--iterations", "5", option, directory.File(file), "--out", directory.Path);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{option} must be a {extension} file path", run.ErrorLines[0]);
        Assert.False(File.Exists(directory.File(file)));
    }

    [Fact]
    public void Save_never_replaces_a_file_that_is_not_a_checkpoint()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("notes.txt"), "keep me");
        DemoRun run = DemoRun.Of("chars", "--iterations", "5", "--sample-every", "5", "--save", directory.File("notes.txt"), "--out", directory.Path);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("keep me", File.ReadAllText(directory.File("notes.txt")));
    }

    /// <summary>Trains the model on <see cref="Text"/> for a few iterations and saves it in <paramref name="directory"/>; returns the checkpoint's path.</summary>
    private static string TrainCheckpoint(TempDirectory directory, int iterations, params string[] options)
    {
        File.WriteAllText(directory.File("text.txt"), Text);
        string checkpoint = directory.File("model.rnn");
        string count = iterations.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, DemoRun.Of(["chars", "--text", directory.File("text.txt"), "--iterations", count, "--sample-every", count,
            "--save", checkpoint, "--out", directory.Path, .. options]).ExitCode);
        return checkpoint;
    }

    private static NetworkShape CharacterModelShape => new CharacterModel<float>().Shape;

    private static void AssertPng(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 10_000, $"{path} has {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
    }
}
