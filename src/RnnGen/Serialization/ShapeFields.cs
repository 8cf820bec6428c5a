using System.IO;

namespace RnnGen;

/// <summary>
/// The shape fields of format version 2 beyond version 1's: the loss reduction (offset 14, 0 = Sum, 1 = Mean) and the
/// layer count (offset 32). Until <c>NetworkShape.Layers</c> (issue 16) exists every shape has one layer: that is what is
/// written, and a file that says otherwise is rejected. Whoever adds it wires it here, in <see cref="LayersOf"/> and
/// <see cref="With"/>.
/// </summary>
internal static class ShapeFields
{
    public static int LayersOf(NetworkShape shape) => 1;

    public static byte LossReductionOf(NetworkShape shape) => (byte)shape.LossReduction;

    /// <summary><paramref name="shape"/> with the layer count and loss reduction a file gives.</summary>
    /// <exception cref="InvalidDataException">The values are out of range, or this version of the library cannot represent them.</exception>
    public static NetworkShape With(NetworkShape shape, int layers, byte lossReduction)
    {
        if (layers < 1)
            throw new InvalidDataException($"The file's header is corrupted: {layers} layers.");
        if (lossReduction is not ((byte)LossReduction.Sum or (byte)LossReduction.Mean))
            throw new InvalidDataException($"The file's header is corrupted: loss reduction {lossReduction} is not 0 (Sum) or 1 (Mean).");
        if (layers != 1)
            throw new InvalidDataException($"The file holds a network of {layers} layers; this version of RnnGen builds networks of one layer.");
        return shape with { LossReduction = (LossReduction)lossReduction };
    }
}
