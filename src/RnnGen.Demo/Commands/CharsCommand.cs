using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Spectre.Console;

namespace RnnGen.Demo.Commands;

/// <summary>
/// The character-level language model, as in the classic min-char-rnn: 100 tanh units read 25 characters at a time as
/// tokens, a softmax predicts each next character, and Adagrad with element-wise clipping trains it by truncated
/// backpropagation through time, carrying the state from one chunk to the next. <c>--model char-rnn</c> trains
/// char-rnn's default model instead: two stacked LSTM layers of 128 units over 50 characters. It trains in batches
/// (--batch streams through the text, one chunk of each per iteration, on --threads threads) and prints the characters
/// per second. Prints samples as it learns, saves and resumes checkpoints, draws the loss curve, and writes the model as ONNX and as PyTorch's safetensors if asked.
/// </summary>
internal sealed class CharsCommand : IDemoCommand
{
    private static readonly string[] CsvHeader = ["iteration", "loss", "smoothed_loss"];

    public CommandSpec Spec { get; } = new("chars", "a character-level language model: learns a text and writes more of it",
    [
        OptionSpec.ExistingFile("--text", "text to learn (default: RnnGen's own documentation, built into the app)"),
        CommonOptions.CharacterModel,
        OptionSpec.Integer("--iterations", "training iterations, each on the next chunk (25 characters, or 50 for char-rnn) of every stream", 20_000, 1, 100_000_000),
        OptionSpec.Integer("--batch", "streams through the text, trained together as one batch (1: one chunk at a time)", 16, 1, 4096),
        OptionSpec.Integer("--threads", "threads a batch may use", Environment.ProcessorCount, 1, 1024),
        OptionSpec.Integer("--sample-every", "iterations between printed samples", 5_000, 1, 100_000_000),
        OptionSpec.Integer("--sample-length", "characters per printed sample", 200, 1, 100_000),
        CommonOptions.Temperature(0.8),
        CommonOptions.TopK,
        CommonOptions.LearningRate(0.1),
        CommonOptions.WeightSeed,
        OptionSpec.ExistingFile("--load", "checkpoint to resume from, exactly (weights, Adagrad's state, place in the text), or a .safetensors file"),
        OptionSpec.NewFile("--save", "checkpoint to write at the end, atomically (an existing file is replaced only if it is a checkpoint)"),
        OptionSpec.NewFile("--onnx", "also write the model as ONNX, for ONNX Runtime (docs/interop.md)", ".onnx"),
        OptionSpec.NewFile("--safetensors", "also write the weights as safetensors with PyTorch's names (docs/interop.md)", ".safetensors"),
        CommonOptions.Out,
    ]);

    public void Execute(ParsedCommand command, DemoContext context)
    {
        IAnsiConsole console = context.Console;
        int iterations = command.Integer("--iterations"), sampleEvery = command.Integer("--sample-every");
        int sampleLength = command.Integer("--sample-length"), seed = command.Integer("--seed");
        string savePath = command.Text("--save");
        CheckpointFiles.EnsureReplaceable(savePath);

        IBatchNetwork<float> network = CharacterModels.Create(command.Text("--model"), seed);
        network.MaxDegreeOfParallelism = command.Integer("--threads");
        int[] symbols = CharacterVocabulary.Encode(CharacterModelTask.LoadCorpus(command.Text("--text")));
        if (symbols.Length < network.Shape.Steps + 1)
            throw new IOException($"The text has {symbols.Length} characters; the model needs at least {network.Shape.Steps + 1}.");

        var optimizer = new AdagradOptimizer<float>(network.Shape.ParameterCount, (float)command.Real("--lr"));
        var trainer = new CharacterTrainer(network, optimizer, symbols, command.Integer("--batch"));
        console.WriteLine($"{command.Text("--model")}, {network.Shape}: {network.Shape.ParameterCount:N0} parameters, in float.");
        if (command.IsGiven("--load"))
            Resume(console, command, network, optimizer, trainer);
        console.WriteLine($"Text: {symbols.Length:N0} characters; Adagrad, learning rate {optimizer.LearningRate}, gradients clipped to +-{CharacterTrainer.ClipLimit}.");
        console.WriteLine($"Batches of {trainer.Batch} streams x {network.Shape.Steps} characters on up to {network.MaxDegreeOfParallelism} threads.");

        var sampler = new TokenSampler(new Random(seed + 1000), command.Real("--temperature"), command.Integer("--top-k"));
        for (int done = 0; done < iterations;)
        {
            int segment = Math.Min(sampleEvery, iterations - done);
            var clock = new Stopwatch();
            ProgressBars.Run(console, progress =>
            {
                ProgressTask bar = progress.AddTask("training", maxValue: segment);
                for (int i = 1; i <= segment; i++)
                {
                    clock.Start();
                    trainer.Train();
                    clock.Stop();
                    if (i % ProgressBars.UpdateEvery == 0 || i == segment)
                        bar.Description = $"iteration {trainer.Iteration:N0}, smoothed loss {trainer.SmoothedLoss:F2}";
                    bar.Report(i);
                }
            });
            done += segment;
            double perSecond = (double)segment * trainer.CharactersPerIteration / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
            console.WriteLine($"---- iteration {trainer.Iteration:N0}, smoothed loss {trainer.SmoothedLoss:F2}, {perSecond:N0} characters per second ----");
            console.WriteLine(trainer.Sample(sampleLength, sampler));
            console.WriteLine("----");
        }

        if (savePath.Length > 0)
        {
            CheckpointFiles.Save(network, optimizer, trainer.Checkpoint(), savePath);
            console.WriteLine($"Saved {savePath}; resume with --load {savePath}, or sample with: chars sample --load {savePath}");
        }
        if (command.IsGiven("--onnx"))
        {
            OnnxExport.Save(network, command.Text("--onnx"));
            console.WriteLine($"Wrote {command.Text("--onnx")}: ONNX, x [steps, batch, {network.Shape.Inputs}] one-hot characters (and the initial states) in, y (and the final states) out");
        }
        if (command.IsGiven("--safetensors"))
        {
            SafeTensors.Save(network, command.Text("--safetensors"));
            console.WriteLine($"Wrote {command.Text("--safetensors")}: PyTorch's {CharacterModels.PyTorchModules(network.Shape)}");
        }
        string csv = context.Files.PathOf(OutputFiles.CharsCsv), png = context.Files.PathOf(OutputFiles.CharsPng);
        Csv.Write(csv, CsvHeader, trainer.History.Select(point => (IReadOnlyList<object>)[point.Iteration, point.Loss, point.SmoothedLoss]));
        Plotting.SavePng(png, [LossChart(trainer.History)], 900, 450);
        console.WriteLine($"Wrote {csv}");
        console.WriteLine($"Wrote {png}");
    }

    private static Chart LossChart(IReadOnlyList<LossPoint> history) => new(
        "Character model: loss per training chunk", "iteration", "cross-entropy (nats per chunk)",
        [
            new Series("loss", history.Select(p => (double)p.Iteration).ToArray(), history.Select(p => p.Loss).ToArray(), ColorIndex: 0),
            new Series("smoothed", history.Select(p => (double)p.Iteration).ToArray(), history.Select(p => p.SmoothedLoss).ToArray(), ColorIndex: 1),
        ],
        LogY: false);

    /// <summary>
    /// Takes up training where the checkpoint left it: parameters, Adagrad's state and settings, and the place in the text
    /// with the carried state. The learning rate is the checkpoint's, for an exact resume, unless --lr is given.
    /// </summary>
    private static void Resume(IAnsiConsole console, ParsedCommand command, ITokenNetwork<float> network, AdagradOptimizer<float> optimizer,
        CharacterTrainer trainer)
    {
        string path = command.Text("--load");
        NetworkFileHeader? header = CheckpointFiles.Resume(network, optimizer, path);
        bool resumedPosition = header?.Optimizer is not null && trainer.Resume(header.Metadata);
        console.WriteLine(resumedPosition
            ? $"Resumed at iteration {trainer.Iteration:N0}: parameters, Adagrad's state and the place in the text as saved in {path}."
            : header?.Optimizer is null
                ? $"No optimizer state in the checkpoint: its parameters, with a fresh Adagrad from the start of the text ({path})."
                : $"Another text or number of streams (--batch): the checkpoint's parameters and Adagrad's state, from the start of the streams ({path}).");
        if (header?.Optimizer is not null && command.IsGiven("--lr") && (float)command.Real("--lr") != optimizer.LearningRate)
        {
            console.WriteLine($"Learning rate {command.Real("--lr")} from --lr; the checkpoint's was {optimizer.LearningRate}.");
            optimizer.LearningRate = (float)command.Real("--lr");
        }
    }
}
