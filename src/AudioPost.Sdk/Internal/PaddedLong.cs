using System.Runtime.InteropServices;

namespace AudioPost.Sdk.Internal;

/// <summary>
/// A long alone on its cache line, so two threads writing neighbouring counters do not slow each
/// other down. Outside any generic type because the runtime refuses explicit layout in generics.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedLong
{
    [FieldOffset(64)]
    public long Value;
}
