namespace NitroConformance.Conformance.Scenarios;

/// <summary><c>do: reauth</c>: auth_verify with a JWT, on a fresh connection or (<c>connection: same</c>) the wallet's own.</summary>
public sealed record ReauthStep : Step
{
    /// <summary><c>saved</c> (default: the wallet's saved JWT) or a literal / template.</summary>
    public string? Jwt { get; init; }
    /// <summary><c>same</c> sends on the wallet's connection; anything else opens a fresh one.</summary>
    public string? Connection { get; init; }

    internal static ReauthStep Bind(StepReader s) => new()
    {
        Connection = s.OptStr("connection"),
        Jwt = s.OptStr("jwt"),
    };
}
