using System.Text.Json.Nodes;

namespace NitroConformance.Fixtures.Node;

/// <summary>A server push addressed to every connection bound to <paramref name="Wallet"/> (exact string match).</summary>
public sealed record Notification(string Wallet, string Method, JsonNode Payload);
