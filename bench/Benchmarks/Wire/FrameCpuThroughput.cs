using System.Diagnostics;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Json;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Benchmarks.Wire;

/// <summary>
/// The frame benchmarks measured in CPU time on one thread (like <c>--cpu-throughput</c>), so the figures stay
/// meaningful on a shared, overloaded machine where wall-clock means mostly measure waiting for a core.
/// </summary>
internal static class FrameCpuThroughput
{
    public static int Run(string[] args)
    {
        var operations = args.Length > 1 && int.TryParse(args[1], out var n) && n > 0 ? n : 20_000;
        Console.WriteLine("| Operation | Frame | Ops | CPU s | Wall s | Ops per CPU-second | µs per op (CPU) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var shape in RequestSample.VectorNames.Keys)
        {
            var sample = RequestSample.Load(shape);
            Measure("JsJson req array", shape, operations * 5, () => _ = sample.Request.ReqJson);
            Measure("build params + JsJson req array", shape, operations * 5, () => _ = (sample.Request with { Params = sample.BuildParams() }).ReqJson);
            if (Secp256k1.Native is { } native)
            {
                var signers = sample.Signers(native);
                Measure($"signed frame, native, {signers.Length} sigs", shape, operations / 2, () => _ = RpcFrames.SignRequest(sample.Request, signers).Frame);
            }
            else
            {
                Console.WriteLine($"native backend unavailable: {Secp256k1.NativeUnavailableReason}");
            }
            var managed = sample.Signers(Secp256k1.Managed);
            Measure($"signed frame, managed, {managed.Length} sigs", shape, Math.Max(1, operations / 20), () => _ = RpcFrames.SignRequest(sample.Request, managed).Frame);
            Measure("RpcFrameParser.Parse (request)", shape, operations * 5, () => _ = RpcFrameParser.Parse(sample.Envelope));
        }
        var asu = AsuSample.Load();
        Measure("RpcFrameParser.Parse (push)", "asu", operations * 5, () => _ = RpcFrameParser.Parse(asu.Frame));
        Measure("GoJson.Serialize payload", "asu", operations * 5, () => _ = GoJson.Serialize(asu.Payload));
        return 0;
    }

    private static void Measure(string operation, string frame, int count, Action once)
    {
        // Warm up for at least 0.5 s so tiered JIT has promoted the hot paths before the clock starts.
        var warmUp = Stopwatch.StartNew();
        for (var i = 0; i < 500 || warmUp.ElapsedMilliseconds < 500; i++) once();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuStart = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < count; i++) once();
        wall.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        Console.WriteLine($"| {operation} | {frame} | {count} | {cpu:F3} | {wall.Elapsed.TotalSeconds:F3} | {count / cpu:N0} | {cpu * 1e6 / count:F1} |");
    }
}
