using AudioPost.Sdk.Automation;

namespace AudioPost.Sdk.Processing.Dynamics;

/// <summary>Argument checks and parameter construction shared by the dynamics processors (control thread only).</summary>
internal static class DynamicsArguments
{
    public static void CheckRange(double value, double min, double max, string name)
    {
        if (!(value >= min && value <= max))
        {
            throw new ArgumentOutOfRangeException(name, value, $"Must be {min} to {max}.");
        }
    }

    /// <summary>Creates a parameter, reporting a default out of range against the constructor argument that supplied it.</summary>
    public static AudioParameter Parameter(string name, float value, float min, float max, string argument)
    {
        CheckRange(value, min, max, argument);
        return new AudioParameter(name, value, min, max);
    }
}
