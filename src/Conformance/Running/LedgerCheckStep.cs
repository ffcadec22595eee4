using System.Globalization;
using System.Text.Json.Nodes;
using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Scenarios;

namespace NitroConformance.Conformance.Running;

/// <summary>The check step: compares unified balances, session shares and a session's listed state with the scenario's numbers.</summary>
public sealed class LedgerCheckStep(CaseState state, StepRequestSender sender)
{
    /// <summary>Reads what the step names and reports every difference.</summary>
    public async Task<(Outcome, string)> CheckAsync(CheckStep step, List<Exchange> exchanges, CancellationToken ct)
    {
        var timeout = sender.Timeout(step);
        var problems = new List<string>();
        foreach (var (wallet, expected) in step.Balances ?? new Dictionary<string, IReadOnlyDictionary<string, string>>())
        {
            var actual = await LedgerSnapshot.BalancesAsync(state.Connection(wallet), null, timeout, ct).ConfigureAwait(false);
            Compare($"unified balance of {wallet}", expected, actual, problems);
        }
        if (step.Shares is { } shares)
        {
            var s = state.Session(step.Session);
            foreach (var (wallet, expected) in shares)
            {
                var actual = await LedgerSnapshot.BalancesAsync(state.Connection(wallet), s.Id, timeout, ct).ConfigureAwait(false);
                Compare($"share of {wallet} in {step.Session}", expected, actual, problems);
            }
        }
        if (step.SessionState is { } st)
        {
            var s = state.Session(step.Session);
            var entry = await LedgerSnapshot.SessionEntryAsync(state, s, timeout, ct).ConfigureAwait(false);
            if (entry is null) problems.Add($"session {step.Session} ({s.Id}) is not listed by get_app_sessions");
            else
            {
                exchanges.Add(new Exchange("get_app_sessions entry", null, entry.ToJsonString(), DateTimeOffset.UtcNow));
                CompareSessionState(st, entry, problems);
            }
        }
        return problems.Count == 0 ? (Outcome.Ok, "checks passed") : (Outcome.Failed, string.Join("; ", problems));
    }

    private void CompareSessionState(SessionStateSpec st, JsonObject entry, List<string> problems)
    {
        var status = JsonMatch.StringField(entry, "status");
        if (st.Status is not null && status != st.Status)
            problems.Add($"status is {status ?? "(missing)"}, expected {st.Status}");
        if (st.Version is not null && !JsonMatch.Equal(JsonValue.Create(state.Render(st.Version)), entry["version"]))
            problems.Add($"version is {JsonMatch.Show(entry["version"])}, expected {state.Render(st.Version)}");
        if (st.SessionData is not null && (JsonMatch.StringField(entry, "session_data") ?? "") != state.Render(st.SessionData))
            problems.Add($"session_data is {JsonMatch.Show(entry["session_data"])}, expected \"{state.Render(st.SessionData)}\"");
    }

    private void Compare(string what, IReadOnlyDictionary<string, string> expected, Dictionary<string, decimal> actual, List<string> problems)
    {
        foreach (var (logical, amountText) in expected)
        {
            var symbol = state.Settings.Asset(logical);
            var want = decimal.Parse(state.Render(amountText), NumberStyles.Float, CultureInfo.InvariantCulture);
            var have = actual.GetValueOrDefault(symbol);
            if (want != have) problems.Add($"{what} in {symbol} is {have.ToString(CultureInfo.InvariantCulture)}, expected {want.ToString(CultureInfo.InvariantCulture)}");
        }
    }
}
