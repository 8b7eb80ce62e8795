using AudioPost.Sdk.Dsp.Dynamics;
using AudioPost.Sdk.Dsp.Filters;
using AudioPost.Sdk.Processing.Delays;
using AudioPost.Sdk.Processing.Filters;
using AudioPost.Sdk.Processing.Dynamics;
using AudioPost.Sdk.Processing.Mixing;
using AudioPost.Sdk.Processing.Reverb;

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
            "delay ms=0 (ms, 0 to 60000; fractional, cubic Lagrange)",
            a =>
            {
                var milliseconds = (float)a.GetDouble("ms", 0, 0, 60_000, "ms");
                return new FractionalDelayProcessor(milliseconds, Math.Max(milliseconds, 1f));
            });
        Register(
            "modulated-delay",
            "modulated-delay ms=15 (ms, 0 to 100) depth=2 (ms) rate=0.5 (Hz, 0 to 20) feedback=0 (-0.98 to 0.98) mix=0.5 (0 dry to 1 wet): chorus, flanger, short echoes",
            a => new ModulatedDelayProcessor(
                delayMilliseconds: (float)a.GetDouble("ms", 15, 0, 100, "ms"),
                depthMilliseconds: (float)a.GetDouble("depth", 2, 0, 100, "ms"),
                rateHz: (float)a.GetDouble("rate", 0.5, 0, 20, "Hz"),
                feedback: (float)a.GetDouble("feedback", 0, -0.98, 0.98),
                mix: (float)a.GetDouble("mix", 0.5, 0, 1)));
        Register(
            "reverb",
            "reverb decay=2 (s, RT60 at low frequencies, 0.1 to 30) decayhigh=1.2 (s) damping=4000 (Hz, 200 to 16000) size=1 (0.25 to 2) predelay=10 (ms, 0 to 500) modulation=0.3 (ms, 0 to 2) wet=-6 (dB) dry=0 (dB)",
            a =>
            {
                var reverb = new AlgorithmicReverbProcessor(
                    (float)a.GetDouble("decay", 2, 0.1, 30, "s"),
                    (float)a.GetDouble("decayhigh", 1.2, 0.1, 30, "s"));
                reverb.Damping.Value = (float)a.GetDouble("damping", 4_000, 200, 16_000, "Hz");
                reverb.Size.Value = (float)a.GetDouble("size", 1, 0.25, 2);
                reverb.PreDelay.Value = (float)a.GetDouble("predelay", 10, 0, 500, "ms");
                reverb.Modulation.Value = (float)a.GetDouble("modulation", 0.3, 0, 2, "ms");
                reverb.Wet.Value = (float)a.GetDouble("wet", -6, -144, 12, "dB");
                reverb.Dry.Value = (float)a.GetDouble("dry", 0, -144, 12, "dB");
                return reverb;
            });
        RegisterFilters();
        RegisterGateAndDeEsser();
        RegisterRepair();
    }

    private void RegisterFilters()
    {
        // Two-pole high- and low-pass are RBJ biquads (as ffmpeg's highpass/lowpass and sox's): q shapes the corner.
        // Any other order is a Butterworth cascade, -3 dB at f, 6 dB/octave per order.
        Register("highpass", "highpass f=80 (Hz) q=0.7071 order=2 (1 to 8; q applies to order 2)", a => Pass(a, BiquadType.HighPass, FilterPass.HighPass, 80));
        Register("lowpass", "lowpass f=12000 (Hz) q=0.7071 order=2 (1 to 8; q applies to order 2)", a => Pass(a, BiquadType.LowPass, FilterPass.LowPass, 12_000));
        Register("eq", "eq f=1000 (Hz) gain=0 (dB, -48 to 48) q=1 (0.025 to 40): a peaking band", a => Band(a, BiquadType.Peak, 1_000, 1));
        Register("lowshelf", "lowshelf f=100 (Hz) gain=0 (dB) q=0.7071", a => Band(a, BiquadType.LowShelf, 100, 0.7071));
        Register("highshelf", "highshelf f=8000 (Hz) gain=0 (dB) q=0.7071", a => Band(a, BiquadType.HighShelf, 8_000, 0.7071));
        Register("notch", "notch f=50 (Hz) q=10", a => Band(a, BiquadType.Notch, 50, 10));
        Register("bandpass", "bandpass f=1000 (Hz) q=0.7071", a => Band(a, BiquadType.BandPass, 1_000, 0.7071));
    }

    private void RegisterGateAndDeEsser()
    {
        Register(
            "gate",
            "gate threshold=-40 (dB) range=80 (dB) hysteresis=6 (dB) hold=20 (ms) attack=0.5 (ms) release=50 (ms)",
            a => new GateProcessor(
                thresholdDb: (float)a.GetDouble("threshold", -40, -100, 0, "dB"),
                rangeDb: (float)a.GetDouble("range", 80, 0, 144, "dB"),
                hysteresisDb: (float)a.GetDouble("hysteresis", 6, 0, 40, "dB"),
                holdMilliseconds: (float)a.GetDouble("hold", 20, 0, 5_000, "ms"),
                attackMilliseconds: (float)a.GetDouble("attack", 0.5, 0.01, 1_000, "ms"),
                releaseMilliseconds: (float)a.GetDouble("release", 50, 1, 5_000, "ms")));
        Register(
            "expander",
            "expander threshold=-40 (dB) ratio=2 range=40 (dB) attack=1 (ms) release=100 (ms)",
            a => new ExpanderProcessor(
                thresholdDb: (float)a.GetDouble("threshold", -40, -100, 0, "dB"),
                ratio: (float)a.GetDouble("ratio", 2, 1, 100),
                rangeDb: (float)a.GetDouble("range", 40, 0, 144, "dB"),
                attackMilliseconds: (float)a.GetDouble("attack", 1, 0.01, 1_000, "ms"),
                releaseMilliseconds: (float)a.GetDouble("release", 100, 1, 5_000, "ms")));
        Register(
            "deesser",
            "deesser f=5000 (Hz, 1000 to 16000) threshold=-30 (dB) ratio=4 attack=0.5 (ms) release=60 (ms)",
            a => new DeEsserProcessor(
                frequencyHz: (float)a.GetDouble("f", 5_000, 1_000, 16_000, "Hz"),
                thresholdDb: (float)a.GetDouble("threshold", -30, -80, 0, "dB"),
                ratio: (float)a.GetDouble("ratio", 4, 1, 100),
                attackMilliseconds: (float)a.GetDouble("attack", 0.5, 0.01, 100, "ms"),
                releaseMilliseconds: (float)a.GetDouble("release", 60, 1, 1_000, "ms")));
    }

    private static IAudioProcessor Pass(ProcessorArguments a, BiquadType biquad, FilterPass pass, double defaultFrequency)
    {
        var frequency = (float)a.GetDouble("f", defaultFrequency, ParametricEqBand.MinFrequency, ParametricEqBand.MaxFrequency, "Hz");
        var q = (float)a.GetDouble("q", 0.7071, ParametricEqBand.MinQ, ParametricEqBand.MaxQ);
        var order = a.GetInt32("order", 2, 1, 8);
        return order == 2 ? new BiquadFilterProcessor(biquad, frequency, q) : new ButterworthFilterProcessor(pass, order, frequency);
    }

    private static BiquadFilterProcessor Band(ProcessorArguments a, BiquadType type, double defaultFrequency, double defaultQ) => new(
        type,
        (float)a.GetDouble("f", defaultFrequency, ParametricEqBand.MinFrequency, ParametricEqBand.MaxFrequency, "Hz"),
        (float)a.GetDouble("q", defaultQ, ParametricEqBand.MinQ, ParametricEqBand.MaxQ),
        type is BiquadType.Peak or BiquadType.LowShelf or BiquadType.HighShelf
            ? (float)a.GetDouble("gain", 0, -ParametricEqBand.MaxGainDb, ParametricEqBand.MaxGainDb, "dB")
            : 0f);
}
