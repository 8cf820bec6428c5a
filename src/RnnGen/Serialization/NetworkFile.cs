using System;
using System.Collections.Generic;
using System.IO;
using System.Numerics;

namespace RnnGen;

/// <summary>
/// Saves and loads a network's parameters with its shape and element type, and optionally an optimizer's settings and
/// state (a checkpoint training resumes from exactly), in the versioned, checksummed binary format of
/// docs/file-format.md. Saving to a path replaces the file atomically: a failure or a crash while writing leaves the
/// previous file as it was. Loading checks everything before it writes anything: a file of another shape, a truncated
/// or corrupted file, another optimizer, or (unless conversion is asked for) another element type is an exception,
/// and the network and optimizer keep what they had.
/// </summary>
public static class NetworkFile
{
    /// <summary>The format version <c>Save</c> writes (the two bytes after the magic "RNNGEN"); <c>Load</c> also reads version 1.</summary>
    public const ushort FormatVersion = NetworkFileFormat.Version2;

    /// <summary>Writes <paramref name="network"/>'s shape, element type and parameters to a file, replacing it atomically.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not Half, float or double (nothing is written).</exception>
    public static void Save<T>(IRecurrentNetwork<T> network, string path) where T : INumber<T> =>
        Save(network, optimizer: null, path, metadata: null);

    /// <summary>Writes <paramref name="network"/>'s shape, element type and parameters to <paramref name="stream"/>.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not Half, float or double.</exception>
    public static void Save<T>(IRecurrentNetwork<T> network, Stream stream) where T : INumber<T> =>
        Save(network, optimizer: null, stream, metadata: null);

    /// <summary>
    /// Writes a checkpoint: the network, and <paramref name="optimizer"/>'s kind, settings and state, so that
    /// <see cref="Load{T}(IRecurrentNetwork{T}, IOptimizer{T}, string, bool)"/> resumes training bit for bit. The file is
    /// replaced atomically.
    /// </summary>
    /// <exception cref="NotSupportedException">The optimizer is not an <see cref="SgdOptimizer{T}"/>, <see cref="AdagradOptimizer{T}"/> or
    /// <see cref="AdamOptimizer{T}"/>, or <typeparamref name="T"/> is not Half, float or double (nothing is written).</exception>
    public static void Save<T>(IRecurrentNetwork<T> network, IOptimizer<T> optimizer, string path) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Save(network, optimizer, path, metadata: null);
    }

    /// <summary>Writes a checkpoint (network, optimizer kind, settings and state) to <paramref name="stream"/>.</summary>
    public static void Save<T>(IRecurrentNetwork<T> network, IOptimizer<T> optimizer, Stream stream) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Save(network, optimizer, stream, metadata: null);
    }

    /// <summary>
    /// Writes the network, the optimizer's state if one is given, and <paramref name="metadata"/> (text entries for the
    /// caller's own use, such as where in its data training stopped; <see cref="NetworkFileHeader.Metadata"/> reads them
    /// back), replacing the file atomically.
    /// </summary>
    public static void Save<T>(IRecurrentNetwork<T> network, IOptimizer<T>? optimizer, string path, IReadOnlyDictionary<string, string>? metadata)
        where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes = Encode(network, optimizer, metadata);   // every argument problem surfaces before the disk is touched
        AtomicFile.Replace(path, stream => stream.Write(bytes));
    }

    /// <summary>Writes the network, the optimizer's state if one is given, and <paramref name="metadata"/> to <paramref name="stream"/>.</summary>
    public static void Save<T>(IRecurrentNetwork<T> network, IOptimizer<T>? optimizer, Stream stream, IReadOnlyDictionary<string, string>? metadata)
        where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Encode(network, optimizer, metadata));
    }

    /// <summary>Loads parameters from a file into <paramref name="network"/>; see <see cref="Load{T}(IRecurrentNetwork{T}, Stream, bool)"/>.</summary>
    public static void Load<T>(IRecurrentNetwork<T> network, string path, bool convertElementType = false) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream stream = File.OpenRead(path);
        Load(network, stream, convertElementType);
    }

    /// <summary>
    /// Loads parameters into <paramref name="network"/>, which must have the file's shape; optimizer state in the file is
    /// ignored. The file's element type must be <typeparamref name="T"/> unless <paramref name="convertElementType"/> is
    /// true, in which case every value is rounded to <typeparamref name="T"/> (a value it cannot hold is an error, not an
    /// infinity).
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is not a complete, intact network file.</exception>
    /// <exception cref="ArgumentException">The file's shape is not the network's.</exception>
    /// <exception cref="InvalidOperationException">The file holds another element type and conversion was not asked for.</exception>
    public static void Load<T>(IRecurrentNetwork<T> network, Stream stream, bool convertElementType = false) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        VerifiedFile file = ReadFor(network, stream, convertElementType);
        T[] parameters = file.Parameters<T>();   // decoded in full first, so a failure leaves the network as it was
        parameters.CopyTo(network.Parameters);
    }

    /// <summary>Loads a checkpoint into <paramref name="network"/> and <paramref name="optimizer"/>; see <see cref="Load{T}(IRecurrentNetwork{T}, IOptimizer{T}, Stream, bool)"/>.</summary>
    public static void Load<T>(IRecurrentNetwork<T> network, IOptimizer<T> optimizer, string path, bool convertElementType = false) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream stream = File.OpenRead(path);
        Load(network, optimizer, stream, convertElementType);
    }

    /// <summary>
    /// Loads a checkpoint: the parameters into <paramref name="network"/>, and the optimizer's settings (learning rate,
    /// momentum, β₁, β₂, ε: the file's replace the optimizer's) and state into <paramref name="optimizer"/>, which must be
    /// of the file's kind and size. Training continues exactly as if it had never stopped. Nothing changes unless
    /// everything loads.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is not a complete, intact network file.</exception>
    /// <exception cref="ArgumentException">The file's shape is not the network's, or its optimizer (or the lack of one) is
    /// not <paramref name="optimizer"/>'s kind and size; the message names both.</exception>
    /// <exception cref="InvalidOperationException">The file holds another element type and conversion was not asked for.</exception>
    /// <exception cref="NotSupportedException">The optimizer is not one whose state a file can hold.</exception>
    public static void Load<T>(IRecurrentNetwork<T> network, IOptimizer<T> optimizer, Stream stream, bool convertElementType = false) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(stream);
        IResumableOptimizer<T> resumable = Resumable(optimizer);
        VerifiedFile file = ReadFor(network, stream, convertElementType);
        NetworkFileHeader header = file.Header;
        if (header.Optimizer != resumable.Kind || header.ParameterCount != optimizer.ParameterCount)
        {
            string held = header.Optimizer is { } kind ? $"the state of an {Describe(kind, header.ParameterCount)}" : "no optimizer state";
            throw new ArgumentException($"The file holds {held}; this optimizer is an {Describe(resumable.Kind, optimizer.ParameterCount)}.", nameof(optimizer));
        }

        T[] parameters = file.Parameters<T>();
        OptimizerState<T> state = file.Optimizer<T>();
        try
        {
            resumable.RestoreState(state);   // checks every setting before it changes anything
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw new InvalidDataException($"The file's {header.Optimizer} settings are out of range: {exception.Message}", exception);
        }
        parameters.CopyTo(network.Parameters);
    }

    /// <summary>Reads and verifies a whole file and returns what its header says.</summary>
    /// <exception cref="InvalidDataException">The stream is not a complete, intact network file.</exception>
    public static NetworkFileHeader ReadHeader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return NetworkFileFormat.Read(stream).Header;
    }

    /// <summary>Reads and verifies a whole file and returns what its header says.</summary>
    public static NetworkFileHeader ReadHeader(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream stream = File.OpenRead(path);
        return ReadHeader(stream);
    }

    private static byte[] Encode<T>(IRecurrentNetwork<T> network, IOptimizer<T>? optimizer, IReadOnlyDictionary<string, string>? metadata)
        where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        OptimizerState<T>? state = null;
        if (optimizer is not null)
        {
            if (optimizer.ParameterCount != network.Parameters.Length)
                throw new ArgumentException($"The optimizer is sized for {optimizer.ParameterCount} parameters; the network has {network.Parameters.Length}.", nameof(optimizer));
            state = Resumable(optimizer).CaptureState();
        }
        return NetworkFileFormat.Encode<T>(network.Shape, network.Parameters, state, metadata);
    }

    /// <summary>Reads the whole file and checks that it fits <paramref name="network"/>.</summary>
    private static VerifiedFile ReadFor<T>(IRecurrentNetwork<T> network, Stream stream, bool convertElementType) where T : INumber<T>
    {
        VerifiedFile file = NetworkFileFormat.Read(stream);
        NetworkFileHeader header = file.Header;
        if (header.Shape != network.Shape)
            throw new ArgumentException($"The file holds a network of shape {header.Shape}; this network's shape is {network.Shape} "
                + $"({header.Shape.DescribeDifference(network.Shape, "in the file", "in this network")}).", nameof(network));
        if (header.ElementType != typeof(T) && !convertElementType)
            throw new InvalidOperationException($"The file holds {header.ElementType.Name} parameters and this network is {typeof(T).Name}; pass convertElementType: true to round them.");
        return file;
    }

    private static IResumableOptimizer<T> Resumable<T>(IOptimizer<T> optimizer) where T : INumber<T> =>
        optimizer as IResumableOptimizer<T>
        ?? throw new NotSupportedException($"Network files hold the state of SgdOptimizer, AdagradOptimizer and AdamOptimizer, not {optimizer.GetType().Name}.");

    private static string Describe(OptimizerKind kind, int parameterCount) => $"{OptimizerKinds.ClassName(kind)} for {parameterCount:N0} parameters";
}
