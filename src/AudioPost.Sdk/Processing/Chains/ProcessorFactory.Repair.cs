using AudioPost.Sdk.Processing.Restoration;

namespace AudioPost.Sdk.Processing.Chains;

/// <summary>The vocal repair processors (de-hum, de-click, leveler) by the names chain text uses.</summary>
public sealed partial class ProcessorFactory
{
    private void RegisterRepair()
    {
        Register(
            "dehum",
            "dehum f=auto (50|60|auto) harmonics=8 (1 to 40) range=0.5 (Hz, 0 to 5: drift tracked) bandwidth=2 (Hz, 0.5 to 10: notch width) amount=100 (%)",
            a =>
            {
                var frequency = a.GetChoice("f", "auto", "auto", "50", "60") switch
                {
                    "50" => HumFrequency.Hz50,
                    "60" => HumFrequency.Hz60,
                    _ => HumFrequency.Auto,
                };
                var dehum = new DeHumProcessor(
                    frequency,
                    a.GetInt32("harmonics", 8, 1, 40),
                    a.GetDouble("range", 0.5, 0, 5, "Hz"),
                    (float)a.GetDouble("bandwidth", 2, 0.5, 10, "Hz"));
                dehum.Amount.Value = (float)a.GetDouble("amount", 100, 0, 100, "%");
                return dehum;
            });
        Register(
            "declick",
            "declick threshold=8 (2 to 50: multiples of the prediction error's robust scale) maxclick=1.3 (ms, 0.05 to 5) order=64 (8 to 64)",
            a => new DeClickProcessor(
                (float)a.GetDouble("threshold", 8, 2, 50),
                a.GetDouble("maxclick", 1.3, 0.05, 5, "ms"),
                a.GetInt32("order", 64, 8, 64)));
        Register(
            "leveler",
            "leveler target=-20 (LUFS, -40 to -6) boost=12 (dB, 0 to 30) cut=12 (dB, 0 to 30) speed=1.5 (s, 0.5 to 20) gate=-50 (LUFS, -80 to -20) lookahead=200 (ms, 0 to 1000)",
            a => new LevelerProcessor(
                (float)a.GetDouble("target", -20, -40, -6, "LUFS"),
                (float)a.GetDouble("boost", 12, 0, 30, "dB"),
                (float)a.GetDouble("cut", 12, 0, 30, "dB"),
                (float)a.GetDouble("speed", 1.5, 0.5, 20, "s"),
                (float)a.GetDouble("gate", -50, -80, -20, "LUFS"),
                a.GetDouble("lookahead", 200, 0, 1_000, "ms")));
    }
}
