using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RnnGen;

/// <summary>How a network file stores its numbers: the element-type byte and the IEEE 754 encoding it stands for.</summary>
internal enum ElementCode : byte
{
    Half = 1,
    Single = 2,
    Double = 3,
}

/// <summary>Conversions between <see cref="ElementCode"/>, .NET types and little-endian bytes.</summary>
internal static class ElementCodes
{
    public static ElementCode Of(Type type) =>
        type == typeof(Half) ? ElementCode.Half
        : type == typeof(float) ? ElementCode.Single
        : type == typeof(double) ? ElementCode.Double
        : throw new NotSupportedException($"Network files hold Half, float or double parameters, not {type.Name}.");

    public static Type TypeOf(ElementCode code) => code switch
    {
        ElementCode.Half => typeof(Half),
        ElementCode.Single => typeof(float),
        _ => typeof(double),
    };

    public static int Size(ElementCode code) => code switch
    {
        ElementCode.Half => 2,
        ElementCode.Single => 4,
        _ => 8,
    };

    /// <summary>Writes <paramref name="value"/> (exactly representable in the code's type when it came from it) in the code's encoding.</summary>
    public static void Write(Span<byte> destination, ElementCode code, double value)
    {
        switch (code)
        {
            case ElementCode.Half: BinaryPrimitives.WriteHalfLittleEndian(destination, (Half)value); break;
            case ElementCode.Single: BinaryPrimitives.WriteSingleLittleEndian(destination, (float)value); break;
            default: BinaryPrimitives.WriteDoubleLittleEndian(destination, value); break;
        }
    }

    /// <summary>
    /// When <typeparamref name="T"/> is the code's own type on a little-endian machine, its values as the file's bytes,
    /// so saving and loading copy memory instead of converting a value at a time; otherwise false.
    /// </summary>
    public static bool TryGetBytes<T>(ReadOnlySpan<T> values, ElementCode code, out ReadOnlySpan<byte> bytes) where T : INumber<T>
    {
        if (!BitConverter.IsLittleEndian || typeof(T) != TypeOf(code))
        {
            bytes = default;
            return false;
        }
        // T is Half, float or double here: plain bits, no references.
        bytes = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(values)), values.Length * Size(code));
        return true;
    }

    /// <summary>The writable counterpart of <see cref="TryGetBytes{T}(ReadOnlySpan{T}, ElementCode, out ReadOnlySpan{byte})"/>.</summary>
    public static bool TryGetBytes<T>(Span<T> values, ElementCode code, out Span<byte> bytes) where T : INumber<T>
    {
        if (!BitConverter.IsLittleEndian || typeof(T) != TypeOf(code))
        {
            bytes = default;
            return false;
        }
        bytes = MemoryMarshal.CreateSpan(ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(values)), values.Length * Size(code));
        return true;
    }

    public static double Read(ReadOnlySpan<byte> source, ElementCode code) => code switch
    {
        ElementCode.Half => (double)BinaryPrimitives.ReadHalfLittleEndian(source),
        ElementCode.Single => BinaryPrimitives.ReadSingleLittleEndian(source),
        _ => BinaryPrimitives.ReadDoubleLittleEndian(source),
    };
}
