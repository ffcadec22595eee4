using System.Runtime.InteropServices;

namespace NitroConformance.Load.Workloads;

/// <summary>
/// Raises this process's open-file limit (RLIMIT_NOFILE) when a run needs more sockets than the soft limit allows,
/// as far as the system lets it (the hard limit, or beyond it when privileged); a no-op off Linux.
/// </summary>
public static class FileDescriptorLimit
{
    private const int RlimitNofile = 7; // Linux

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Max;
    }

    [DllImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static extern int GetRLimit(int resource, out RLimit limit);

    [DllImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static extern int SetRLimit(int resource, ref RLimit limit);

    /// <summary>Tries to make the soft limit at least <paramref name="wanted"/>; returns the soft limit in force afterwards (null when unknown).</summary>
    public static ulong? EnsureAtLeast(ulong wanted)
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            if (GetRLimit(RlimitNofile, out var limit) != 0) return null;
            if (limit.Current >= wanted) return limit.Current;
            // First within the hard limit, then (privileged only) past it.
            var raised = new RLimit { Current = Math.Min(wanted, limit.Max), Max = limit.Max };
            if (wanted > limit.Max)
            {
                var both = new RLimit { Current = wanted, Max = wanted };
                if (SetRLimit(RlimitNofile, ref both) == 0) return wanted;
            }
            return SetRLimit(RlimitNofile, ref raised) == 0 ? raised.Current : limit.Current;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }
}
