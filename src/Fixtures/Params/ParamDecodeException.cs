namespace NitroConformance.Fixtures.Params;

/// <summary>Params that Go's <c>encoding/json</c> would refuse to decode into the handler's struct.</summary>
public sealed class ParamDecodeException(string field) : Exception($"Cannot decode params field '{field}'.")
{
    /// <summary>The field whose value had the wrong type.</summary>
    public string Field { get; } = field;
}
