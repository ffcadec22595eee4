namespace NitroConformance.Fixtures.State;

/// <summary>User tags (created at signature auth by the auth part) as <c>transfer</c> needs them.</summary>
public interface IUserTagDirectory
{
    /// <summary>The wallet owning <paramref name="tag"/>, or null.</summary>
    string? WalletForTag(string tag);

    /// <summary>The tag of <paramref name="wallet"/> (exact string), or null.</summary>
    string? TagForWallet(string wallet);
}
