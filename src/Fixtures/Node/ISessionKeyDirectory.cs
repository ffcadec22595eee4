namespace NitroConformance.Fixtures.Node;

/// <summary>Session keys as the app-session and transfer logic needs them (implemented by the auth part).</summary>
public interface ISessionKeyDirectory
{
    /// <summary>The wallet an active session key maps to, or null (the signer then maps to itself).</summary>
    string? WalletFor(string signer, DateTimeOffset now);

    /// <summary>The stored key row whatever its state, or null when no such key was ever registered.</summary>
    SessionKeyRecord? Find(string sessionKey);
}
