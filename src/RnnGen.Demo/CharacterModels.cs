using System;
using System.IO;

namespace RnnGen.Demo;

/// <summary>
/// The character models <c>chars</c> offers (<c>--model</c>): min-char-rnn's one layer of 100 tanh units over 25
/// characters (<see cref="CharacterModel{T}"/>), and char-rnn's default, two LSTM layers of 128 units over 50
/// characters (<see cref="CharRnnModel{T}"/>).
/// </summary>
internal static class CharacterModels
{
    public const string MinCharRnn = "min-char-rnn", CharRnn = "char-rnn";

    /// <summary>char-rnn's <c>-seq_length</c>: characters per training chunk of its default model.</summary>
    public const int CharRnnSteps = 50;

    public static readonly string[] Names = [MinCharRnn, CharRnn];

    /// <summary>A new network of the named model, initialized as its original does: ±0.01 (min-char-rnn's randn·0.01, uniform here), ±0.08 (char-rnn's -param_init).</summary>
    public static IBatchNetwork<float> Create(string name, int seed)
    {
        var random = new Random(seed);
        switch (name)
        {
            case CharRnn:
                var stacked = new CharRnnModel<float>();
                stacked.Initialize(random, 0.08);
                return stacked;
            default:
                var single = new CharacterModel<float>();
                single.Initialize(random, 0.01);
                return single;
        }
    }

    /// <summary>The model whose shape a saved file holds (a network file's header, or a safetensors file's metadata), loaded from it.</summary>
    public static ITokenNetwork<float> Load(string path)
    {
        IOException? first = null;
        foreach (string name in Names)
        {
            ITokenNetwork<float> network = Create(name, seed: 0);
            try
            {
                CheckpointFiles.Load(network, path);
                return network;
            }
            catch (IOException exception) when (exception.InnerException is ArgumentException)
            {
                first ??= exception;   // another shape: try the next model
            }
        }
        throw first!;
    }

    /// <summary>How PyTorch declares the network's layers, for the message after writing safetensors.</summary>
    public static string PyTorchModules(NetworkShape shape) =>
        $"rnn = nn.{(shape.Cell == CellKind.Lstm ? "LSTM" : "RNN")}({shape.Inputs}, {shape.Hidden}{(shape.Layers > 1 ? $", num_layers={shape.Layers}" : "")}), fc = nn.Linear({shape.Hidden}, {shape.Outputs}), softmax after fc";
}
