using System.Diagnostics;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Benchmarks;

/// <summary>
/// Single-thread signing/recovery throughput measured in CPU time as well as wall time, so a figure for "one core"
/// stays meaningful on a shared, overloaded machine where wall-clock benchmarks are inflated by waiting for a CPU.
/// </summary>
internal static class CpuThroughput
{
    public static int Run(string[] args)
    {
        var operations = args.Length > 1 && int.TryParse(args[1], out var n) && n > 0 ? n : 20_000;
        var hash = Keccak256.HashUtf8(SampleRequest.Json);
        var key = Keccak256.HashUtf8("nitro-conformance-alice");
        var backends = new List<ISecp256k1>();
        if (Secp256k1.Native is { } native) backends.Add(native);
        else Console.WriteLine($"native backend unavailable: {Secp256k1.NativeUnavailableReason}");
        backends.Add(Secp256k1.Managed);

        Console.WriteLine($"| Backend | Operation | Ops | CPU s | Wall s | Ops per CPU-second | Ops per wall-second |");
        Console.WriteLine($"|---|---|---:|---:|---:|---:|---:|");
        foreach (var backend in backends)
        {
            var count = backend.Name == "native" ? operations : Math.Max(1, operations / 10);
            var signature = new byte[65];
            var publicKey = new byte[64];
            Measure(backend.Name, "sign", count, () => backend.Sign(hash, key, signature));
            Measure(backend.Name, "recover", count, () => backend.TryRecover(hash, signature, publicKey));
        }
        var request = System.Text.Encoding.UTF8.GetBytes(SampleRequest.Json);
        var digest = new byte[32];
        Measure("-", $"keccak256 ({request.Length} B)", operations * 10, () => Keccak256.Hash(request, digest));
        return 0;
    }

    /// <summary>Runs <paramref name="once"/> <paramref name="count"/> times after a warm-up and prints one table row.</summary>
    public static void Measure(string backend, string operation, int count, Action once)
    {
        for (var i = 0; i < Math.Min(count, 500); i++) once(); // warm-up and JIT
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuStart = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < count; i++) once();
        wall.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        Console.WriteLine($"| {backend} | {operation} | {count} | {cpu:F3} | {wall.Elapsed.TotalSeconds:F3} | {count / cpu:N0} | {count / wall.Elapsed.TotalSeconds:N0} |");
    }
}
