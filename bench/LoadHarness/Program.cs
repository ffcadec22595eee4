using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NitroConformance.Load.Calibration;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Metrics;
using NitroConformance.Load.Workloads;

// Harness benchmark (not a test): physical limit (bare ClientWebSocket loop) vs the harness vs Artillery, same echo, same connections.
var inv = CultureInfo.InvariantCulture;
var connections = Arg("--connections", 8);
var seconds = Arg("--seconds", 10);
var artilleryDir = ArgText("--artillery", Path.Combine(RepoRoot(), "bench", "artillery"));
var outDir = ArgText("--out", Path.Combine(RepoRoot(), "reports", "load", $"bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}"));
Directory.CreateDirectory(outDir);

await using var server = await LoopbackEchoServer.StartAsync();
Console.WriteLine($"echo server {server.Url}; {connections} connections; {seconds}s per leg; {Environment.ProcessorCount} cores");

// Warm the JIT and the server before the measured legs.
await BarePingLoop.RunAsync(server.Url, connections, TimeSpan.FromSeconds(1));
var bare = await BarePingLoop.RunAsync(server.Url, connections, TimeSpan.FromSeconds(seconds));
var rows = new List<Row> { Row.From("bare ClientWebSocket loop (physical limit)", bare.RatePerSecond, bare.Latency) };
Console.WriteLine(rows[^1]);

var closed = args.Contains("--skip-closed") ? (Rate: bare.RatePerSecond, Histogram: bare.Latency, Dropped: 0L) : await RunHarnessAsync(new KeepConstant(connections, TimeSpan.FromSeconds(seconds)));
rows.Add(Row.From("harness, closed model (keep constant)", closed.Rate, closed.Histogram));
Console.WriteLine(rows[^1]);

var openRate = Math.Round(bare.RatePerSecond * 0.5);
if (ArgText("--open-rate", "") is { Length: > 0 } fixedRate) openRate = double.Parse(fixedRate, inv);
var open = await RunHarnessAsync(new Inject(openRate, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(seconds)));
rows.Add(Row.From($"harness, open model at {openRate:0}/s (50% of limit)", open.Rate, open.Histogram, open.Dropped));
Console.WriteLine(rows[^1]);

Row? artillery = await RunArtilleryAsync();
if (artillery is not null)
{
    rows.Add(artillery);
    Console.WriteLine(artillery);
}

var rateRatio = closed.Rate / bare.RatePerSecond;
var p50Ratio = (double)closed.Histogram.ValueAtPercentile(50) / Math.Max(1, bare.Latency.ValueAtPercentile(50));
var md = new StringBuilder();
md.Append(inv, $"# Harness benchmark {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC\n\n");
md.Append(inv, $"Loopback Kestrel echo, {connections} connections, {seconds} s per leg, {Environment.ProcessorCount} cores ({System.Runtime.InteropServices.RuntimeInformation.OSDescription}).\n\n");
md.Append("| leg | rate/s | p50 | p90 | p99 | max | dropped |\n|---|---:|---:|---:|---:|---:|---:|\n");
foreach (var r in rows) md.Append(inv, $"| {r.Name} | {r.Rate:0} | {Durations.Micros(r.P50)} | {Durations.Micros(r.P90)} | {Durations.Micros(r.P99)} | {Durations.Micros(r.Max)} | {r.Dropped} |\n");
md.Append(inv, $"\nHarness vs physical limit: rate {rateRatio * 100:0.#}% (goal ≥ 80%), p50 {p50Ratio:0.##}× (goal ≤ 1.2×).\n");
if (artillery is not null)
    md.Append(inv, $"Harness closed model vs Artillery: rate {closed.Rate / Math.Max(1, artillery.Rate):0.##}× (goal ≥ 3× at equal p99; p99 harness {Durations.Micros(closed.Histogram.ValueAtPercentile(99))}, Artillery {Durations.Micros(artillery.P99)}).\n");
else
    md.Append("Artillery leg skipped: run `npm ci` in bench/artillery first.\n");
File.WriteAllText(Path.Combine(outDir, "bench.md"), md.ToString());
Console.WriteLine();
Console.WriteLine(md);
Console.WriteLine($"written {Path.Combine(outDir, "bench.md")}");
return 0;

async Task<(double Rate, LatencyHistogram Histogram, long Dropped)> RunHarnessAsync(LoadSimulation stage)
{
    await using var scenario = new EchoScenario(server.Url, connections, TimeSpan.FromSeconds(5));
    await scenario.InitAsync(CancellationToken.None);
    var result = await new LoadEngine(new EngineOptions { Simulations = [stage], WarmUp = TimeSpan.FromSeconds(1), MaxInFlight = 10_000 }).RunAsync(scenario);
    var h = result.Metrics.Get(EchoScenario.Metric).Snapshot().Histogram;
    Console.WriteLine($"  late {result.Metrics.Counter(LoadEngine.LateIterations)} dropped {result.Metrics.Counter(LoadEngine.DroppedIterations)} started {result.IterationsStarted}");
    return (h.TotalCount / result.MeasuredSeconds, h, result.Metrics.Counter(LoadEngine.DroppedIterations));
}

async Task<Row?> RunArtilleryAsync()
{
    var bin = Path.Combine(artilleryDir, "node_modules", ".bin", "artillery");
    if (!File.Exists(bin))
    {
        Console.WriteLine($"artillery not installed at {bin}; skipping the peer leg");
        return null;
    }
    var report = Path.Combine(outDir, "artillery.json");
    var psi = new ProcessStartInfo(bin, ["run", "--quiet", "--output", report, "--target", server.Url.ToString().TrimEnd('/'), Path.Combine(artilleryDir, "echo.yml")])
    {
        RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = artilleryDir,
    };
    psi.Environment["NITRO_CONNECTIONS"] = connections.ToString(inv);
    psi.Environment["NITRO_SECONDS"] = seconds.ToString(inv);
    psi.Environment["ARTILLERY_DISABLE_TELEMETRY"] = "true";
    using var p = Process.Start(psi)!;
    var stdout = p.StandardOutput.ReadToEndAsync();
    var stderr = p.StandardError.ReadToEndAsync();
    using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 90));
    try
    {
        await p.WaitForExitAsync(cts.Token);
    }
    catch (OperationCanceledException)
    {
        p.Kill(true);
        Console.WriteLine("artillery did not finish in time; skipping");
        return null;
    }
    if (p.ExitCode != 0 || !File.Exists(report))
    {
        Console.WriteLine($"artillery failed ({p.ExitCode}): {await stderr}{await stdout}");
        return null;
    }
    return ArtilleryReport.Read(report, seconds);
}

int Arg(string name, int fallback) => int.TryParse(ArgText(name, ""), NumberStyles.None, inv, out var v) && v > 0 ? v : fallback;

string ArgText(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static string RepoRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NitroConformance.sln"))) dir = dir.Parent;
    return dir?.FullName ?? Directory.GetCurrentDirectory();
}

/// <summary>One leg of the benchmark (latencies in µs).</summary>
internal sealed record Row(string Name, double Rate, double P50, double P90, double P99, double Max, long Dropped = 0)
{
    public static Row From(string name, double rate, LatencyHistogram h, long dropped = 0) =>
        new(name, rate, h.ValueAtPercentile(50), h.ValueAtPercentile(90), h.ValueAtPercentile(99), h.Max, dropped);

    public override string ToString() =>
        $"{Name}: {Rate:0}/s p50 {Durations.Micros(P50)} p99 {Durations.Micros(P99)} max {Durations.Micros(Max)}";
}

/// <summary>Reads Artillery's JSON report: messages sent and its own response-time summary (Artillery reports ms percentiles, not raw samples).</summary>
internal static class ArtilleryReport
{
    public static Row Read(string path, int seconds)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var aggregate = doc.RootElement.GetProperty("aggregate");
        var counters = aggregate.GetProperty("counters");
        long sent = counters.TryGetProperty("websocket.messages_sent", out var s) ? s.GetInt64() : 0;
        double P(JsonElement v, string key) => v.TryGetProperty(key, out var ms) ? ms.GetDouble() * 1000 : double.NaN;
        if (aggregate.TryGetProperty("summaries", out var summaries))
            foreach (var summary in summaries.EnumerateObject())
                if (summary.Name.Contains("response_time", StringComparison.Ordinal))
                {
                    var v = summary.Value;
                    return new Row($"Artillery 2.0 ws engine ({summary.Name})", Math.Max(sent, v.GetProperty("count").GetInt64()) / (double)seconds,
                        P(v, "median"), P(v, "p90"), P(v, "p99"), P(v, "max"));
                }
        return new Row("Artillery 2.0 ws engine (no response-time summary)", sent / (double)seconds, double.NaN, double.NaN, double.NaN, double.NaN);
    }
}
