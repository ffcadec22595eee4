namespace NitroConformance.Protocol.Rpc;

/// <summary>Method and notification names used on the wire by ClearNode v0.5.x.</summary>
public static class RpcMethods
{
    /// <summary><c>ping</c>: liveness check, answered with <c>pong</c> and no other effect.</summary>
    public const string Ping = "ping";
    /// <summary><c>pong</c> reply to ping.</summary>
    public const string Pong = "pong";
    /// <summary>Method of every error reply; its params hold the <c>error</c> text.</summary>
    public const string Error = "error";
    /// <summary><c>get_config</c>: the broker address and the networks the node serves.</summary>
    public const string GetConfig = "get_config";
    /// <summary><c>get_assets</c>: supported assets per chain (symbol, token, decimals).</summary>
    public const string GetAssets = "get_assets";
    /// <summary><c>get_app_definition</c>: the definition of one app session, by id.</summary>
    public const string GetAppDefinition = "get_app_definition";
    /// <summary><c>get_app_sessions</c>: app sessions of a participant, filtered by status, paginated.</summary>
    public const string GetAppSessions = "get_app_sessions";
    /// <summary><c>get_channels</c>: payment channels of a participant.</summary>
    public const string GetChannels = "get_channels";
    /// <summary><c>get_ledger_balances</c>: the caller's unified balances, or shares in an app session (<c>account_id</c>).</summary>
    public const string GetLedgerBalances = "get_ledger_balances";
    /// <summary><c>get_ledger_entries</c>: double-entry ledger rows of an account.</summary>
    public const string GetLedgerEntries = "get_ledger_entries";
    /// <summary><c>get_ledger_transactions</c>: transactions of an account (transfers, app deposits, …), filterable by type.</summary>
    public const string GetLedgerTransactions = "get_ledger_transactions";
    /// <summary><c>get_rpc_history</c>: the caller's recent requests as the node recorded them.</summary>
    public const string GetRpcHistory = "get_rpc_history";
    /// <summary><c>get_user_tag</c>: the caller's short user tag, usable as a transfer destination.</summary>
    public const string GetUserTag = "get_user_tag";
    /// <summary><c>get_session_keys</c>: the caller's active session keys with allowances and amounts used.</summary>
    public const string GetSessionKeys = "get_session_keys";
    /// <summary><c>revoke_session_key</c>: revokes one of the caller's session keys.</summary>
    public const string RevokeSessionKey = "revoke_session_key";
    /// <summary><c>transfer</c>: moves funds from the caller's unified balance to a wallet or user tag.</summary>
    public const string Transfer = "transfer";
    /// <summary><c>create_app_session</c>: opens an app session from a definition and initial allocations, signed by the funders.</summary>
    public const string CreateAppSession = "create_app_session";
    /// <summary><c>submit_app_state</c>: new allocations for an open app session, signed to quorum (0.4 adds intent and version).</summary>
    public const string SubmitAppState = "submit_app_state";
    /// <summary><c>close_app_session</c>: closes an app session with final allocations, signed to quorum.</summary>
    public const string CloseAppSession = "close_app_session";
    /// <summary><c>auth_request</c>: login step 1 (address, session key, policy); answered with a challenge.</summary>
    public const string AuthRequest = "auth_request";
    /// <summary><c>auth_challenge</c> reply to auth_request.</summary>
    public const string AuthChallenge = "auth_challenge";
    /// <summary><c>auth_verify</c>: login step 2, the EIP-712-signed challenge or a JWT; answered with a JWT.</summary>
    public const string AuthVerify = "auth_verify";
    /// <summary>Legacy app message (<c>message</c> with top-level <c>sid</c>); v0.5.x has no handler.</summary>
    public const string Message = "message";
    /// <summary><c>cleanup_session_key_cache</c> (test mode only).</summary>
    public const string CleanupSessionKeyCache = "cleanup_session_key_cache";

    /// <summary>Push <c>assets</c>: the asset list, sent on connect.</summary>
    public const string AssetsPush = "assets";
    /// <summary>Push <c>channels</c>: the wallet's open channels, sent after authentication.</summary>
    public const string ChannelsPush = "channels";
    /// <summary>Push <c>bu</c>: a wallet's unified balances changed.</summary>
    public const string BalanceUpdatePush = "bu";
    /// <summary>Push <c>cu</c>: one of the wallet's payment channels changed.</summary>
    public const string ChannelUpdatePush = "cu";
    /// <summary>Push <c>tr</c>: transactions that moved the wallet's funds (sender and receiver both get it).</summary>
    public const string TransferPush = "tr";
    /// <summary>Push <c>asu</c>: an app session the wallet takes part in was created, updated or closed.</summary>
    public const string AppSessionUpdatePush = "asu";
}
