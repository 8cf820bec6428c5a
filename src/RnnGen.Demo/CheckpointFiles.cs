using System;
using System.Collections.Generic;
using System.IO;
using System.Numerics;

namespace RnnGen.Demo;

/// <summary>Checkpoints of the character model: loading turns every problem with the file into one clear error.</summary>
internal static class CheckpointFiles
{
    /// <summary>
    /// Loads the parameters of <paramref name="path"/> into <paramref name="network"/>, converting the element type if the
    /// file's differs: a network file, or a <c>.safetensors</c> file with PyTorch's names (rnn, fc).
    /// </summary>
    public static void Load<T>(IRecurrentNetwork<T> network, string path) where T : INumber<T> => Explained(path, () =>
    {
        if (IsSafeTensors(path))
            SafeTensors.Load(network, path);
        else
            NetworkFile.Load(network, path, convertElementType: true);
    });

    /// <summary>
    /// Loads a checkpoint to resume training from: the parameters, and the optimizer's settings and state when the
    /// file has them (a file without them, or a safetensors file, resumes with a fresh optimizer). Returns the file's
    /// header, or null for a safetensors file.
    /// </summary>
    public static NetworkFileHeader? Resume<T>(IRecurrentNetwork<T> network, IOptimizer<T> optimizer, string path) where T : INumber<T>
    {
        if (IsSafeTensors(path))
        {
            Load(network, path);
            return null;
        }
        NetworkFileHeader header = Explained(path, () => NetworkFile.ReadHeader(path));
        if (header.Optimizer is null)
            Load(network, path);
        else
            Explained(path, () => NetworkFile.Load(network, optimizer, path, convertElementType: true));
        return header;
    }

    /// <summary>Writes the network, the optimizer's state and <paramref name="metadata"/>, replacing <paramref name="path"/> atomically.</summary>
    public static void Save<T>(IRecurrentNetwork<T> network, IOptimizer<T> optimizer, IReadOnlyDictionary<string, string> metadata, string path)
        where T : INumber<T> =>
        NetworkFile.Save(network, optimizer, path, metadata);

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

    private static bool IsSafeTensors(string path) => path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase);

    private static void Explained(string path, Action load) => Explained(path, () =>
    {
        load();
        return 0;
    });

    private static TResult Explained<TResult>(string path, Func<TResult> load)
    {
        try
        {
            return load();
        }
        catch (Exception exception) when (exception is InvalidDataException or ArgumentException or InvalidOperationException)
        {
            throw new IOException($"cannot load '{path}': {exception.Message}", exception);
        }
    }
}
