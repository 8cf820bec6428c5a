using System;
using System.IO;

namespace RnnGen.Demo;

/// <summary>Checkpoints of the character model: loading turns every problem with the file into one clear error.</summary>
internal static class CheckpointFiles
{
    /// <summary>
    /// Loads <paramref name="path"/> into <paramref name="network"/>, converting the element type if the file's differs: a
    /// network file, or a <c>.safetensors</c> file with PyTorch's names (rnn, fc).
    /// </summary>
    public static void Load<T>(IRecurrentNetwork<T> network, string path) where T : System.Numerics.INumber<T>
    {
        try
        {
            if (path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
                SafeTensors.Load(network, path);
            else
                NetworkFile.Load(network, path, convertElementType: true);
        }
        catch (Exception exception) when (exception is InvalidDataException or ArgumentException or InvalidOperationException)
        {
            throw new IOException($"cannot load '{path}': {exception.Message}", exception);
        }
    }

    /// <summary>Refuses to replace a file that is not a checkpoint: the demo overwrites only its own files.</summary>
    public static void EnsureReplaceable(string path)
    {
        if (path.Length == 0 || !File.Exists(path))
            return;
        try
        {
            NetworkFile.ReadHeader(path);
        }
        catch (InvalidDataException)
        {
            throw new IOException($"'{path}' exists and is not a checkpoint; choose another --save file.");
        }
    }
}
