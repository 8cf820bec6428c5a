using System;
using System.Buffers.Binary;

namespace RnnGen;

/// <summary>The floating-point element types the interchange formats read, with their safetensors names.</summary>
internal enum TensorElementType
{
    /// <summary>IEEE 754 binary16 ("F16").</summary>
    Float16,

    /// <summary>bfloat16 ("BF16"): the upper 16 bits of a binary32.</summary>
    BFloat16,

    /// <summary>IEEE 754 binary32 ("F32").</summary>
    Float32,

    /// <summary>IEEE 754 binary64 ("F64").</summary>
    Float64,
}

/// <summary>Sizes, names and little-endian encodings of <see cref="TensorElementType"/>.</summary>
internal static class TensorElements
{
    /// <summary>The type whose elements are <typeparamref name="T"/>'s values exactly.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not Half, float or double.</exception>
    public static TensorElementType Of<T>() =>
        typeof(T) == typeof(Half) ? TensorElementType.Float16
        : typeof(T) == typeof(float) ? TensorElementType.Float32
        : typeof(T) == typeof(double) ? TensorElementType.Float64
        : throw new NotSupportedException($"Tensors are written as Half, float or double, not {typeof(T).Name}.");

    /// <summary>Bytes per element.</summary>
    public static int Size(TensorElementType type) => type switch
    {
        TensorElementType.Float16 or TensorElementType.BFloat16 => 2,
        TensorElementType.Float32 => 4,
        _ => 8,
    };

    /// <summary>The safetensors dtype string.</summary>
    public static string SafeTensorsName(TensorElementType type) => type switch
    {
        TensorElementType.Float16 => "F16",
        TensorElementType.BFloat16 => "BF16",
        TensorElementType.Float32 => "F32",
        _ => "F64",
    };

    /// <summary>The type a safetensors dtype string names, or null for a dtype these formats do not read.</summary>
    public static TensorElementType? FromSafeTensorsName(string dtype) => dtype switch
    {
        "F16" => TensorElementType.Float16,
        "BF16" => TensorElementType.BFloat16,
        "F32" => TensorElementType.Float32,
        "F64" => TensorElementType.Float64,
        _ => null,
    };

    /// <summary>Reads element <paramref name="index"/> of little-endian <paramref name="data"/>; every type converts to double exactly.</summary>
    public static double Read(ReadOnlySpan<byte> data, TensorElementType type, int index) => type switch
    {
        TensorElementType.Float16 => (double)BinaryPrimitives.ReadHalfLittleEndian(data.Slice(index * 2)),
        // bfloat16 is a binary32 with the low 16 bits of the significand dropped.
        TensorElementType.BFloat16 => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(index * 2)) << 16),
        TensorElementType.Float32 => BinaryPrimitives.ReadSingleLittleEndian(data.Slice(index * 4)),
        _ => BinaryPrimitives.ReadDoubleLittleEndian(data.Slice(index * 8)),
    };

    /// <summary>Writes <paramref name="value"/> (already representable in <paramref name="type"/>) as element <paramref name="index"/>.</summary>
    public static void Write(Span<byte> data, TensorElementType type, int index, double value)
    {
        switch (type)
        {
            case TensorElementType.Float16: BinaryPrimitives.WriteHalfLittleEndian(data.Slice(index * 2), (Half)value); break;
            case TensorElementType.Float32: BinaryPrimitives.WriteSingleLittleEndian(data.Slice(index * 4), (float)value); break;
            case TensorElementType.Float64: BinaryPrimitives.WriteDoubleLittleEndian(data.Slice(index * 8), value); break;
            default: throw new NotSupportedException("RnnGen writes F16, F32 or F64 tensors.");
        }
    }
}
