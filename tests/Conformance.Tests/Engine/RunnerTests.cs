using NitroConformance.Conformance.Configuration;
using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Running;
using NitroConformance.Conformance.Scenarios;
using NUnit.Framework;

namespace NitroConformance.Conformance.Tests.Engine;

/// <summary>The runner against an embedded node: outcome classes, unchanged checks, skips and missing features end to end.</summary>
[TestFixture]
[Category("Engine")]
public sealed class RunnerTests
{
    private Target _target = null!;
    private Treasury _treasury = null!;
    private RunSettings _settings = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _settings = new RunSettings { EmbeddedTreasuryFunds = 1000m, Features = new HashSet<string> { "transfer" }, PushTimeoutMs = 1000 };
        _target = await TargetFactory.CreateAsync(_settings);
        _treasury = await Treasury.OpenAsync(_target, _settings, CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _treasury.DisposeAsync();
        await _target.DisposeAsync();
    }

    private const string Base = """
        id: engine/runner/case
        title: t
        description: d
        expectation: e
        rules: [R]
        level: must
        protocols: [NitroRPC/0.4]
        wallets:
          alice: { funds: { usdc: "10" } }
          bob: {}
        session:
          participants: [alice, bob]
          weights: [50, 50]
          quorum: 100
          allocations:
            - { participant: alice, asset: usdc, amount: "10" }
        steps:
          - do: create
        """;

    private async Task<CaseResult> RunAsync(string extraSteps, string? replace = null, string? with = null, string id = "engine/runner/case")
    {
        var yaml = (replace is null ? Base : Base.Replace(replace, with, StringComparison.Ordinal)).Replace("engine/runner/case", id, StringComparison.Ordinal) + extraSteps;
        var scenario = ScenarioLoader.LoadText("runner.yaml", yaml).Single();
        return await new CaseRunner(_target, _treasury, _settings).RunAsync(new ScenarioCase(scenario, "NitroRPC/0.4"));
    }

    private const string BelowQuorum = """

          - do: submit
            signers: [alice]
            allocations:
              - { participant: alice, asset: usdc, amount: "5" }
              - { participant: bob, asset: usdc, amount: "5" }
            expect:
        """;

    [Test]
    public async Task ExactRejectionWithUnchangedStateIsOk()
    {
        var r = await RunAsync(BelowQuorum + "\n      error: \"incorrect submit_state request: quorum not reached: 50 / 100\"\n      unchanged: true\n"
            + "  - do: check\n    balances: { alice: { usdc: \"0\" } }\n    shares: { alice: { usdc: \"10\" } }\n    session_state: { status: open, version: 1 }\n");
        Assert.That(r.Outcome, Is.EqualTo(Outcome.Ok), r.Message);
        Assert.That(r.Steps.TakeLast(2).Select(s => (s.Label, s.Outcome, s.Message)), Is.EqualTo(new[]
        {
            ("funds invariant", Outcome.Ok, "total of balances and shares equals the funded amount (10 usdc)"),
            ("one response per request", Outcome.Ok, "no request of this case was answered twice"),
        }));
        Assert.That(r.Steps[1].Exchanges.Single().Request, Does.Contain("\"submit_app_state\""));
    }

    [Test]
    public async Task OtherRejectionTextIsNonStrict()
    {
        var r = await RunAsync(BelowQuorum + "\n      error: \"quorum too low\"\n      pattern: \"quorum not reached\"\n");
        Assert.That(r.Outcome, Is.EqualTo(Outcome.NonStrict), r.Message);
        Assert.That(r.Effective(strict: true), Is.EqualTo(Outcome.Failed));
        Assert.That(r.Message, Does.Contain("instead of \"quorum too low\""));
    }

    [Test]
    public async Task ExpectingSuccessWhenRejectedFails()
    {
        var r = await RunAsync(BelowQuorum + " ok\n");
        Assert.That(r.Outcome, Is.EqualTo(Outcome.Failed));
        Assert.That(r.Message, Does.Contain("quorum not reached: 50 / 100"));
    }

    [Test]
    public async Task WrongFieldExpectationFailsNamingTheField()
    {
        var r = await RunAsync("", "  - do: create", "  - do: create\n    expect:\n      ok: { version: 2, status: open }");
        Assert.That(r.Outcome, Is.EqualTo(Outcome.Failed));
        Assert.That(r.Message, Does.Contain("version is 1, expected 2"));
    }

    [Test]
    public async Task EveryPushTheSetUpCausedHasArrivedBeforeTheFirstStep()
    {
        // within_ms 1 looks (almost) only at pushes already received: the on-connect assets, the post-login channels and bu, and
        // the funding transfer's bu and tr must all be in before the first step, so none can land after a step's reset.
        static string Now(string method, string to) => $"  - do: wait_push\n    method: {method}\n    to: [{to}]\n    within_ms: 1\n";
        var r = await RunAsync("", "  - do: create",
            Now("assets", "alice, bob") + Now("channels", "alice, bob") + Now("bu", "alice, bob") + Now("tr", "alice"),
            id: "engine/runner/set-up-pushes");
        Assert.That(r.Outcome, Is.EqualTo(Outcome.Ok), r.Message);
        Assert.That(r.Steps.Count(s => s.Outcome == Outcome.Ok && s.Label.Contains("wait_push", StringComparison.Ordinal)), Is.EqualTo(4));
    }

    [Test]
    public async Task MissingPushFailsWithWhatWasReceived()
    {
        var r = await RunAsync("\n  - do: wait_push\n    method: asu\n    to: [bob]\n    within_ms: 200\n");
        Assert.That(r.Outcome, Is.EqualTo(Outcome.Failed));
        Assert.That(r.Message, Does.Contain("bob did not receive asu within 200 ms"));
    }

    [Test]
    public async Task CaseNeedingMoreThanTheTreasuryIsSkipped()
    {
        var r = await RunAsync("", "funds: { usdc: \"10\" }", "funds: { usdc: \"5000\" }");
        Assert.That(r.Outcome, Is.EqualTo(Outcome.Skipped));
        Assert.That(r.Message, Does.Contain("needs 5000"));
    }

    [Test]
    public async Task CaseNeedingAnAbsentFeatureIsUnimplemented()
    {
        var r = await RunAsync("", "level: must", "level: must\nfeatures: [app-messages]");
        Assert.That(r.Outcome, Is.EqualTo(Outcome.Unimplemented));
        Assert.That(r.Message, Does.Contain("app-messages"));
    }

    [Test]
    public async Task AcceptedUpdateThatMustBeRejectedFails()
    {
        var r = await RunAsync("\n  - do: submit\n    allocations:\n      - { participant: alice, asset: usdc, amount: \"4\" }\n      - { participant: bob, asset: usdc, amount: \"6\" }\n"
            + "    expect:\n      error: \"never\"\n      unchanged: true\n");
        Assert.That(r.Outcome, Is.EqualTo(Outcome.Failed));
        Assert.That(r.Message, Does.Contain("succeeded"));
    }

    [Test]
    public async Task RequestIdPlaceholderIsTheIdOfTheRequestSent()
    {
        var r = await RunAsync("\n  - do: request\n    as: alice\n    method: ping\n    params: { echo: \"{request_id}\" }\n");
        Assert.That(r.Outcome, Is.EqualTo(Outcome.Ok), r.Message);
        var sent = r.Steps[1].Exchanges.Single().Request!;
        var m = System.Text.RegularExpressions.Regex.Match(sent, "^\\{\"req\":\\[([0-9]+),\"ping\",\\{\"echo\":([0-9]+)\\}");
        Assert.That(m.Success, Is.True, sent);
        Assert.That(m.Groups[2].Value, Is.EqualTo(m.Groups[1].Value));
    }

    [Test]
    public async Task ExpectNoneFailsWhenTheTargetAnswers()
    {
        var r = await RunAsync("\n  - do: raw\n    connection: alice\n    frame: '{\"req\":[{request_id},\"ping\",{},{now}],\"sig\":[]}'\n    expect: none\n    within_ms: 500\n");
        Assert.That(r.Outcome, Is.EqualTo(Outcome.Failed));
        Assert.That(r.Message, Does.Contain("expected no response").And.Contain("pong"));
    }

    [Test]
    public async Task ResponseIdIsComparedWithTheIdTheTargetSent()
    {
        var frame = "    frame: '{\"req\":[{request_id},\"ping\",{},{now}],\"sig\":[]}'\n";
        var echoed = await RunAsync("\n  - do: raw\n    connection: alice\n" + frame + "    response_id: \"{request_id}\"\n", id: "engine/runner/response-id-echoed");
        Assert.That(echoed.Outcome, Is.EqualTo(Outcome.Ok), echoed.Message);
        var other = await RunAsync("\n  - do: raw\n    connection: alice\n" + frame + "    response_id: 7\n", id: "engine/runner/response-id-other");
        Assert.That(other.Outcome, Is.EqualTo(Outcome.Failed));
        Assert.That(other.Message, Does.Match("the response carries id [0-9]+, expected 7"));
    }

    [Test]
    public async Task BeforeResponseComparesArrivalOnTheRequestersConnection()
    {
        var transfer = "\n  - do: transfer\n    as: alice\n    to: bob\n    allocations: [{ asset: usdc, amount: \"1\" }]\n";
        var ordered = await RunAsync(transfer + "  - do: wait_push\n    method: tr\n    to: [alice, bob]\n    before_response: true\n",
            "amount: \"10\" }\n", "amount: \"5\" }\n", "engine/runner/before-response");
        Assert.That(ordered.Outcome, Is.EqualTo(Outcome.Ok), ordered.Message);
        var notSender = await RunAsync(transfer + "  - do: wait_push\n    method: tr\n    to: [bob]\n    before_response: true\n",
            "amount: \"10\" }\n", "amount: \"5\" }\n", "engine/runner/before-response-bob");
        Assert.That(notSender.Outcome, Is.EqualTo(Outcome.Failed));
        Assert.That(notSender.Message, Does.Contain("the connection that sent the previous request step is not among to"));
    }

    [Test]
    public async Task SavedResultFieldsAreReadByLaterSteps()
    {
        var saved = await RunAsync("\n  - do: query\n    method: get_config\n    save: { b: broker_address }\n"
            + "  - do: query\n    method: get_config\n    expect: { ok: { broker_address: \"{saved:b}\" } }\n", id: "engine/runner/saved");
        Assert.That(saved.Outcome, Is.EqualTo(Outcome.Ok), saved.Message);
        var missing = await RunAsync("\n  - do: query\n    method: get_config\n    save: { b: nope }\n", id: "engine/runner/saved-missing");
        Assert.That(missing.Outcome, Is.EqualTo(Outcome.Failed));
        Assert.That(missing.Message, Does.Contain("save b: the result has no nope"));
    }

    [Test]
    public async Task ResendWithoutAnEarlierRequestFailsClearly()
    {
        var r = await RunAsync("", "  - do: create", "  - do: resend");
        Assert.That(r.Outcome, Is.EqualTo(Outcome.Failed));
        Assert.That(r.Message, Does.Contain("no request frame has been sent"));
    }

    [Test]
    public async Task SigningOtherBytesThanSentMovesTheSignatureToAnotherAddress()
    {
        var r = await RunAsync("\n  - do: transfer\n    as: alice\n    to: bob\n    signature: { signed_text: spaced }\n    allocations: [{ asset: usdc, amount: \"1\" }]\n    expect: { error: \"invalid signature\", unchanged: true }\n"
            + "  - do: transfer\n    as: alice\n    to: bob\n    signature: { sent_text: spaced, v: \"0/1\" }\n    allocations: [{ asset: usdc, amount: \"1\" }]\n",
            "amount: \"10\" }\n", "amount: \"5\" }\n", "engine/runner/signature-form");
        Assert.That(r.Outcome, Is.EqualTo(Outcome.Ok), r.Message);
        Assert.That(r.Steps[2].Exchanges.Single().Request, Does.StartWith("{\"req\":[").And.Contain(", \"transfer\", {\"destination\": "));
    }
}
