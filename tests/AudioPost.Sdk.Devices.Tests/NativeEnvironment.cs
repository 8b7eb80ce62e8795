using System.Runtime.InteropServices;

namespace AudioPost.Sdk.Devices.Tests;

/// <summary>
/// Sets a variable in the process's native environment, which libraries such as PortAudio's JACK host API read with
/// getenv (Environment.SetEnvironmentVariable only changes .NET's own copy on Unix).
/// </summary>
internal static partial class NativeEnvironment
{
    public static void Set(string name, string value)
    {
        if (SetEnv(name, value, 1) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed.");
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
