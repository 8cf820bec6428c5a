using System.IO;

namespace RnnGen;

/// <summary>
/// The shape fields of format version 2 beyond version 1's: the loss reduction (offset 14, 0 = Sum, 1 = Mean) and the
/// layer count (offset 32, <see cref="NetworkShape.Layers"/>, API.md section 7). Version 1 files have neither and load as
/// one layer with the loss summed over the steps.
/// </summary>
internal static class ShapeFields
{
    public static int LayersOf(NetworkShape shape) => shape.Layers;

    public static byte LossReductionOf(NetworkShape shape) => (byte)shape.LossReduction;

    /// <summary><paramref name="shape"/> with the layer count and loss reduction a file gives.</summary>
    /// <exception cref="InvalidDataException">The values are out of range.</exception>
    public static NetworkShape With(NetworkShape shape, int layers, byte lossReduction)
    {
        if (layers < 1)
            throw new InvalidDataException($"The file's header is corrupted: {layers} layers.");
        if (lossReduction is not ((byte)LossReduction.Sum or (byte)LossReduction.Mean))
            throw new InvalidDataException($"The file's header is corrupted: loss reduction {lossReduction} is not 0 (Sum) or 1 (Mean).");
        return shape with { Layers = layers, LossReduction = (LossReduction)lossReduction };
    }
}
