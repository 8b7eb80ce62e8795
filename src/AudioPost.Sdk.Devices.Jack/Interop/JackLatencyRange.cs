namespace AudioPost.Sdk.Devices.Jack.Interop;

/// <summary>jack_latency_range_t: the minimum and maximum latency of a port, in frames.</summary>
internal struct JackLatencyRange
{
    public uint Min;
    public uint Max;
}
