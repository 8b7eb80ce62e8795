using AudioPost.Sdk.Dsp.Dynamics;
using AudioPost.Sdk.Processing.Delays;
using AudioPost.Sdk.Processing.Dynamics;
using AudioPost.Sdk.Processing.Mixing;

namespace AudioPost.Sdk.Processing.Chains;

/// <summary>The SDK's own processors, by the names chain text uses.</summary>
public sealed partial class ProcessorFactory
{
    private void RegisterBuiltIns()
    {
        Register("gain", "gain db=0 (dB, -144 to +24)", a => new GainProcessor((float)a.GetDouble("db", 0, -144, GainProcessor.MaxGainDb, "dB")));
        Register(
            "compressor",
            "compressor threshold=-20 (dB) ratio=4 knee=6 (dB) attack=10 (ms) release=100 (ms) makeup=0 (dB) detection=peak|rms lookahead=0 (ms) link=100 (%)",
            a =>
            {
                var compressor = new CompressorProcessor(
                    thresholdDb: (float)a.GetDouble("threshold", -20, -80, 0, "dB"),
                    ratio: (float)a.GetDouble("ratio", 4, 1, 100),
                    kneeDb: (float)a.GetDouble("knee", 6, 0, 24, "dB"),
                    attackMilliseconds: (float)a.GetDouble("attack", 10, 0.01, 1_000, "ms"),
                    releaseMilliseconds: (float)a.GetDouble("release", 100, 1, 5_000, "ms"),
                    makeupDb: (float)a.GetDouble("makeup", 0, -24, 24, "dB"),
                    detection: a.GetChoice("detection", "peak", "peak", "rms") == "rms" ? DetectionMode.Rms : DetectionMode.Peak,
                    lookAheadMilliseconds: a.GetDouble("lookahead", 0, 0, CompressorProcessor.MaxLookAheadMilliseconds, "ms"));
                compressor.Link.Value = (float)a.GetDouble("link", 100, 0, 100, "%");
                return compressor;
            });
        Register(
            "limiter",
            "limiter ceiling=-1 (dBTP) lookahead=3 (ms) release=100 (ms)",
            a => new TruePeakLimiterProcessor(
                a.GetDouble("ceiling", -1, -60, 6, "dBTP"),
                a.GetDouble("lookahead", 3, 0.5, 20, "ms"),
                a.GetDouble("release", 100, 1, 5_000, "ms")));
        Register(
            "delay",
            "delay ms=0 (ms, 0 to 10000): a plain delay of whole samples",
            a => new DelayProcessor((int)Math.Round(a.GetDouble("ms", 0, 0, 10_000, "ms") * a.SampleRate / 1000.0)));
    }
}
