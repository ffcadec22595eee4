using System.Text.Json.Nodes;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Protocol.Rpc;

/// <summary>Typed <c>params</c> builders whose key order matches what the TypeScript SDK 0.5.3 puts on the wire.</summary>
/// <remarks>The signed bytes depend on key order, so each builder writes keys in the SDK's order (pinned by
/// vectors/rpc-signing.json and eip712-auth.json). Optional keys are omitted when null, as the SDK drops undefined.</remarks>
public static class Requests
{
    /// <summary><c>ping</c>: <c>{}</c>.</summary>
    public static JsonObject Ping() => [];

    /// <summary><c>get_config</c>: <c>{}</c>.</summary>
    public static JsonObject GetConfig() => [];

    /// <summary><c>get_assets</c>: <c>{}</c> or <c>{"chain_id":n}</c>; like the SDK, a null or 0 chain id is left out.</summary>
    public static JsonObject GetAssets(ulong? chainId = null)
    {
        var o = new JsonObject();
        if (chainId is { } c && c != 0) o["chain_id"] = c;
        return o;
    }

    /// <summary><c>get_app_definition</c>: <c>{"app_session_id"}</c>.</summary>
    public static JsonObject GetAppDefinition(string appSessionId) => new() { ["app_session_id"] = appSessionId };

    /// <summary><c>get_app_sessions</c>: <c>{"participant"?, "status"?}</c>.</summary>
    public static JsonObject GetAppSessions(string? participant = null, string? status = null)
    {
        var o = new JsonObject();
        if (participant is not null) o["participant"] = participant;
        if (status is not null) o["status"] = status;
        return o;
    }

    /// <summary><c>get_ledger_balances</c>: <c>{}</c> (own balances) or <c>{"account_id"}</c>.</summary>
    public static JsonObject GetLedgerBalances(string? accountId = null)
    {
        var o = new JsonObject();
        if (accountId is not null) o["account_id"] = accountId;
        return o;
    }

    /// <summary><c>get_ledger_transactions</c>: <c>{"account_id", "asset"?, "tx_type"?, "offset"?, "limit"?, "sort"?}</c>;
    /// like the SDK's filter copy, null and empty-string filters are left out.</summary>
    public static JsonObject GetLedgerTransactions(string accountId, string? asset = null, string? txType = null,
        ulong? offset = null, ulong? limit = null, string? sort = null)
    {
        var o = new JsonObject { ["account_id"] = accountId };
        if (!string.IsNullOrEmpty(asset)) o["asset"] = asset;
        if (!string.IsNullOrEmpty(txType)) o["tx_type"] = txType;
        if (offset is { } off) o["offset"] = off;
        if (limit is { } lim) o["limit"] = lim;
        if (!string.IsNullOrEmpty(sort)) o["sort"] = sort;
        return o;
    }

    /// <summary><c>transfer</c>: <c>{"destination"?, "destination_user_tag"?, "allocations":[{"asset","amount"}]}</c>.</summary>
    public static JsonObject Transfer(string? destination, IEnumerable<TransferAllocation> allocations, string? destinationUserTag = null)
    {
        ArgumentNullException.ThrowIfNull(allocations);
        var o = new JsonObject();
        if (destination is not null) o["destination"] = destination;
        if (destinationUserTag is not null) o["destination_user_tag"] = destinationUserTag;
        var list = new JsonArray();
        foreach (var a in allocations) list.Add(new JsonObject { ["asset"] = a.Asset, ["amount"] = a.Amount });
        o["allocations"] = list;
        return o;
    }

    /// <summary><c>create_app_session</c>: <c>{"definition":{application, protocol, participants, weights, quorum, challenge, nonce}, "allocations", "session_data"?}</c>.</summary>
    public static JsonObject CreateAppSession(AppDefinition definition, IEnumerable<AppAllocation> allocations, string? sessionData = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var o = new JsonObject
        {
            ["definition"] = Definition(definition),
            ["allocations"] = Allocations(allocations),
        };
        if (sessionData is not null) o["session_data"] = sessionData;
        return o;
    }

    /// <summary>The <c>definition</c> object alone, in the SDK's key order.</summary>
    public static JsonObject Definition(AppDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var participants = new JsonArray();
        foreach (var p in d.Participants) participants.Add(p);
        var weights = new JsonArray();
        foreach (var w in d.Weights) weights.Add(w);
        return new JsonObject
        {
            ["application"] = d.Application,
            ["protocol"] = d.Protocol,
            ["participants"] = participants,
            ["weights"] = weights,
            ["quorum"] = d.Quorum,
            ["challenge"] = d.Challenge,
            ["nonce"] = d.Nonce,
        };
    }

    /// <summary><c>submit_app_state</c>, NitroRPC/0.2 form: <c>{"app_session_id", "allocations", "session_data"?}</c>.</summary>
    public static JsonObject SubmitAppState(string appSessionId, IEnumerable<AppAllocation> allocations, string? sessionData = null)
    {
        var o = new JsonObject
        {
            ["app_session_id"] = appSessionId,
            ["allocations"] = Allocations(allocations),
        };
        if (sessionData is not null) o["session_data"] = sessionData;
        return o;
    }

    /// <summary><c>submit_app_state</c>, NitroRPC/0.4 form: <c>{"app_session_id", "intent", "version", "allocations", "session_data"?}</c>.</summary>
    public static JsonObject SubmitAppState(string appSessionId, string intent, ulong version, IEnumerable<AppAllocation> allocations, string? sessionData = null)
    {
        var o = new JsonObject
        {
            ["app_session_id"] = appSessionId,
            ["intent"] = intent,
            ["version"] = version,
            ["allocations"] = Allocations(allocations),
        };
        if (sessionData is not null) o["session_data"] = sessionData;
        return o;
    }

    /// <summary><c>close_app_session</c>: <c>{"app_session_id", "allocations", "session_data"?}</c>.</summary>
    public static JsonObject CloseAppSession(string appSessionId, IEnumerable<AppAllocation> allocations, string? sessionData = null)
        => SubmitAppState(appSessionId, allocations, sessionData);

    /// <summary><c>auth_request</c>: <c>{"address", "session_key", "application", "allowances", "expires_at", "scope"}</c>; expires_at in Unix seconds.</summary>
    public static JsonObject AuthRequest(string address, string sessionKey, string application, IEnumerable<Allowance> allowances, ulong expiresAt, string scope)
    {
        ArgumentNullException.ThrowIfNull(allowances);
        var list = new JsonArray();
        foreach (var a in allowances) list.Add(new JsonObject { ["asset"] = a.Asset, ["amount"] = a.Amount });
        return new JsonObject
        {
            ["address"] = address,
            ["session_key"] = sessionKey,
            ["application"] = application,
            ["allowances"] = list,
            ["expires_at"] = expiresAt,
            ["scope"] = scope,
        };
    }

    /// <summary><c>auth_verify</c>, signature path: <c>{"challenge"}</c> (the EIP-712 signature goes in <c>sig[0]</c>).</summary>
    public static JsonObject AuthVerify(string challenge) => new() { ["challenge"] = challenge };

    /// <summary><c>auth_verify</c>, JWT path: <c>{"jwt"}</c>, sent unsigned.</summary>
    public static JsonObject AuthVerifyJwt(string jwt) => new() { ["jwt"] = jwt };

    /// <summary>Legacy app message: a <c>message</c> request whose params are the payload as given and whose top-level <c>sid</c> is the app session id.</summary>
    public static RpcRequest AppMessage(ulong requestId, string appSessionId, JsonNode payload, ulong timestamp)
    {
        ArgumentNullException.ThrowIfNull(appSessionId);
        ArgumentNullException.ThrowIfNull(payload);
        return new RpcRequest(requestId, RpcMethods.Message, payload, timestamp, appSessionId);
    }

    private static JsonArray Allocations(IEnumerable<AppAllocation> allocations)
    {
        ArgumentNullException.ThrowIfNull(allocations);
        var list = new JsonArray();
        foreach (var a in allocations)
            list.Add(new JsonObject { ["participant"] = a.Participant, ["asset"] = a.Asset, ["amount"] = a.Amount });
        return list;
    }
}
