namespace NitroConformance.Conformance.Scenarios;

/// <summary><c>do: transfer</c>: transfer from the sender to a wallet, an address or a user tag.</summary>
public sealed record TransferStep : Step
{
    /// <summary>The destination (a wallet name or a literal); the first entry is sent.</summary>
    public IReadOnlyList<string> To { get; init; } = [];
    /// <summary>The destination user tag.</summary>
    public string? ToTag { get; init; }
    /// <summary>What is sent (logical asset, amount).</summary>
    public IReadOnlyList<AllowanceSpec> Allocations { get; init; } = [];

    internal static TransferStep Bind(StepReader s) => new()
    {
        Allocations = s.Get("allocations") is { } ta ? s.R.AssetAmounts(ta, s.At("allocations"), "each entry is {asset, amount}") : [],
        To = s.OneOrMany("to"),
        ToTag = s.OptStr("to_tag"),
    };

    internal override void CheckReferences(ScenarioReferences refs, string field)
    {
        foreach (var t in To) refs.Wallet(t, Mark, $"{field}.to");
        if (To.Count == 0 && ToTag is null) refs.Error(Mark, $"{field}.to", "is required");
    }
}
