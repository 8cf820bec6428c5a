using System;
using System.Collections.Generic;

namespace RnnGen;

/// <summary>
/// One tensor of the <c>state_dict</c> of <c>nn.RNN/LSTM/GRU</c> + <c>nn.Linear</c> and the block of <c>Parameters</c> it
/// holds. PyTorch multiplies <c>weight · x</c>, RnnGen <c>x · W</c>, so weights are transposes: element [r, c] of a
/// weight tensor is element [c, r] of its block. The gate order is the same in both (LSTM i, f, g, o; GRU r, z, n).
/// </summary>
/// <param name="Name">The tensor's name in the <c>state_dict</c>.</param>
/// <param name="Rows">Rows of a weight; 1 for a bias vector.</param>
/// <param name="Columns">Columns of a weight; the length of a bias vector.</param>
/// <param name="Block">The block of <c>Parameters</c> the tensor holds.</param>
/// <param name="Transposed">True for weights: tensor [r, c] is block [c, r].</param>
/// <param name="AddsToBlock">
/// True for <c>bias_hh</c> of Elman and LSTM, which RnnGen folds into its one bias: loading adds it to what
/// <c>bias_ih</c> put in the block, saving writes zeros.
/// </param>
internal readonly record struct PyTorchTensor(string Name, int Rows, int Columns, ParameterBlock Block, bool Transposed, bool AddsToBlock)
{
    /// <summary>Number of elements.</summary>
    public int Length => Rows * Columns;

    /// <summary>PyTorch's shape: [Rows, Columns] for a weight, [Columns] for a bias.</summary>
    public long[] Dimensions => Transposed ? [Rows, Columns] : [Columns];

    /// <summary>The index in <c>Parameters</c> of element <paramref name="element"/> (row-major) of the tensor.</summary>
    public int ParameterIndex(int element)
    {
        if (!Transposed)
            return Block.Offset + element;
        int row = element / Columns, column = element % Columns;
        return Block.Offset + (column * Block.Columns) + row;
    }
}

/// <summary>The tensors PyTorch stores for the network of a <see cref="NetworkShape"/>, in <c>state_dict</c> order.</summary>
internal static class PyTorchLayout
{
    /// <summary>Every tensor of <c>nn.RNN/LSTM/GRU(Inputs, Hidden, num_layers, bias)</c> followed by <c>nn.Linear(Hidden, Outputs, bias)</c>.</summary>
    public static PyTorchTensor[] Tensors(NetworkShape shape, PyTorchNames names)
    {
        var tensors = new List<PyTorchTensor>();
        ParameterLayout layout = shape.Layout;
        for (int layer = 1; layer <= shape.Layers; layer++)
        {
            // PyTorch numbers layers from 0: layer l of API.md section 7 is _l{l - 1}.
            LayerParameterBlocks blocks = layout.Layer(layer);
            int k = layer - 1;
            tensors.Add(Weight(names.WeightIh(k), blocks.InputWeights));
            tensors.Add(Weight(names.WeightHh(k), blocks.RecurrentWeights));
            if (shape.Bias)
            {
                tensors.Add(Vector(names.BiasIh(k), blocks.HiddenBias, addsToBlock: false));
                // GRU keeps its recurrent bias (it sits inside r ⊙ (…)); the other cells have one bias, b = b_ih + b_hh.
                tensors.Add(shape.Cell == CellKind.Gru
                    ? Vector(names.BiasHh(k), blocks.RecurrentBias, addsToBlock: false)
                    : Vector(names.BiasHh(k), blocks.HiddenBias, addsToBlock: true));
            }
        }
        tensors.Add(Weight(names.LinearWeight, layout.OutputWeights));
        if (shape.Bias)
            tensors.Add(Vector(names.LinearBias, layout.OutputBias, addsToBlock: false));
        return tensors.ToArray();
    }

    /// <summary>
    /// PyTorch's <c>nn.RNN</c> has <c>nonlinearity='tanh'</c> or <c>'relu'</c>; an Elman network with another hidden
    /// activation has no PyTorch counterpart.
    /// </summary>
    /// <exception cref="ArgumentException">An Elman network whose hidden activation is not Tanh or Relu.</exception>
    public static void ThrowIfNoPyTorchCounterpart(NetworkShape shape, string parameterName)
    {
        if (shape.Cell == CellKind.Elman && shape.HiddenActivation is not (Activation.Tanh or Activation.Relu))
            throw new ArgumentException(
                $"PyTorch's nn.RNN has nonlinearity 'tanh' or 'relu'; this {shape} network's hidden activation {shape.HiddenActivation} has no PyTorch counterpart. Use HiddenActivation = Tanh or Relu.",
                parameterName);
    }

    /// <summary>The <c>nonlinearity</c> argument of the matching <c>nn.RNN</c>.</summary>
    public static string Nonlinearity(Activation hiddenActivation) => hiddenActivation == Activation.Relu ? "relu" : "tanh";

    private static PyTorchTensor Weight(string name, ParameterBlock block) =>
        new(name, block.Columns, block.Rows, block, Transposed: true, AddsToBlock: false);

    private static PyTorchTensor Vector(string name, ParameterBlock block, bool addsToBlock) =>
        new(name, 1, block.Length, block, Transposed: false, addsToBlock);
}
