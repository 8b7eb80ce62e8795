namespace AudioPost.Sdk.Devices.PortAudio.Interop;

/// <summary>PaHostApiInfo.</summary>
internal unsafe struct PaHostApiInfo
{
    public int StructVersion;
    public int Type;
    public byte* Name;
    public int DeviceCount;
    public int DefaultInputDevice;
    public int DefaultOutputDevice;
}

/// <summary>PaDeviceInfo.</summary>
internal unsafe struct PaDeviceInfo
{
    public int StructVersion;
    public byte* Name;
    public int HostApi;
    public int MaxInputChannels;
    public int MaxOutputChannels;
    public double DefaultLowInputLatency;
    public double DefaultLowOutputLatency;
    public double DefaultHighInputLatency;
    public double DefaultHighOutputLatency;
    public double DefaultSampleRate;
}

/// <summary>PaStreamParameters.</summary>
internal unsafe struct PaStreamParameters
{
    public int Device;
    public int ChannelCount;
    public nuint SampleFormat;
    public double SuggestedLatency;
    public void* HostApiSpecificStreamInfo;
}

/// <summary>PaStreamInfo: latencies in seconds as the host API reports them.</summary>
internal struct PaStreamInfo
{
    public int StructVersion;
    public double InputLatency;
    public double OutputLatency;
    public double SampleRate;
}
