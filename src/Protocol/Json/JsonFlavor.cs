namespace NitroConformance.Protocol.Json;

/// <summary>Which serialiser's escaping and number rules to reproduce.</summary>
internal enum JsonFlavor
{
    /// <summary>JavaScript <c>JSON.stringify</c> (ES2019 well-formed output).</summary>
    JavaScript,

    /// <summary>Go <c>encoding/json</c> <c>Marshal</c> with its default HTML escaping.</summary>
    Go,
}
