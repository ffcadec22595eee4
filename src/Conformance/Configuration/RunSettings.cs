using Microsoft.Extensions.Configuration;

namespace NitroConformance.Conformance.Configuration;

/// <summary>Everything a conformance run is configured with (appsettings.json, NITRO_* env vars, TestRunParameters).</summary>
public sealed record RunSettings
{
    /// <summary>Target WebSocket URL; null starts the embedded reference node.</summary>
    public string? TargetUrl { get; init; }
    /// <summary>Name of the target in reports and of its known-failing list.</summary>
    public string TargetName { get; init; } = "reference";
    /// <summary>Private key (hex) of the funded treasury wallet on a real target.</summary>
    public string? TreasuryKey { get; init; }
    /// <summary>Logical asset → target symbol.</summary>
    public IReadOnlyDictionary<string, string> Assets { get; init; } = new Dictionary<string, string> { ["usdc"] = "usdc", ["eth"] = "eth" };
    /// <summary>Optional features the target supports; null = all.</summary>
    public IReadOnlySet<string>? Features { get; init; }
    /// <summary>Strict mode: NON-STRICT counts as FAILED. Default: on for the embedded node, off for real targets.</summary>
    public bool Strict { get; init; } = true;
    /// <summary>Seed from which every case's wallets are derived.</summary>
    public string Seed { get; init; } = Guid.NewGuid().ToString("N");
    /// <summary>Per-request response timeout.</summary>
    public int RequestTimeoutMs { get; init; } = 5000;
    /// <summary>Default wait for an expected push.</summary>
    public int PushTimeoutMs { get; init; } = 2000;
    /// <summary>How long a <c>not_to</c> wallet is watched for a push that must not come.</summary>
    public int AbsenceWindowMs { get; init; } = 150;
    /// <summary>Budget of one case, set-up to funds invariant; a case over it fails.</summary>
    public int CaseTimeoutMs { get; init; } = 30000;
    /// <summary>How long opening a WebSocket to the target may take.</summary>
    public int ConnectTimeoutMs { get; init; } = 5000;
    /// <summary>Cases run at once by the self-proof runner.</summary>
    public int Parallelism { get; init; } = 8;
    /// <summary>Sweep leftover unified balances back to the treasury after each case (default: real targets only).</summary>
    public bool Sweep { get; init; }
    /// <summary>Directory the reports are written to (<c>reports/conformance</c> by default).</summary>
    public string ReportsDirectory { get; init; } = "";
    /// <summary>Directory the scenario YAML files are loaded from (<c>scenarios</c> by default).</summary>
    public string ScenariosDirectory { get; init; } = "";
    /// <summary>Known-failing list file for the target.</summary>
    public string? KnownFailingFile { get; init; }
    /// <summary>Lease logged-in wallets to cases that do not test authentication (JWT re-login instead of a new challenge).</summary>
    public bool WalletPool { get; init; } = true;
    /// <summary>When destructive cases run.</summary>
    public DestructiveMode Destructive { get; init; } = DestructiveMode.Last;
    /// <summary>Treasury funds per logical asset for the embedded node.</summary>
    public decimal EmbeddedTreasuryFunds { get; init; } = 1_000_000_000m;
    /// <summary>
    /// A case that cannot run (SKIPPED, UNIMPLEMENTED, a failed pre-flight) fails instead of being ignored. For mutation
    /// runs: there the embedded node is always funded and complete, so a skip means the mutant broke it.
    /// </summary>
    public bool NotRunFails { get; init; }

    /// <summary>True when the suite starts the embedded node.</summary>
    public bool Embedded => string.IsNullOrWhiteSpace(TargetUrl);

    /// <summary>Target symbol of a logical asset (unmapped names pass through).</summary>
    public string Asset(string logical) => Assets.TryGetValue(logical, out var s) ? s : logical;

    /// <summary>True when the target supports <paramref name="feature"/>.</summary>
    public bool Supports(string feature) => Features is null || Features.Contains(feature);

    /// <summary>Builds the configuration: appsettings.json in <paramref name="baseDirectory"/>, then NITRO_ env vars, then <paramref name="overrides"/> (TestRunParameters).</summary>
    public static IConfiguration BuildConfiguration(string baseDirectory, IEnumerable<KeyValuePair<string, string?>>? overrides = null,
        IDictionary<string, string?>? environment = null)
    {
        var builder = new ConfigurationBuilder()
            .SetBasePath(baseDirectory)
            .AddJsonFile("appsettings.json", optional: true);
        if (environment is null) builder.AddEnvironmentVariables("NITRO_");
        else builder.AddInMemoryCollection(environment
            .Where(e => e.Key.StartsWith("NITRO_", StringComparison.Ordinal))
            .Select(e => new KeyValuePair<string, string?>(e.Key["NITRO_".Length..].Replace("__", ":", StringComparison.Ordinal), e.Value)));
        if (overrides is not null) builder.AddInMemoryCollection(overrides);
        return builder.Build();
    }

    /// <summary>Reads settings from configuration; relative paths resolve against <paramref name="repositoryRoot"/>. Throws naming the key on bad values.</summary>
    public static RunSettings From(IConfiguration config, string repositoryRoot)
    {
        var url = Nonempty(config["Target:Url"]);
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "ws" or "wss"))
            throw new InvalidOperationException($"Target:Url '{url}' is not a ws:// or wss:// URL (NITRO_TARGET__URL).");
        var embedded = url is null;
        var assets = config.GetSection("Target:Assets").GetChildren().ToDictionary(c => c.Key, c => c.Value ?? c.Key);
        var features = config.GetSection("Target:Features").GetChildren().Select(c => c.Value).OfType<string>().ToHashSet();
        var featureText = Nonempty(config["Target:Features"]);
        if (featureText is not null) features.UnionWith(featureText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        var name = Nonempty(config["Target:Name"]) ?? (embedded ? "reference" : new Uri(url!).Host);
        string Resolve(string? path, string fallback) => Path.GetFullPath(Path.Combine(repositoryRoot, Nonempty(path) ?? fallback));
        var defaults = new RunSettings();
        var knownFailing = Nonempty(config["Target:KnownFailing"]);
        return new RunSettings
        {
            TargetUrl = url,
            TargetName = name,
            TreasuryKey = Nonempty(config["Target:TreasuryKey"]),
            Assets = assets.Count > 0 ? assets : defaults.Assets,
            Features = features.Count > 0 ? features : null,
            Strict = Bool(config, "Run:Strict") ?? embedded,
            Seed = Nonempty(config["Run:Seed"]) ?? defaults.Seed,
            RequestTimeoutMs = Int(config, "Run:RequestTimeoutMs") ?? defaults.RequestTimeoutMs,
            PushTimeoutMs = Int(config, "Run:PushTimeoutMs") ?? (embedded ? defaults.PushTimeoutMs : 5000),
            AbsenceWindowMs = Int(config, "Run:AbsenceWindowMs") ?? (embedded ? defaults.AbsenceWindowMs : 1000),
            CaseTimeoutMs = Int(config, "Run:CaseTimeoutMs") ?? defaults.CaseTimeoutMs,
            ConnectTimeoutMs = Int(config, "Run:ConnectTimeoutMs") ?? defaults.ConnectTimeoutMs,
            Parallelism = Int(config, "Run:Parallelism") ?? defaults.Parallelism,
            Sweep = Bool(config, "Run:Sweep") ?? !embedded,
            ReportsDirectory = Resolve(config["Run:ReportsDirectory"], "reports/conformance"),
            ScenariosDirectory = Resolve(config["Run:ScenariosDirectory"], "scenarios"),
            KnownFailingFile = knownFailing is not null
                ? Resolve(knownFailing, knownFailing)
                : Path.Combine(repositoryRoot, "src", "Conformance", "KnownFailing", $"{name}.txt"),
            EmbeddedTreasuryFunds = Decimal(config, "Embedded:TreasuryFunds") ?? defaults.EmbeddedTreasuryFunds,
            Destructive = Mode(config, "Run:Destructive") ?? defaults.Destructive,
            WalletPool = Bool(config, "Run:WalletPool") ?? defaults.WalletPool,
            NotRunFails = Bool(config, "Run:NotRunFails") ?? defaults.NotRunFails,
        };
    }

    /// <summary>The repository root: the nearest ancestor of <paramref name="start"/> holding a <c>scenarios</c> folder.</summary>
    public static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "scenarios")) && Directory.Exists(Path.Combine(dir.FullName, "src")))
                return dir.FullName;
        return start;
    }

    private static string? Nonempty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static int? Int(IConfiguration c, string key)
    {
        var v = Nonempty(c[key]);
        if (v is null) return null;
        return int.TryParse(v, out var i) && i > 0 ? i : throw new InvalidOperationException($"{key} must be a positive integer, got '{v}'.");
    }

    private static decimal? Decimal(IConfiguration c, string key)
    {
        var v = Nonempty(c[key]);
        if (v is null) return null;
        return decimal.TryParse(v, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var d) && d > 0
            ? d : throw new InvalidOperationException($"{key} must be a positive decimal, got '{v}'.");
    }

    private static DestructiveMode? Mode(IConfiguration c, string key)
    {
        var v = Nonempty(c[key]);
        if (v is null) return null;
        return v.ToLowerInvariant() switch
        {
            "last" => DestructiveMode.Last,
            "skip" => DestructiveMode.Skip,
            "inline" => DestructiveMode.Inline,
            _ => throw new InvalidOperationException($"{key} (NITRO_RUN__DESTRUCTIVE) must be last, skip or inline, got '{v}'."),
        };
    }

    private static bool? Bool(IConfiguration c, string key)
    {
        var v = Nonempty(c[key]);
        if (v is null) return null;
        return bool.TryParse(v, out var b) ? b : throw new InvalidOperationException($"{key} must be true or false, got '{v}'.");
    }
}
