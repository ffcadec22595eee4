using System.Globalization;
using NitroConformance.Load.Capacity;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Profiles;
using NitroConformance.Load.Thresholds;

namespace NitroConformance.Load.Cli;

/// <summary>Applies command-line/environment settings on top of a profile.</summary>
public static class ProfileOverrides
{
    /// <summary>Options understood by <c>run</c>.</summary>
    public static IReadOnlySet<string> Known { get; } = new HashSet<string>
    {
        "profile", "scenario", "target", "warmup", "duration", "rate", "copies", "sessions", "participants", "protocol",
        "out", "run-id", "quiet", "shard", "max-iterations", "timeout", "max-in-flight", "no-thresholds", "budget", "max-rate",
    };

    /// <summary>Returns the profile with every given setting applied; errors name the option.</summary>
    public static LoadProfile Apply(LoadProfile p, CliSettings s)
    {
        foreach (var key in s.Options.Keys)
            if (!Known.Contains(key)) throw new ArgumentException($"unknown option --{key} (known: {string.Join(", ", Known.Order().Select(k => "--" + k))}, --param k=v, --threshold EXPR)");
        // The profile's params belong to its own workload; another workload starts from its defaults (params are strict).
        if (s.Get("scenario") is { } sc && sc != p.Scenario) p = p with { Scenario = sc, Params = new Dictionary<string, string>() };
        if (s.Get("target") is { } t) p = p with { Target = t };
        if (s.Get("warmup") is { } w) p = p with { WarmUp = Durations.Parse(w, "--warmup") };
        if (s.Get("timeout") is { } to) p = p with { Timeout = Durations.Parse(to, "--timeout") };
        if (s.Get("out") is { } o) p = p with { OutputRoot = o };
        if (s.Get("run-id") is { } id) p = p with { RunId = id };
        if (s.Has("quiet")) p = p with { Quiet = true };
        if (s.Get("max-iterations") is { } mi) p = p with { MaxIterations = Int(mi, "--max-iterations") };
        if (s.Get("max-in-flight") is { } mf) p = p with { MaxInFlight = Int(mf, "--max-in-flight") };
        if (s.Get("shard") is { } sh) p = p with { Shard = ParseShard(sh) };
        if (s.Get("duration") is not null || s.Get("rate") is not null || s.Get("copies") is not null) p = p with { Load = [OneStage(p, s)] };
        var prm = new Dictionary<string, string>(p.Params, StringComparer.Ordinal);
        foreach (var key in new[] { "sessions", "participants", "protocol" })
            if (s.Get(key) is { } v) prm[key] = v;
        foreach (var kv in s.Lists.GetValueOrDefault("param") ?? [])
        {
            var eq = kv.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--param '{kv}': expected key=value");
            prm[kv[..eq]] = kv[(eq + 1)..];
        }
        p = p with { Params = prm };
        if (s.Has("no-thresholds")) p = p with { Thresholds = [] };
        if (s.Lists.GetValueOrDefault("threshold") is { } extra)
            p = p with { Thresholds = [.. p.Thresholds, .. extra.Select(e => Threshold.Parse(e, "--threshold"))] };
        if (s.Get("budget") is not null || s.Get("max-rate") is not null)
        {
            var c = p.Capacity ?? CapacitySearchOptions.Default;
            if (s.Get("budget") is { } b) c = c with { Budget = Durations.Parse(b, "--budget") };
            if (s.Get("max-rate") is { } mr) c = c with { MaxRate = Int(mr, "--max-rate") };
            c.Validate();
            p = p with { Capacity = c };
        }
        p.ToEngineOptions().Validate();
        return p;
    }

    /// <summary>Parses "i/N" (1-based) into a 0-based index and count.</summary>
    public static (int Index, int Count) ParseShard(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && i >= 1 && i <= n)
            return (i - 1, n);
        throw new ArgumentException($"--shard '{text}': expected i/N with 1 <= i <= N, e.g. 2/4");
    }

    private static int Int(string v, string name) =>
        int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} '{v}': expected a positive integer");

    // --duration/--rate/--copies replace the stages with one stage of the profile's model.
    private static LoadSimulation OneStage(LoadProfile p, CliSettings s)
    {
        var during = s.Get("duration") is { } d ? Durations.Parse(d, "--duration") : p.Load.Aggregate(TimeSpan.Zero, (a, x) => a + x.During);
        if (s.Get("copies") is { } c) return new KeepConstant(Int(c, "--copies"), during);
        if (s.Get("rate") is { } r)
        {
            if (!double.TryParse(r, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || rate <= 0)
                throw new ArgumentException($"--rate '{r}': expected a positive number of iterations per second");
            return new Inject(rate, TimeSpan.FromSeconds(1), during);
        }
        return p.Load[^1] switch
        {
            Inject i => i with { During = during },
            RampingInject ri => new Inject(ri.Rate, ri.Interval, during),
            KeepConstant k => k with { During = during },
            RampingConstant rc => new KeepConstant(rc.Copies, during),
            _ => throw new InvalidOperationException("unknown stage"),
        };
    }
}
