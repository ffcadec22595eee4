namespace NitroConformance.Protocol.Rpc;

/// <summary>Method and notification names used on the wire by ClearNode v0.5.x.</summary>
public static class RpcMethods
{
    /// <summary><c>ping</c> request.</summary>
    public const string Ping = "ping";
    /// <summary><c>pong</c> reply to ping.</summary>
    public const string Pong = "pong";
    /// <summary>Error reply method.</summary>
    public const string Error = "error";
    /// <summary><c>get_config</c>.</summary>
    public const string GetConfig = "get_config";
    /// <summary><c>get_assets</c>.</summary>
    public const string GetAssets = "get_assets";
    /// <summary><c>get_app_definition</c>.</summary>
    public const string GetAppDefinition = "get_app_definition";
    /// <summary><c>get_app_sessions</c>.</summary>
    public const string GetAppSessions = "get_app_sessions";
    /// <summary><c>get_channels</c>.</summary>
    public const string GetChannels = "get_channels";
    /// <summary><c>get_ledger_balances</c>.</summary>
    public const string GetLedgerBalances = "get_ledger_balances";
    /// <summary><c>get_ledger_entries</c>.</summary>
    public const string GetLedgerEntries = "get_ledger_entries";
    /// <summary><c>get_ledger_transactions</c>.</summary>
    public const string GetLedgerTransactions = "get_ledger_transactions";
    /// <summary><c>get_rpc_history</c>.</summary>
    public const string GetRpcHistory = "get_rpc_history";
    /// <summary><c>get_user_tag</c>.</summary>
    public const string GetUserTag = "get_user_tag";
    /// <summary><c>get_session_keys</c>.</summary>
    public const string GetSessionKeys = "get_session_keys";
    /// <summary><c>revoke_session_key</c>.</summary>
    public const string RevokeSessionKey = "revoke_session_key";
    /// <summary><c>transfer</c>.</summary>
    public const string Transfer = "transfer";
    /// <summary><c>create_app_session</c>.</summary>
    public const string CreateAppSession = "create_app_session";
    /// <summary><c>submit_app_state</c>.</summary>
    public const string SubmitAppState = "submit_app_state";
    /// <summary><c>close_app_session</c>.</summary>
    public const string CloseAppSession = "close_app_session";
    /// <summary><c>auth_request</c>.</summary>
    public const string AuthRequest = "auth_request";
    /// <summary><c>auth_challenge</c> reply to auth_request.</summary>
    public const string AuthChallenge = "auth_challenge";
    /// <summary><c>auth_verify</c>.</summary>
    public const string AuthVerify = "auth_verify";
    /// <summary>Legacy app message (<c>message</c> with top-level <c>sid</c>); v0.5.x has no handler.</summary>
    public const string Message = "message";
    /// <summary><c>cleanup_session_key_cache</c> (test mode only).</summary>
    public const string CleanupSessionKeyCache = "cleanup_session_key_cache";

    /// <summary>Push: asset list after connect.</summary>
    public const string AssetsPush = "assets";
    /// <summary>Push: open channels after auth.</summary>
    public const string ChannelsPush = "channels";
    /// <summary>Push: unified balance update.</summary>
    public const string BalanceUpdatePush = "bu";
    /// <summary>Push: channel update.</summary>
    public const string ChannelUpdatePush = "cu";
    /// <summary>Push: transfer notification.</summary>
    public const string TransferPush = "tr";
    /// <summary>Push: app session update.</summary>
    public const string AppSessionUpdatePush = "asu";
}
