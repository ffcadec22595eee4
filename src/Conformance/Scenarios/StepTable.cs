using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Conformance.Scenarios;

/// <summary>One row of <see cref="StepTable"/>: an action, the keys it allows on top of the common ones, the RPC method it
/// sends, and how a step mapping becomes its record.</summary>
internal sealed record StepKind(string Action, Type Record, IReadOnlyList<string> Keys, Func<Step, string?> MethodOf, Func<StepReader, Step> Bind)
{
    /// <summary>Its request is signed over <c>req</c>, so <c>signature:</c> applies.</summary>
    public bool SignsOverReq { get; init; }
    /// <summary>May expect no response at all (<c>expect: none</c>).</summary>
    public bool MayExpectSilence { get; init; }
    /// <summary>Causes no pushes, so push settling looks past it (see <c>PushSettling</c>).</summary>
    public bool CausesNoPushes { get; init; }
}

/// <summary>Every step action a scenario may name: the one place that says which keys an action takes, what it sends
/// and which record holds it. The loader, the reference checks, push settling, categories and the schema test read it;
/// the executor matches on the record type. docs/scenario-format.md has the recipe for a new action.</summary>
internal static class StepTable
{
    /// <summary>Keys every step allows.</summary>
    public static readonly IReadOnlyList<string> Common = ["do", "name", "as", "signers", "when", "timestamp", "timeout_ms", "expect", "signature"];

    /// <summary>The rows, in the order error messages and docs list the actions.</summary>
    public static readonly IReadOnlyList<StepKind> Rows =
    [
        Row<CreateStep>("create", [.. DefinitionBinder.Keys, "save_as", "protocol"], _ => RpcMethods.CreateAppSession, CreateStep.Bind) with { SignsOverReq = true },
        Row<SubmitStep>("submit", ["session", "intent", "version", "allocations", "session_data", "send_as_written"], _ => RpcMethods.SubmitAppState, SubmitStep.Bind) with { SignsOverReq = true },
        Row<CloseStep>("close", ["session", "allocations", "session_data"], _ => RpcMethods.CloseAppSession, CloseStep.Bind) with { SignsOverReq = true },
        Row<TransferStep>("transfer", ["to", "to_tag", "allocations"], _ => RpcMethods.Transfer, TransferStep.Bind) with { SignsOverReq = true },
        Row<QueryStep>("query", ["method", "params", "save"], s => s.Method, QueryStep.Bind) with { SignsOverReq = true },
        Row<QueryStep>("request", ["method", "params", "save"], s => s.Method, QueryStep.Bind) with { SignsOverReq = true },
        Row<RawStep>("raw", ["frame", "connection", "within_ms", "response_id", "signed_req"], _ => null, RawStep.Bind) with { MayExpectSilence = true },
        Row<ResendStep>("resend", ["frame", "connection"], _ => null, ResendStep.Bind),
        Row<CheckStep>("check", ["balances", "shares", "session_state", "session"], _ => null, CheckStep.Bind) with { CausesNoPushes = true },
        Row<WaitPushStep>("wait_push", ["method", "to", "not_to", "within_ms", "fields", "before_response"], _ => null, WaitPushStep.Bind) with { CausesNoPushes = true },
        Row<AuthStep>("auth", ["session_key", "signer", "address", "save_key", "save_jwt", "challenge", "sig", "key", "save_key_as", "key_spelling", "challenge_spelling", "save"], _ => RpcMethods.AuthVerify, AuthStep.Bind),
        Row<ReauthStep>("reauth", ["jwt", "connection"], _ => RpcMethods.AuthVerify, ReauthStep.Bind),
        Row<RevokeStep>("revoke", ["session_key"], _ => RpcMethods.RevokeSessionKey, RevokeStep.Bind) with { SignsOverReq = true },
    ];

    private static readonly Dictionary<string, StepKind> ByAction = Rows.ToDictionary(r => r.Action);

    /// <summary>The row of <paramref name="action"/>, or null when no row names it.</summary>
    public static StepKind? Find(string action) => ByAction.GetValueOrDefault(action);

    /// <summary>The row of a bound step's action.</summary>
    public static StepKind Of(string action) => ByAction[action];

    /// <summary>The RPC method <paramref name="step"/> sends, or null for steps that send no request under test.</summary>
    public static string? MethodOf(Step step) => Of(step.Action).MethodOf(step);

    /// <summary>The actions of the rows matching <paramref name="which"/> (all when null), comma-separated in table order.</summary>
    public static string Actions(Func<StepKind, bool>? which = null) => string.Join(", ", Rows.Where(which ?? (_ => true)).Select(r => r.Action));

    private static StepKind Row<T>(string action, string[] keys, Func<T, string?> method, Func<StepReader, T> bind) where T : Step =>
        new(action, typeof(T), keys, s => method((T)s), s => bind(s));
}
