namespace NitroConformance.Fixtures.State;

/// <summary>How the Go node's database stores amounts: 18 fractional digits (parsing and text: <see cref="Params.GoDecimal"/>).</summary>
public static class LedgerAmount
{
    /// <summary>Fractional digits kept by the Postgres DECIMAL(64,18) columns.</summary>
    public const int StorageScale = 18;

    /// <summary>Rounds a value the way Postgres stores it in a DECIMAL(64,18) column (half away from zero).</summary>
    public static decimal ToStorage(decimal value) =>
        Math.Round(value, StorageScale, MidpointRounding.AwayFromZero);
}
