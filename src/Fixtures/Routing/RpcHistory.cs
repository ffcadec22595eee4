using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Envelope;
using NitroConformance.Protocol.Json;

namespace NitroConformance.Fixtures.Routing;

/// <summary>
/// Stored calls of the "history" methods for <c>get_rpc_history</c> (clearnode-rpc.md §5.8, §7): sender, id, method,
/// params as Go re-encodes them (map keys sorted, numbers through a double), the bare response array, and the
/// request signatures in lowercase hex with v normalised to 0/1 where the handler recovered them; <c>res_sig</c>
/// repeats them (the Go node's capture bug).
/// </summary>
public sealed class RpcHistory
{
    /// <summary>Methods whose calls are recorded, success or failure.</summary>
    public static readonly IReadOnlySet<string> Methods = new HashSet<string>(StringComparer.Ordinal)
    {
        "transfer", "create_app_session", "submit_app_state", "close_app_session",
    };

    /// <summary>Entries kept node-wide; the oldest tenth is dropped when full so long load runs stay bounded.</summary>
    public const int Capacity = 100_000;

    private readonly List<Entry> _entries = [];
    private uint _nextId = 1;

    /// <summary>One stored call.</summary>
    public sealed record Entry(uint Id, string Sender, ulong RequestId, string Method, string Params, ulong Timestamp,
        IReadOnlyList<string> Signatures, string Response);

    /// <summary>Records a call whose response array was <paramref name="responseArray"/>.</summary>
    public void Record(string sender, InboundRequest request, string responseArray)
    {
        // transfer recovers only sig[0]; the app-session methods recover every element (and Go normalises v in place).
        var recoveredCount = request.Method == "transfer" ? 1 : request.Signatures.Count;
        var signatures = request.Signatures.Select((s, i) => Normalise(s, i < recoveredCount)).ToList();
        if (_entries.Count >= Capacity) _entries.RemoveRange(0, Capacity / 10);
        _entries.Add(new Entry(_nextId++, sender, request.RequestId, request.Method,
            GoJson.Serialize(Canonical(request.Params)), request.Timestamp, signatures, responseArray));
    }

    /// <summary>The sender's entries ordered by request timestamp (then insertion), descending unless <paramref name="ascending"/>.</summary>
    public IReadOnlyList<Entry> For(string sender, bool ascending, int offset, int limit)
    {
        var rows = _entries.Where(e => e.Sender == sender);
        rows = ascending ? rows.OrderBy(e => e.Timestamp).ThenBy(e => e.Id) : rows.OrderByDescending(e => e.Timestamp).ThenByDescending(e => e.Id);
        return rows.Skip(offset).Take(limit).ToList();
    }

    private static string Normalise(string signature, bool recovered)
    {
        var hex = "0x" + signature[2..].ToLowerInvariant();
        if (!recovered || hex.Length != 132) return hex;
        var v = Convert.ToInt32(hex[130..], 16);
        return v >= 27 ? hex[..130] + (v - 27).ToString("x2", CultureInfo.InvariantCulture) : hex;
    }

    // Go decodes params into interface{} values and marshals them again: objects get sorted keys, numbers are
    // float64s, and the rest is unchanged.
    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => SortedObject(o),
        JsonArray a => new JsonArray(a.Select(Canonical).ToArray()),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonNode.Parse(GoFloat(v.ToJsonString())),
        _ => node.DeepClone(),
    };

    private static JsonObject SortedObject(JsonObject o)
    {
        var last = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (k, v) in o) last[k] = v;
        var sorted = new JsonObject();
        foreach (var k in last.Keys.Order(StringComparer.Ordinal)) sorted[k] = Canonical(last[k]);
        return sorted;
    }

    private static string GoFloat(string raw)
    {
        var d = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(d)) return raw;
        var abs = Math.Abs(d);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            var e = d.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);
            return e.Replace("e-0", "e-", StringComparison.Ordinal).Replace("e+0", "e+", StringComparison.Ordinal);
        }
        if (d == Math.Floor(d)) return new BigInteger(d).ToString(CultureInfo.InvariantCulture);
        return d.ToString("R", CultureInfo.InvariantCulture);
    }
}
