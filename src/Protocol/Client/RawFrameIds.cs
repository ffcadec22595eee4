using System.Text.Json;

namespace NitroConformance.Protocol.Client;

/// <summary>Reads, leniently, the request ids a raw outgoing text may carry (<c>req[0]</c> under any spelling of the key),
/// so an answered id that a raw frame reuses is not mistaken for a second answer when the server replies to it.</summary>
internal static class RawFrameIds
{
    /// <summary>Every unsigned integer found as <c>req[0]</c> of a top-level object (keys matched without case, as Go decodes them); empty when none.</summary>
    public static IReadOnlyList<ulong> Read(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return [];
            var ids = new List<ulong>();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (!p.Name.Equals("req", StringComparison.OrdinalIgnoreCase) || p.Value.ValueKind != JsonValueKind.Array) continue;
                var first = p.Value.EnumerateArray().FirstOrDefault();
                if (first.ValueKind == JsonValueKind.Number && first.TryGetUInt64(out var id)) ids.Add(id);
            }
            return ids;
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
