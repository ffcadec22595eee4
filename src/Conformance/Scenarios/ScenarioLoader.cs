using System.Globalization;
using System.Text.RegularExpressions;

namespace NitroConformance.Conformance.Scenarios;

/// <summary>Loads and validates scenario files; every problem is reported with file, line, column and field.</summary>
public static partial class ScenarioLoader
{
    /// <summary>The two protocols a scenario may run under.</summary>
    public static readonly IReadOnlyList<string> AllProtocols = ["NitroRPC/0.2", "NitroRPC/0.4"];

    /// <summary>Optional target capabilities.</summary>
    public static readonly IReadOnlySet<string> KnownFeatures = new HashSet<string>
    {
        "session-keys", "app-messages", "jwt-reauth", "transfer", "multi-asset", "get-rpc-history", "cleanup-session-key-cache",
    };

    /// <summary>Top-level folders of <c>scenarios/</c> that hold other tools' files (the load harness's profiles).</summary>
    public static readonly IReadOnlySet<string> ExcludedFolders = new HashSet<string> { "load" };

    private static readonly string[] TopKeys =
        ["id", "title", "description", "expectation", "rules", "level", "protocols", "features", "tags", "timeout_ms", "wallets", "session", "matrix", "steps"];

    private static readonly string[] CommonStepKeys = ["do", "name", "as", "signers", "when", "timestamp", "timeout_ms", "expect"];
    private static readonly string[] DefinitionKeys = ["application", "participants", "weights", "quorum", "challenge", "nonce", "allocations", "session_data"];

    private static readonly Dictionary<string, string[]> ActionKeys = new()
    {
        ["create"] = [.. DefinitionKeys, "save_as", "protocol"],
        ["submit"] = ["session", "intent", "version", "allocations", "session_data", "send_as_written"],
        ["close"] = ["session", "allocations", "session_data"],
        ["transfer"] = ["to", "to_tag", "allocations"],
        ["query"] = ["method", "params", "session"],
        ["request"] = ["method", "params", "session"],
        ["raw"] = ["frame", "connection", "session"],
        ["check"] = ["balances", "shares", "session_state", "session"],
        ["wait_push"] = ["method", "to", "not_to", "within_ms", "fields", "session"],
        ["auth"] = ["session_key", "signer", "address", "save_key", "save_jwt"],
        ["reauth"] = ["jwt", "connection"],
        ["revoke"] = ["session_key"],
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)+$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex WalletNamePattern();

    /// <summary>Loads every scenario below <paramref name="directory"/> (all <c>*.yaml</c> except <c>rules.yaml</c> and <see cref="ExcludedFolders"/>); throws <see cref="ScenarioLoadException"/> listing all errors.</summary>
    public static IReadOnlyList<Scenario> LoadDirectory(string directory, RuleCatalog? rules = null)
    {
        var errors = new List<ScenarioError>();
        var all = new List<Scenario>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file) == "rules.yaml") continue;
            var rel = Path.GetRelativePath(directory, file).Replace('\\', '/');
            if (ExcludedFolders.Contains(rel.Split('/')[0])) continue;
            all.AddRange(LoadText(Path.Combine(Path.GetFileName(directory.TrimEnd('/')), rel).Replace('\\', '/'), File.ReadAllText(file), rules, errors));
        }
        foreach (var dup in all.GroupBy(s => s.Id).Where(g => g.Count() > 1))
            errors.Add(new(dup.Last().Mark, "id", $"duplicate scenario id '{dup.Key}' (also in {dup.First().Mark.File})"));
        if (errors.Count > 0) throw new ScenarioLoadException(errors);
        return all;
    }

    /// <summary>Loads one file's text; throws when it has errors.</summary>
    public static IReadOnlyList<Scenario> LoadText(string file, string text, RuleCatalog? rules = null)
    {
        var errors = new List<ScenarioError>();
        var result = LoadText(file, text, rules, errors);
        if (errors.Count > 0) throw new ScenarioLoadException(errors);
        return result;
    }

    /// <summary>Loads one file's text, adding problems to <paramref name="errors"/>.</summary>
    public static IReadOnlyList<Scenario> LoadText(string file, string text, RuleCatalog? rules, List<ScenarioError> errors)
    {
        var root = YamlTreeReader.Read(file, text, errors);
        if (root is null) return [];
        if (root is not YMap map)
        {
            errors.Add(new(root.Mark, "(document)", "a scenario file must be a mapping with id, title, ... steps"));
            return [];
        }
        var before = errors.Count;
        CheckKeys(map, TopKeys, "", errors);
        foreach (var req in new[] { "id", "title", "description", "expectation", "rules", "level", "wallets", "steps" })
            if (map.Get(req) is null) errors.Add(new(map.Mark, req, "is required"));
        if (errors.Count > before) return [];

        var matrix = map.Get("matrix");
        if (matrix is null) return Bind(map, null, rules, errors) is { } s ? [s] : [];
        var rows = MatrixExpander.Rows(matrix, errors);
        var list = new List<Scenario>();
        foreach (var row in rows)
        {
            var values = row.Values.ToDictionary(v => v.Key, v => v.Value);
            var substituted = new YMap(map.Mark, map.Entries.Where(e => e.Key.Value != "matrix")
                .Select(e => new KeyValuePair<YScalar, YNode>(e.Key, MatrixExpander.Substitute(e.Value, values))).ToList());
            if (Bind(substituted, row, rules, errors) is { } s) list.Add(s);
        }
        return list;
    }

    private static Scenario? Bind(YMap map, MatrixExpander.Row? row, RuleCatalog? rules, List<ScenarioError> errors)
    {
        var before = errors.Count;
        var ctx = new BindContext(errors);
        var baseId = ctx.Str(map, "id", "id") ?? "";
        if (baseId.Length > 0 && !IdPattern().IsMatch(baseId))
            errors.Add(new(map.Get("id")!.Mark, "id", $"'{baseId}' is not a path-like id (lowercase segments [a-z0-9._-] joined by '/', at least two)"));

        var levelText = ctx.Str(map, "level", "level");
        var level = levelText switch
        {
            "must" => ScenarioLevel.Must,
            "safety" => ScenarioLevel.Safety,
            "info" => ScenarioLevel.Info,
            _ => (ScenarioLevel?)null,
        };
        if (level is null && levelText is not null) errors.Add(new(map.Get("level")!.Mark, "level", $"'{levelText}' is not one of must, safety, info"));

        var ruleIds = ctx.StrList(map.Get("rules")!, "rules") ?? [];
        if (ruleIds.Count == 0) errors.Add(new(map.Get("rules")!.Mark, "rules", "needs at least one rule id"));
        if (rules is not null)
            foreach (var r in ruleIds.Where(r => !rules.Contains(r)))
                errors.Add(new(map.Get("rules")!.Mark, "rules", $"unknown rule id '{r}' (not in scenarios/rules.yaml)"));

        var protocols = map.Get("protocols") is { } pn ? ctx.StrList(pn, "protocols") ?? [] : AllProtocols.ToList();
        foreach (var p in protocols.Where(p => !AllProtocols.Contains(p)))
            errors.Add(new(map.Get("protocols")!.Mark, "protocols", $"'{p}' is not one of {string.Join(", ", AllProtocols)}"));
        if (protocols.Count == 0) errors.Add(new(map.Mark, "protocols", "needs at least one protocol"));

        var features = map.Get("features") is { } fn ? ctx.StrList(fn, "features") ?? [] : [];
        foreach (var f in features.Where(f => !KnownFeatures.Contains(f)))
            errors.Add(new(map.Get("features")!.Mark, "features", $"unknown feature '{f}' (known: {string.Join(", ", KnownFeatures)})"));

        var wallets = BindWallets(map.Get("wallets")!, ctx);
        var names = wallets.Select(w => w.Name).ToHashSet();
        var session = map.Get("session") is YMap sm ? BindDefinition(sm, "session", ctx, DefinitionKeys) : DefinitionSpec.Empty;
        if (map.Get("session") is { } sn && sn is not YMap) errors.Add(new(sn.Mark, "session", "must be a mapping"));

        var steps = new List<StepSpec>();
        if (map.Get("steps") is YSeq seq && seq.Items.Count > 0)
        {
            for (var i = 0; i < seq.Items.Count; i++)
                if (BindStep(seq.Items[i], i, ctx) is { } st) steps.Add(st);
        }
        else
        {
            errors.Add(new(map.Get("steps")!.Mark, "steps", "must be a non-empty list"));
        }

        var scenario = new Scenario
        {
            Id = row is null ? baseId : $"{baseId}[{row.Suffix}]",
            BaseId = baseId,
            Title = ctx.Str(map, "title", "title") ?? "",
            Description = ctx.Str(map, "description", "description") ?? "",
            Expectation = ctx.Str(map, "expectation", "expectation") ?? "",
            Rules = ruleIds,
            Level = level ?? ScenarioLevel.Must,
            Protocols = protocols,
            Features = features,
            Tags = map.Get("tags") is { } tn ? ctx.StrList(tn, "tags") ?? [] : [],
            TimeoutMs = ctx.OptInt(map, "timeout_ms", "timeout_ms"),
            Wallets = wallets,
            Session = session,
            Steps = steps,
            Parameters = row?.Values.ToDictionary(v => v.Key, v => MatrixExpander.Text(v.Value)) ?? new Dictionary<string, string>(),
            Mark = map.Mark,
        };
        ScenarioReferenceChecker.Check(scenario, names, errors);
        return errors.Count > before ? null : scenario;
    }

    private static List<WalletSpec> BindWallets(YNode node, BindContext ctx)
    {
        var list = new List<WalletSpec>();
        if (node is not YMap map || map.Entries.Count == 0)
        {
            ctx.Errors.Add(new(node.Mark, "wallets", "must be a non-empty mapping of wallet name to settings"));
            return list;
        }
        foreach (var (key, value) in map.Entries)
        {
            var field = $"wallets.{key.Value}";
            if (!WalletNamePattern().IsMatch(key.Value) || key.Value is "broker" or "treasury" or "anonymous")
                ctx.Errors.Add(new(key.Mark, field, "wallet names match [a-z][a-z0-9_]* and may not be broker, treasury or anonymous"));
            var funds = new Dictionary<string, decimal>();
            SessionKeySpec? key2 = null;
            bool connect = true, auth = true;
            if (value is YMap w)
            {
                CheckKeys(w, ["funds", "session_key", "connect", "auth"], field, ctx.Errors);
                if (w.Get("funds") is { } fn)
                {
                    if (fn is YMap fm)
                    {
                        foreach (var (a, amt) in fm.Entries)
                        {
                            if (ctx.Decimal(amt, $"{field}.funds.{a.Value}") is not { } d) continue;
                            if (d < 0) ctx.Errors.Add(new(amt.Mark, $"{field}.funds.{a.Value}", "funds cannot be negative"));
                            funds[a.Value] = d;
                        }
                    }
                    else
                    {
                        ctx.Errors.Add(new(fn.Mark, $"{field}.funds", "must be a mapping of asset to amount"));
                    }
                }
                if (w.Get("session_key") is { } kn) key2 = BindSessionKey(kn, $"{field}.session_key", ctx);
                connect = ctx.OptBool(w, "connect", $"{field}.connect") ?? true;
                auth = ctx.OptBool(w, "auth", $"{field}.auth") ?? connect;
            }
            else if (!(value is YScalar s && s.IsNull))
            {
                ctx.Errors.Add(new(value.Mark, field, "must be a mapping (use {} for a wallet without settings)"));
            }
            list.Add(new WalletSpec(key.Value, funds, key2, connect, auth));
        }
        return list;
    }

    private static SessionKeySpec? BindSessionKey(YNode node, string field, BindContext ctx)
    {
        if (node is not YMap m)
        {
            ctx.Errors.Add(new(node.Mark, field, "must be a mapping with application, allowances, expires_in, scope"));
            return null;
        }
        CheckKeys(m, ["application", "allowances", "expires_in", "scope"], field, ctx.Errors);
        var allowances = new List<AllowanceSpec>();
        if (m.Get("allowances") is { } an)
        {
            if (an is YSeq aseq)
                foreach (var item in aseq.Items)
                    if (item is YMap am)
                    {
                        CheckKeys(am, ["asset", "amount"], $"{field}.allowances", ctx.Errors);
                        var asset = ctx.Str(am, "asset", $"{field}.allowances.asset");
                        var amount = ctx.Str(am, "amount", $"{field}.allowances.amount");
                        if (asset is not null && amount is not null) allowances.Add(new(asset, amount));
                    }
                    else ctx.Errors.Add(new(item.Mark, $"{field}.allowances", "each allowance is {asset, amount}"));
            else ctx.Errors.Add(new(an.Mark, $"{field}.allowances", "must be a list"));
        }
        return new SessionKeySpec(
            m.Get("application") is null ? "clearnode" : ctx.Str(m, "application", $"{field}.application") ?? "clearnode",
            allowances,
            ctx.OptLong(m, "expires_in", $"{field}.expires_in") ?? 3600,
            m.Get("scope") is null ? null : ctx.Str(m, "scope", $"{field}.scope"));
    }

    private static DefinitionSpec BindDefinition(YMap m, string field, BindContext ctx, string[]? allowedKeys)
    {
        if (allowedKeys is not null) CheckKeys(m, allowedKeys, field, ctx.Errors);
        List<long>? weights = null;
        if (m.Get("weights") is { } wn)
        {
            if (wn is YSeq ws)
                weights = ws.Items.Select(i => ctx.Long(i, $"{field}.weights") ?? 0).ToList();
            else ctx.Errors.Add(new(wn.Mark, $"{field}.weights", "must be a list of integers"));
        }
        long? nonce = null;
        if (m.Get("nonce") is YScalar ns && ns.Value != "fresh") nonce = ctx.Long(ns, $"{field}.nonce");
        return new DefinitionSpec(
            m.Get("application") is null ? null : ctx.Str(m, "application", $"{field}.application"),
            m.Get("participants") is { } pn ? ctx.StrList(pn, $"{field}.participants") : null,
            weights,
            ctx.OptLong(m, "quorum", $"{field}.quorum"),
            ctx.OptLong(m, "challenge", $"{field}.challenge"),
            nonce,
            m.Get("allocations") is { } an ? BindAllocations(an, $"{field}.allocations", ctx) : null,
            m.Get("session_data") is null ? null : ctx.Str(m, "session_data", $"{field}.session_data"));
    }

    private static List<AllocationSpec> BindAllocations(YNode node, string field, BindContext ctx)
    {
        var list = new List<AllocationSpec>();
        if (node is not YSeq seq)
        {
            ctx.Errors.Add(new(node.Mark, field, "must be a list of {participant, asset, amount}"));
            return list;
        }
        foreach (var item in seq.Items)
        {
            if (item is not YMap am)
            {
                ctx.Errors.Add(new(item.Mark, field, "each allocation is {participant, asset, amount}"));
                continue;
            }
            CheckKeys(am, ["participant", "asset", "amount"], field, ctx.Errors);
            var p = ctx.Str(am, "participant", $"{field}.participant");
            var a = ctx.Str(am, "asset", $"{field}.asset");
            var v = ctx.Str(am, "amount", $"{field}.amount");
            if (p is not null && a is not null && v is not null) list.Add(new(p, a, v));
        }
        return list;
    }

    private static StepSpec? BindStep(YNode node, int index, BindContext ctx)
    {
        var field = $"steps[{index}]";
        if (node is not YMap m)
        {
            ctx.Errors.Add(new(node.Mark, field, "each step is a mapping starting with do:"));
            return null;
        }
        var action = ctx.Str(m, "do", $"{field}.do");
        if (action is null) return null;
        if (!ActionKeys.TryGetValue(action, out var keys))
        {
            ctx.Errors.Add(new(m.Get("do")!.Mark, $"{field}.do", $"unknown action '{action}' (known: {string.Join(", ", ActionKeys.Keys)})"));
            return null;
        }
        CheckKeys(m, [.. CommonStepKeys, .. keys], field, ctx.Errors);
        field = $"{field}({action})";

        long tsOffset = 0;
        if (m.Get("timestamp") is YScalar ts)
            tsOffset = ts.Value switch
            {
                "now" => 0,
                "stale" => -120_000,
                _ => ctx.Long(ts, $"{field}.timestamp") ?? 0,
            };

        IReadOnlyList<string>? when = null;
        if (m.Get("when") is { } wn)
        {
            if (wn is YMap wm && wm.Get("protocol") is { } wp)
            {
                CheckKeys(wm, ["protocol"], $"{field}.when", ctx.Errors);
                when = wp is YScalar one ? [one.Value] : ctx.StrList(wp, $"{field}.when.protocol");
                foreach (var p in when ?? [])
                    if (!AllProtocols.Contains(p)) ctx.Errors.Add(new(wp.Mark, $"{field}.when.protocol", $"'{p}' is not a protocol"));
            }
            else ctx.Errors.Add(new(wn.Mark, $"{field}.when", "must be {protocol: ...}"));
        }

        VersionSpec? version = null;
        if (m.Get("version") is YScalar vs)
        {
            version = VersionSpec.Parse(vs.Value);
            if (version is null) ctx.Errors.Add(new(vs.Mark, $"{field}.version", $"'{vs.Value}' is not an integer, current, current+N, current-N or none"));
        }

        SessionKeySpec? authKey = null;
        var authNone = false;
        string? revokeTarget = null;
        if (m.Get("session_key") is { } skn)
        {
            if (action == "revoke") revokeTarget = ctx.Str(m, "session_key", $"{field}.session_key");
            else if (skn is YScalar sks && sks.Value == "none") authNone = true;
            else authKey = BindSessionKey(skn, $"{field}.session_key", ctx);
        }

        List<AllowanceSpec> transferAllocations = [];
        var definition = DefinitionSpec.Empty;
        if (action == "transfer")
        {
            if (m.Get("allocations") is YSeq ta)
                foreach (var item in ta.Items)
                    if (item is YMap am)
                    {
                        CheckKeys(am, ["asset", "amount"], $"{field}.allocations", ctx.Errors);
                        var asset = ctx.Str(am, "asset", $"{field}.allocations.asset");
                        var amount = ctx.Str(am, "amount", $"{field}.allocations.amount");
                        if (asset is not null && amount is not null) transferAllocations.Add(new(asset, amount));
                    }
                    else ctx.Errors.Add(new(item.Mark, $"{field}.allocations", "each entry is {asset, amount}"));
            else if (m.Get("allocations") is { } bad) ctx.Errors.Add(new(bad.Mark, $"{field}.allocations", "must be a list"));
        }
        else
        {
            definition = BindDefinition(m, field, ctx, null);
        }

        return new StepSpec
        {
            Index = index,
            Do = action,
            Mark = m.Mark,
            Name = m.Get("name") is null ? null : ctx.Str(m, "name", $"{field}.name"),
            As = m.Get("as") is null ? null : ctx.Str(m, "as", $"{field}.as"),
            Signers = m.Get("signers") is { } sg ? ctx.StrList(sg, $"{field}.signers") : null,
            WhenProtocols = when,
            TimestampOffsetMs = tsOffset,
            TimeoutMs = ctx.OptInt(m, "timeout_ms", $"{field}.timeout_ms"),
            Expect = m.Get("expect") is { } en ? BindExpect(en, $"{field}.expect", ctx) : ExpectSpec.Ok,
            Session = m.Get("session") is null ? "main" : ctx.Str(m, "session", $"{field}.session") ?? "main",
            SaveAs = m.Get("save_as") is null ? null : ctx.Str(m, "save_as", $"{field}.save_as"),
            Protocol = m.Get("protocol") is null ? null : ctx.Str(m, "protocol", $"{field}.protocol"),
            Definition = definition,
            Intent = m.Get("intent") is null ? null : ctx.Str(m, "intent", $"{field}.intent"),
            Version = version,
            SendAsWritten = ctx.OptBool(m, "send_as_written", $"{field}.send_as_written") ?? false,
            To = m.Get("to") is { } to ? (to is YScalar t1 ? [t1.Value] : ctx.StrList(to, $"{field}.to") ?? []) : [],
            ToTag = m.Get("to_tag") is null ? null : ctx.Str(m, "to_tag", $"{field}.to_tag"),
            TransferAllocations = transferAllocations,
            NotTo = m.Get("not_to") is { } nt ? ctx.StrList(nt, $"{field}.not_to") ?? [] : [],
            WithinMs = ctx.OptInt(m, "within_ms", $"{field}.within_ms"),
            Fields = m.Get("fields") is { } fl ? ctx.FieldMap(fl, $"{field}.fields") : [],
            Method = m.Get("method") is null ? null : ctx.Str(m, "method", $"{field}.method"),
            Params = m.Get("params"),
            Frame = m.Get("frame") is null ? null : ctx.Str(m, "frame", $"{field}.frame"),
            Connection = m.Get("connection") is null ? null : ctx.Str(m, "connection", $"{field}.connection"),
            Balances = m.Get("balances") is { } bn ? ctx.NestedAmounts(bn, $"{field}.balances") : null,
            Shares = m.Get("shares") is { } shn ? ctx.NestedAmounts(shn, $"{field}.shares") : null,
            SessionState = m.Get("session_state") is { } ssn ? BindSessionState(ssn, $"{field}.session_state", ctx) : null,
            AuthSessionKey = authKey,
            AuthWithoutKey = authNone,
            RevokeTarget = revokeTarget,
            AuthSigner = m.Get("signer") is null ? null : ctx.Str(m, "signer", $"{field}.signer"),
            AuthAddress = m.Get("address") is null ? null : ctx.Str(m, "address", $"{field}.address"),
            SaveKey = ctx.OptBool(m, "save_key", $"{field}.save_key") ?? false,
            SaveJwt = ctx.OptBool(m, "save_jwt", $"{field}.save_jwt") ?? false,
            Jwt = m.Get("jwt") is null ? null : ctx.Str(m, "jwt", $"{field}.jwt"),
        };
    }

    private static SessionStateSpec? BindSessionState(YNode node, string field, BindContext ctx)
    {
        if (node is not YMap m)
        {
            ctx.Errors.Add(new(node.Mark, field, "must be {status, version, session_data}"));
            return null;
        }
        CheckKeys(m, ["status", "version", "session_data"], field, ctx.Errors);
        var status = m.Get("status") is null ? null : ctx.Str(m, "status", $"{field}.status");
        if (status is not null and not "open" and not "closed") ctx.Errors.Add(new(m.Get("status")!.Mark, $"{field}.status", "must be open or closed"));
        return new SessionStateSpec(status,
            m.Get("version") is null ? null : ctx.Str(m, "version", $"{field}.version"),
            m.Get("session_data") is null ? null : ctx.Str(m, "session_data", $"{field}.session_data"));
    }

    private static ExpectSpec BindExpect(YNode node, string field, BindContext ctx)
    {
        if (node is YScalar s)
        {
            if (s.Value == "ok") return ExpectSpec.Ok;
            ctx.Errors.Add(new(s.Mark, field, $"'{s.Value}' is not ok; use ok or a mapping with ok / error / pattern / unchanged"));
            return ExpectSpec.Ok;
        }
        if (node is not YMap m)
        {
            ctx.Errors.Add(new(node.Mark, field, "must be ok or a mapping"));
            return ExpectSpec.Ok;
        }
        CheckKeys(m, ["ok", "error", "pattern", "unchanged"], field, ctx.Errors);
        var hasOk = m.Get("ok") is not null;
        var error = m.Get("error") is null ? null : ctx.Str(m, "error", $"{field}.error");
        var pattern = m.Get("pattern") is null ? null : ctx.Str(m, "pattern", $"{field}.pattern");
        if (pattern is not null)
        {
            try { _ = new Regex(pattern); }
            catch (ArgumentException ex) { ctx.Errors.Add(new(m.Get("pattern")!.Mark, $"{field}.pattern", $"invalid regular expression: {ex.Message}")); }
        }
        var unchanged = ctx.OptBool(m, "unchanged", $"{field}.unchanged") ?? false;
        if (hasOk && (error is not null || pattern is not null || unchanged))
            ctx.Errors.Add(new(m.Mark, field, "ok cannot be combined with error, pattern or unchanged"));
        if (!hasOk && error is null && pattern is null)
            ctx.Errors.Add(new(m.Mark, field, "needs ok, or error and/or pattern"));
        if (hasOk)
        {
            var okNode = m.Get("ok")!;
            var fields = okNode is YScalar os && os.IsNull ? [] : ctx.FieldMap(okNode, $"{field}.ok");
            return new ExpectSpec(true, fields, null, null, false);
        }
        return new ExpectSpec(false, [], error, pattern, unchanged);
    }

    internal static void CheckKeys(YMap map, IReadOnlyCollection<string> allowed, string field, List<ScenarioError> errors)
    {
        foreach (var (k, _) in map.Entries)
            if (!allowed.Contains(k.Value))
                errors.Add(new(k.Mark, field.Length == 0 ? k.Value : $"{field}.{k.Value}",
                    $"unknown key '{k.Value}' (allowed: {string.Join(", ", allowed)})"));
    }

    /// <summary>Typed reads that record errors instead of throwing.</summary>
    private sealed class BindContext(List<ScenarioError> errors)
    {
        public List<ScenarioError> Errors { get; } = errors;

        public string? Str(YMap map, string key, string field)
        {
            var node = map.Get(key);
            if (node is null) { Errors.Add(new(map.Mark, field, "is required")); return null; }
            if (node is YScalar s && !s.IsNull) return s.Value;
            if (node is YScalar { Quoted: true } q) return q.Value;
            Errors.Add(new(node.Mark, field, "must be a text value"));
            return null;
        }

        public List<string>? StrList(YNode node, string field)
        {
            if (node is YSeq seq && seq.Items.All(i => i is YScalar)) return seq.Items.Cast<YScalar>().Select(s => s.Value).ToList();
            Errors.Add(new(node.Mark, field, "must be a list of text values"));
            return null;
        }

        public long? Long(YNode node, string field)
        {
            if (node is YScalar s && long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)) return v;
            Errors.Add(new(node.Mark, field, $"must be an integer, got '{(node as YScalar)?.Value ?? node.GetType().Name}'"));
            return null;
        }

        public decimal? Decimal(YNode node, string field)
        {
            if (node is YScalar s && decimal.TryParse(s.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var v)) return v;
            Errors.Add(new(node.Mark, field, $"must be a decimal amount, got '{(node as YScalar)?.Value ?? node.GetType().Name}'"));
            return null;
        }

        public long? OptLong(YMap map, string key, string field) => map.Get(key) is { } n ? Long(n, field) : null;

        public int? OptInt(YMap map, string key, string field)
        {
            var v = OptLong(map, key, field);
            if (v is null) return null;
            if (v is < 1 or > int.MaxValue) { Errors.Add(new(map.Get(key)!.Mark, field, "must be a positive integer")); return null; }
            return (int)v;
        }

        public bool? OptBool(YMap map, string key, string field)
        {
            if (map.Get(key) is not { } n) return null;
            if (n is YScalar { Value: "true" or "True" }) return true;
            if (n is YScalar { Value: "false" or "False" }) return false;
            Errors.Add(new(n.Mark, field, "must be true or false"));
            return null;
        }

        public IReadOnlyList<KeyValuePair<string, YNode>> FieldMap(YNode node, string field)
        {
            if (node is YMap m) return m.Entries.Select(e => new KeyValuePair<string, YNode>(e.Key.Value, e.Value)).ToList();
            Errors.Add(new(node.Mark, field, "must be a mapping of field path to expected value"));
            return [];
        }

        public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? NestedAmounts(YNode node, string field)
        {
            if (node is not YMap m) { Errors.Add(new(node.Mark, field, "must be a mapping of wallet to {asset: amount}")); return null; }
            var result = new Dictionary<string, IReadOnlyDictionary<string, string>>();
            foreach (var (w, v) in m.Entries)
            {
                if (v is not YMap am) { Errors.Add(new(v.Mark, $"{field}.{w.Value}", "must be a mapping of asset to amount")); continue; }
                var inner = new Dictionary<string, string>();
                foreach (var (a, amt) in am.Entries)
                    if (Decimal(amt, $"{field}.{w.Value}.{a.Value}") is not null) inner[a.Value] = ((YScalar)amt).Value;
                result[w.Value] = inner;
            }
            return result;
        }
    }
}
