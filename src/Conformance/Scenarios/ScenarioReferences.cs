namespace NitroConformance.Conformance.Scenarios;

/// <summary>What a scenario declares (wallets, saved keys, extra connections) and the reference checks steps run against it.</summary>
internal sealed class ScenarioReferences
{
    private readonly IReadOnlySet<string> _wallets;
    private readonly HashSet<string> _keyed;
    private readonly HashSet<string> _named;
    private readonly HashSet<string> _connections;

    public ScenarioReferences(Scenario s, IReadOnlySet<string> wallets, List<ScenarioError> errors)
    {
        _wallets = wallets;
        Errors = errors;
        Scenario = s;
        var first = s.Wallets.Count > 0 ? s.Wallets[0].Name : "";
        var auths = s.Steps.OfType<AuthStep>().ToList();
        _keyed = s.Wallets.Where(w => w.SessionKey is not null).Select(w => w.Name).ToHashSet();
        _keyed.UnionWith(auths.Where(a => a.SaveKey).Select(a => a.As ?? first));
        // Extra named keys (auth save_key_as: key2 → alice.key2).
        _named = auths.Where(a => a.SaveKeyAs is not null).Select(a => $"{a.As ?? first}.{a.SaveKeyAs}").ToHashSet();
        // Extra connections (wallets.alice.connections: 2 → alice#2).
        _connections = s.Wallets.SelectMany(w => Enumerable.Range(2, Math.Max(0, w.Connections - 1)).Select(i => $"{w.Name}#{i}")).ToHashSet();
    }

    /// <summary>The scenario being checked.</summary>
    public Scenario Scenario { get; }

    /// <summary>Where problems are collected.</summary>
    public List<ScenarioError> Errors { get; }

    /// <summary>Records a problem.</summary>
    public void Error(SourceMark mark, string field, string message) => Errors.Add(new(mark, field, message));

    /// <summary>A wallet name; with <paramref name="allowLiteral"/> an address (<c>0x…</c>) or a template passes too.</summary>
    public void Wallet(string? name, SourceMark mark, string field, bool allowLiteral = true)
    {
        if (name is null) return;
        if (allowLiteral && IsLiteral(name)) return;
        if (!_wallets.Contains(name))
            Error(mark, field, $"unknown wallet '{name}' (declared: {string.Join(", ", _wallets)})");
    }

    /// <summary>A signer reference: <c>alice</c>, <c>alice.key</c> (needs a registered key) or <c>alice.key2</c> (needs save_key_as).</summary>
    public void Signer(string signer, SourceMark mark, string field)
    {
        var dot = signer.IndexOf('.', StringComparison.Ordinal);
        var name = dot < 0 ? signer : signer[..dot];
        Wallet(name, mark, field, allowLiteral: false);
        if (dot < 0 || !_wallets.Contains(name)) return;
        var suffix = signer[(dot + 1)..];
        if (suffix == "key" && !_keyed.Contains(name))
            Error(mark, field, $"'{signer}' needs wallets.{name}.session_key or an auth step with save_key");
        else if (suffix != "key" && !_named.Contains(signer))
            Error(mark, field, $"'{signer}' needs an auth step of {name} with save_key_as: {suffix}");
    }

    /// <summary>A connection that receives frames: a wallet or one of its extra connections (<c>alice#2</c>).</summary>
    public void Receiver(string name, SourceMark mark, string field)
    {
        if (!_connections.Contains(name)) Wallet(name, mark, field, allowLiteral: false);
    }

    /// <summary>The wallets named as participants and in allocations of a definition.</summary>
    public void Definition(DefinitionSpec d, SourceMark mark, string field)
    {
        foreach (var p in d.Participants ?? []) Wallet(p, mark, $"{field}.participants");
        Allocations(d.Allocations, mark, field);
    }

    /// <summary>The wallets named in allocations.</summary>
    public void Allocations(IReadOnlyList<AllocationSpec>? allocations, SourceMark mark, string field)
    {
        foreach (var a in allocations ?? []) Wallet(a.Participant, mark, $"{field}.allocations.participant");
    }

    /// <summary>An address (<c>0x…</c>) or a template, which are not checked against the wallets.</summary>
    public static bool IsLiteral(string text) => text.StartsWith("0x", StringComparison.Ordinal) || text.Contains('{', StringComparison.Ordinal);
}
