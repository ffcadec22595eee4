namespace NitroConformance.Conformance.Scenarios;

/// <summary>Reads a check step's <c>session_state:</c> (status, version, session_data as listed by the node).</summary>
internal static class SessionStateBinder
{
    private static readonly string[] Keys = ["status", "version", "session_data"];

    /// <summary>The expected session state, or null when the node is not a mapping.</summary>
    public static SessionStateSpec? Bind(YNode node, string field, FieldReader r)
    {
        if (node is not YMap m)
        {
            r.Errors.Add(new(node.Mark, field, "must be {status, version, session_data}"));
            return null;
        }
        r.CheckKeys(m, Keys, field);
        var status = r.OptStr(m, "status", $"{field}.status");
        if (status is not null and not "open" and not "closed") r.Errors.Add(new(m.Get("status")!.Mark, $"{field}.status", "must be open or closed"));
        return new SessionStateSpec(status,
            r.OptStr(m, "version", $"{field}.version"),
            r.OptStr(m, "session_data", $"{field}.session_data"));
    }
}
