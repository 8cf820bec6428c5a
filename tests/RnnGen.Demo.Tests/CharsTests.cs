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
