using System.Runtime.InteropServices;

namespace RnnGen;

/// <summary>A counter alone on its cache line (64 bytes of padding on either side), so that the threads counting it never slow a thread working next to it.</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedCounter
{
    [FieldOffset(64)]
    public int Value;
}
