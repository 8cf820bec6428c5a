using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;

namespace RnnGen;

/// <summary>
/// Reads and writes a network's parameters as a safetensors file with PyTorch's names and layouts (API.md section 8):
/// <c>torch.nn.RNN/LSTM/GRU(Inputs, Hidden, num_layers=L, bias=Bias)</c> followed by <c>torch.nn.Linear(Hidden, Outputs,
/// bias=Bias)</c> holds the same network, so a model trained in PyTorch runs in RnnGen and the other way round.
/// </summary>
/// <remarks>
/// <para>
/// Elman networks need <c>HiddenActivation</c> Tanh or Relu (<c>nn.RNN</c>'s <c>nonlinearity</c>). Elman and LSTM have
/// one bias per gate where PyTorch has two: loading adds <c>bias_ih + bias_hh</c>, saving writes the bias as
/// <c>bias_ih</c> and zeros as <c>bias_hh</c>. GRU keeps both (b_x, b_h). The output activation is not part of a
/// PyTorch <c>state_dict</c>: apply it after <c>nn.Linear</c> in PyTorch.
/// </para>
/// <para>
/// Saving also writes the shape into <c>__metadata__</c> (<c>rnngen.cell</c>, <c>rnngen.hidden</c>, …, and
/// <c>format = pt</c>); loading a file with such metadata checks that it describes a network with the same weights
/// (every field but <c>Steps</c> and <c>Loss</c>). Files from PyTorch have no such metadata and are checked by their
/// tensors alone.
/// </para>
/// </remarks>
public static class SafeTensors
{
    /// <summary>Writes <paramref name="network"/>'s parameters to a safetensors file, replacing it.</summary>
    /// <inheritdoc cref="Save{T}(IRecurrentNetwork{T}, Stream, PyTorchNames?)"/>
    public static void Save<T>(IRecurrentNetwork<T> network, string path, PyTorchNames? names = null) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        CheckSavable(network);
        using FileStream stream = File.Create(path);
        Save(network, stream, names);
    }

    /// <summary>
    /// Writes <paramref name="network"/>'s parameters to <paramref name="stream"/> as a safetensors file in
    /// <typeparamref name="T"/>'s dtype (F16, F32 or F64) with PyTorch's tensor names.
    /// </summary>
    /// <param name="network">The network to save.</param>
    /// <param name="stream">Where the file goes.</param>
    /// <param name="names">The module names of the recurrent and the linear layer; <c>rnn</c> and <c>fc</c> by default.</param>
    /// <exception cref="ArgumentException">An Elman network whose hidden activation is not Tanh or Relu.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not Half, float or double.</exception>
    public static void Save<T>(IRecurrentNetwork<T> network, Stream stream, PyTorchNames? names = null) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        TensorElementType type = CheckSavable(network);
        NetworkShape shape = network.Shape;
        ReadOnlySpan<T> parameters = network.Parameters;
        int size = TensorElements.Size(type);

        var tensors = new List<(string, TensorElementType, int[], byte[])>();
        foreach (PyTorchTensor tensor in PyTorchLayout.Tensors(shape, names ?? PyTorchNames.Default))
        {
            var data = new byte[tensor.Length * size];
            if (!tensor.AddsToBlock)
            {
                for (int e = 0; e < tensor.Length; e++)
                    TensorElements.Write(data, type, e, double.CreateChecked(parameters[tensor.ParameterIndex(e)]));
            }
            tensors.Add((tensor.Name, type, tensor.Dimensions.Select(d => (int)d).ToArray(), data));
        }

        List<KeyValuePair<string, string>> metadata = [new("format", "pt"), .. ShapeMetadata.Entries(shape)];
        SafeTensorsFile.Write(stream, metadata, tensors);
    }

    /// <summary>Loads a safetensors file into <paramref name="network"/>.</summary>
    /// <inheritdoc cref="Load{T}(IRecurrentNetwork{T}, Stream, PyTorchNames?)"/>
    public static void Load<T>(IRecurrentNetwork<T> network, string path, PyTorchNames? names = null) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream stream = File.OpenRead(path);
        Load(network, stream, names);
    }

    /// <summary>
    /// Loads the parameters of a safetensors file with PyTorch's names into <paramref name="network"/>, rounding F16,
    /// BF16, F32 or F64 values to <typeparamref name="T"/>. Everything is checked before anything is written: a rejected
    /// file leaves the network unchanged.
    /// </summary>
    /// <param name="network">The network to load into; its shape says which tensors the file must hold.</param>
    /// <param name="stream">The file, read to its end.</param>
    /// <param name="names">The module names of the recurrent and the linear layer; <c>rnn</c> and <c>fc</c> by default.</param>
    /// <exception cref="InvalidDataException">The file is truncated or malformed: a header length past the file, a header that is not valid JSON of the safetensors form, offsets out of range, overlapping or leaving gaps.</exception>
    /// <exception cref="ArgumentException">
    /// The file does not hold this network: a missing tensor, one this shape does not have, a tensor of another shape or
    /// of a dtype other than F16, BF16, F32 and F64, a value too large for <typeparamref name="T"/>, RnnGen metadata
    /// describing another network, or an Elman network whose hidden activation is not Tanh or Relu.
    /// </exception>
    public static void Load<T>(IRecurrentNetwork<T> network, Stream stream, PyTorchNames? names = null) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        NetworkShape shape = network.Shape;
        PyTorchLayout.ThrowIfNoPyTorchCounterpart(shape, nameof(network));
        PyTorchTensor[] expected = PyTorchLayout.Tensors(shape, names ?? PyTorchNames.Default);

        SafeTensorsFile file = SafeTensorsFile.Read(stream);
        if (ShapeMetadata.Read(file.Metadata) is NetworkShape written && !ShapeMetadata.SameWeights(written, shape))
            throw new ArgumentException($"The file holds a {written} network; this network is {shape}: {written.DescribeDifference(shape, "in the file", "in this network")}.", nameof(network));
        Dictionary<string, SafeTensor> found = Match(file, expected, shape);

        // Decode everything into a separate array first, so a failure leaves the network as it was. Biases that add
        // up (Elman and LSTM's bias_ih + bias_hh) are summed in double and rounded to T once.
        var values = new double[shape.ParameterCount];
        foreach (PyTorchTensor tensor in expected)
        {
            SafeTensor stored = found[tensor.Name];
            TensorElementType type = stored.ElementType!.Value;
            ReadOnlySpan<byte> data = file.Data(stored);
            for (int e = 0; e < tensor.Length; e++)
            {
                ref double value = ref values[tensor.ParameterIndex(e)];
                value = tensor.AddsToBlock ? value + TensorElements.Read(data, type, e) : TensorElements.Read(data, type, e);
            }
        }

        var rounded = new T[values.Length];
        for (int p = 0; p < values.Length; p++)
        {
            rounded[p] = T.CreateTruncating(values[p]);
            if (double.IsFinite(values[p]) && !double.IsFinite(double.CreateTruncating(rounded[p])))
                throw new ArgumentException($"Parameter {p} is {values[p]}, too large for {typeof(T).Name}.", nameof(network));
        }
        rounded.CopyTo(network.Parameters);
    }

    /// <summary>Finds every expected tensor in the file and checks its shape and dtype; a tensor too many or too few is an error.</summary>
    private static Dictionary<string, SafeTensor> Match(SafeTensorsFile file, PyTorchTensor[] expected, NetworkShape shape)
    {
        var found = file.Tensors.ToDictionary(tensor => tensor.Name, StringComparer.Ordinal);
        foreach (PyTorchTensor tensor in expected)
        {
            string expectedShape = SafeTensor.FormatShape(tensor.Dimensions);
            if (!found.TryGetValue(tensor.Name, out SafeTensor? stored))
            {
                throw new ArgumentException(
                    $"The file has no tensor '{tensor.Name}' (expected shape {expectedShape}) for a {shape} network; it holds {Describe(file.Tensors)}. " +
                    "If the PyTorch module names its layers otherwise, pass PyTorchNames.");
            }
            if (!stored.Dimensions.AsSpan().SequenceEqual(tensor.Dimensions))
                throw new ArgumentException($"Tensor '{tensor.Name}' has shape {stored.ShapeText}; a {shape} network needs {expectedShape}.");
            if (stored.ElementType is null)
                throw new ArgumentException($"Tensor '{tensor.Name}' {stored.ShapeText} has dtype {stored.DType}; RnnGen reads F16, BF16, F32 and F64.");
        }
        foreach (SafeTensor stored in file.Tensors)
        {
            if (Array.FindIndex(expected, tensor => tensor.Name == stored.Name) < 0)
            {
                throw new ArgumentException(
                    $"Tensor '{stored.Name}' {stored.ShapeText} is not part of a {shape} network (expected shape: none); it needs exactly {string.Join(", ", expected.Select(tensor => tensor.Name))}.");
            }
        }
        return found;
    }

    private static string Describe(IReadOnlyList<SafeTensor> tensors) =>
        tensors.Count == 0 ? "no tensors" : string.Join(", ", tensors.Take(12).Select(tensor => $"'{tensor.Name}' {tensor.ShapeText}")) + (tensors.Count > 12 ? ", …" : "");

    private static TensorElementType CheckSavable<T>(IRecurrentNetwork<T> network) where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(network);
        PyTorchLayout.ThrowIfNoPyTorchCounterpart(network.Shape, nameof(network));
        return TensorElements.Of<T>();
    }
}
