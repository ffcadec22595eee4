using System.Text.Json.Nodes;
using NitroConformance.Conformance.Scenarios;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Conformance.Running;

/// <summary>The <c>save:</c> of a step: result fields kept under names for later <c>{saved:name}</c> placeholders.</summary>
public static class ResultSaver
{
    /// <summary>A success callback that saves every listed field, or fails naming the first missing one; null when nothing is saved.</summary>
    public static Func<RpcOutcome, string?>? For(CaseState state, IReadOnlyList<KeyValuePair<string, YNode>> save) => save.Count == 0 ? null : r =>
    {
        foreach (var (name, path) in save)
        {
            var at = ((YScalar)path).Value;
            if (!JsonMatch.TryGet(r.Response.Params, at, out var value) || value is null) return $"save {name}: the result has no {at}";
            state.Saved[name] = value is JsonValue v && v.TryGetValue<string>(out var text) ? text : value.ToJsonString();
        }
        return null;
    };
}
