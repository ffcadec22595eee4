using System.Text.Json.Nodes;

namespace NitroConformance.Fixtures.Node;

/// <summary>
/// The result of one handler call: a result (serialised Go-style into the response) or an error text,
/// plus the pushes to queue, in order, before the response is written.
/// </summary>
public sealed record MethodOutcome(JsonNode? Result, string? Error, IReadOnlyList<Notification> Notifications)
{
    /// <summary>A successful outcome whose response method is the request method.</summary>
    public static MethodOutcome Ok(JsonNode? result, IReadOnlyList<Notification>? notifications = null) =>
        new(result, null, notifications ?? []);

    /// <summary>A failed outcome answered as <c>error</c> with <paramref name="error"/> verbatim.</summary>
    public static MethodOutcome Fail(string error, IReadOnlyList<Notification>? notifications = null) =>
        new(null, error, notifications ?? []);

    /// <summary>True when the handler failed.</summary>
    public bool IsError => Error is not null;
}
