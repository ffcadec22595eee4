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

var closed = await RunHarnessAsync(new KeepConstant(connections, TimeSpan.FromSeconds(seconds)));
rows.Add(Row.From("harness, closed model (keep constant)", closed.Rate, closed.Histogram));
Console.WriteLine(rows[^1]);

var openRate = Math.Round(bare.RatePerSecond * 0.5);
if (ArgText("--open-rate", "") is { Length: > 0 } fixedRate) openRate = double.Parse(fixedRate, inv);
var open = await RunHarnessAsync(new Inject(openRate, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(seconds)));
rows.Add(Row.From($"harness, open model at {openRate:0}/s (50% of limit)", open.Rate, open.Histogram, open.Dropped));
Console.WriteLine(rows[^1]);

// Rate-matched comparison with Artillery: same connections, same offered rates (a ladder), both open-model and measured
// from intended send times; each side's highest rate that it sustains (≥ 95 % of offered) with p99 within the bound.
var ladder = ArgText("--ladder", "500,1000,2000,3000,4000,6000,8000,12000,16000").Split(',').Select(x => double.Parse(x, inv)).ToArray();
var p99BoundsMs = ArgText("--p99-bound-ms", "10,50").Split(',').Select(x => double.Parse(x, inv)).ToArray();
var p99BoundMs = p99BoundsMs.Max();
var pairs = new List<(double Offered, Row? Harness, Row? Artillery)>();
var artilleryInstalled = File.Exists(ArtilleryBin());
if (!artilleryInstalled) Console.WriteLine($"artillery not installed at {ArtilleryBin()}; run `npm ci` in bench/artillery (rate-matched comparison skipped)");
else
{
    int harnessFails = 0, artilleryFails = 0;
    foreach (var rate in ladder)
    {
        if (harnessFails >= 2 && artilleryFails >= 2) break;
        Row? h = null, a = null;
        if (harnessFails < 2)
        {
            var r = await RunHarnessAsync(new Inject(rate, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(seconds)));
            h = Row.From("harness", r.Rate, r.Histogram, r.Dropped);
            harnessFails = Sustains(h, rate) ? 0 : harnessFails + 1;
        }
        if (artilleryFails < 2)
        {
            a = await RunArtilleryAsync(rate);
            artilleryFails = a is not null && Sustains(a, rate) ? 0 : artilleryFails + 1;
        }
        pairs.Add((rate, h, a));
        Console.WriteLine($"offered {rate:0}/s: harness {h?.ToString() ?? "—"} | artillery {a?.ToString() ?? "—"}");
    }
}

var rateRatio = closed.Rate / bare.RatePerSecond;
var p50Ratio = (double)closed.Histogram.ValueAtPercentile(50) / Math.Max(1, bare.Latency.ValueAtPercentile(50));
var md = new StringBuilder();
md.Append(inv, $"# Harness benchmark {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC\n\n");
md.Append(inv, $"Loopback Kestrel echo, {connections} connections, {seconds} s per leg (+1 s warm-up), {Environment.ProcessorCount} cores ({System.Runtime.InteropServices.RuntimeInformation.OSDescription}), load average at start {LoadAverage()}.\n\n");
md.Append("| leg | rate/s | p50 | p90 | p99 | max | dropped |\n|---|---:|---:|---:|---:|---:|---:|\n");
foreach (var r in rows) md.Append(inv, $"| {r.Name} | {r.Rate:0} | {Durations.Micros(r.P50)} | {Durations.Micros(r.P90)} | {Durations.Micros(r.P99)} | {Durations.Micros(r.Max)} | {r.Dropped} |\n");
md.Append(inv, $"\nHarness (closed model) vs physical limit: rate {rateRatio * 100:0.#}% (goal ≥ 80%), p50 {p50Ratio:0.##}× (goal ≤ 1.2×).\n");
if (pairs.Count > 0)
{
    md.Append(inv, $"\n## Rate-matched vs Artillery 2.0 ws engine ({connections} connections each, open model, latency from intended send time)\n\n");
    md.Append(inv, $"A side holds a rate when it sustains ≥ 95% of it with p99 within the bound. \"—\": not run (that side had already missed the offered rate twice in a row).\n\n");
    md.Append("| offered/s | harness rate/s | harness p50 | harness p99 | harness max | Artillery rate/s | Artillery p50 | Artillery p99 | Artillery max | Artillery p99 from actual send |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    foreach (var (offered, h, a) in pairs)
        md.Append(inv, $"| {offered:0} | {Cell(h, x => x.Rate.ToString("0", inv))} | {Cell(h, x => Durations.Micros(x.P50))} | {Cell(h, x => Durations.Micros(x.P99))} | {Cell(h, x => Durations.Micros(x.Max))} | {Cell(a, x => x.Rate.ToString("0", inv))} | {Cell(a, x => Durations.Micros(x.P50))} | {Cell(a, x => Durations.Micros(x.P99))} | {Cell(a, x => Durations.Micros(x.Max))} | {Cell(a, x => double.IsNaN(x.ServiceP99) ? "n/a" : Durations.Micros(x.ServiceP99))} |\n");
    foreach (var bound in p99BoundsMs)
    {
        var hBest = pairs.Where(p => p.Harness is not null && Within(p.Harness, p.Offered, bound)).Select(p => p.Offered).DefaultIfEmpty(0).Max();
        var aBest = pairs.Where(p => p.Artillery is not null && Within(p.Artillery, p.Offered, bound)).Select(p => p.Offered).DefaultIfEmpty(0).Max();
        var ceiling = pairs[^1].Harness is { } top && Within(top, pairs[^1].Offered, bound) ? " (top of the ladder: a lower bound)" : "";
        md.Append(inv, $"\nHighest rate held with p99 ≤ {bound} ms: harness {hBest:0}/s{ceiling}, Artillery {aBest:0}/s; ratio {(aBest > 0 ? (hBest / aBest).ToString("0.##", inv) + "×" : "n/a")} (goal ≥ 3×).\n");
    }
}
File.WriteAllText(Path.Combine(outDir, "bench.md"), md.ToString());
Console.WriteLine();
Console.WriteLine(md);
Console.WriteLine($"written {Path.Combine(outDir, "bench.md")}");
return 0;

// Only saturation (missing the offered rate twice in a row) ends a side's ladder; p99 is judged per bound in the summary.
static bool Sustains(Row r, double offered) => r.Rate >= 0.95 * offered;

bool Within(Row r, double offered, double? boundMs = null) => r.Rate >= 0.95 * offered && r.P99 <= (boundMs ?? p99BoundMs) * 1000;

static string Cell(Row? r, Func<Row, string> f) => r is null ? "—" : f(r);

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

string ArtilleryBin() => Path.Combine(artilleryDir, "node_modules", ".bin", "artillery");

async Task<(double Rate, LatencyHistogram Histogram, long Dropped)> RunHarnessAsync(LoadSimulation stage)
{
    await using var scenario = new EchoScenario(server.Url, connections, TimeSpan.FromSeconds(5));
    await scenario.InitAsync(CancellationToken.None);
    var result = await new LoadEngine(new EngineOptions { Simulations = [stage], WarmUp = TimeSpan.FromSeconds(1), MaxInFlight = 10_000 }).RunAsync(scenario);
    var h = result.Metrics.Get(EchoScenario.Metric).Snapshot().Histogram;
    return (h.TotalCount / result.MeasuredSeconds, h, result.Metrics.Counter(LoadEngine.DroppedIterations));
}

async Task<Row?> RunArtilleryAsync(double rate)
{
    var bin = ArtilleryBin();
    var report = Path.Combine(outDir, $"artillery-{rate:0}.json");
    var psi = new ProcessStartInfo(bin, ["run", "--quiet", "--output", report, "--target", server.Url.ToString().TrimEnd('/'), Path.Combine(artilleryDir, "echo.yml")])
    {
        RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = artilleryDir,
    };
    psi.Environment["NITRO_CONNECTIONS"] = connections.ToString(inv);
    psi.Environment["NITRO_SECONDS"] = seconds.ToString(inv);
    psi.Environment["NITRO_WARMUP_SECONDS"] = "1";
    psi.Environment["NITRO_RATE"] = rate.ToString("0.###", inv);
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
internal sealed record Row(string Name, double Rate, double P50, double P90, double P99, double Max, long Dropped = 0, double ServiceP99 = double.NaN)
{
    public static Row From(string name, double rate, LatencyHistogram h, long dropped = 0) =>
        new(name, rate, h.ValueAtPercentile(50), h.ValueAtPercentile(90), h.ValueAtPercentile(99), h.Max, dropped);

    public override string ToString() =>
        $"{Name}: {Rate:0}/s p50 {Durations.Micros(P50)} p99 {Durations.Micros(P99)} max {Durations.Micros(Max)}";
}

/// <summary>Reads Artillery's JSON report: messages sent and its own response-time summary (Artillery reports ms percentiles, not raw samples).</summary>
internal static class ArtilleryReport
{
    // Users that fall behind their schedule run past the planned seconds: the sustained rate is over the time actually
    // taken (longest user session minus its 1 s warm-up), like the harness's measured time, which includes its drain.
    private static double MeasuredSeconds(JsonElement summaries, int seconds) =>
        summaries.TryGetProperty("vusers.session_length", out var sl) ? Math.Max(seconds, sl.GetProperty("max").GetDouble() / 1000 - 1) : seconds;

    public static Row Read(string path, int seconds)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var aggregate = doc.RootElement.GetProperty("aggregate");
        var counters = aggregate.GetProperty("counters");
        double P(JsonElement v, string key) => v.TryGetProperty(key, out var ms) ? ms.GetDouble() * 1000 : double.NaN;
        long errors = counters.EnumerateObject().Where(c => c.Name.StartsWith("errors.", StringComparison.Ordinal)).Sum(c => c.Value.GetInt64());
        if (aggregate.TryGetProperty("summaries", out var summaries) && summaries.TryGetProperty("echo.response_time", out var v))
            // Measured echoes over the measured seconds (warm-up excluded in processor.js), like the harness's rate.
            return new Row("Artillery 2.0 ws engine (echo.response_time)",
                (counters.TryGetProperty("echo.measured", out var m) ? m.GetInt64() : v.GetProperty("count").GetInt64()) / MeasuredSeconds(summaries, seconds),
                P(v, "median"), P(v, "p90"), P(v, "p99"), P(v, "max"), errors,
                summaries.TryGetProperty("echo.service_time", out var sv) ? P(sv, "p99") : double.NaN);
        return new Row("Artillery 2.0 ws engine (no echoes measured)", 0, double.NaN, double.NaN, double.NaN, double.NaN, errors);
    }
}
