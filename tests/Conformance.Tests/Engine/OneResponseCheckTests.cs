using NitroConformance.Conformance.Configuration;
using NitroConformance.Conformance.Outcomes;
using NitroConformance.Conformance.Running;
using NitroConformance.Conformance.Scenarios;
using NitroConformance.Fixtures.Defects;
using NUnit.Framework;

namespace NitroConformance.Conformance.Tests.Engine;

/// <summary>The end-of-case check fails a case whose target answered one of its requests twice, naming the id, method and frames.</summary>
[TestFixture]
[Category("Engine")]
public sealed class OneResponseCheckTests
{
    private const string Scenario = """
        id: engine/one-response/ping
        title: t
        description: d
        expectation: e
        rules: [R]
        level: must
        protocols: [NitroRPC/0.4]
        wallets:
          eve: { auth: false }
        steps:
          - do: query
            as: eve
            method: ping
            expect: ok
        """;

    [Test]
    public async Task A_target_that_answers_twice_fails_the_case_naming_the_request_and_both_frames()
    {
        var settings = new RunSettings { EmbeddedTreasuryFunds = 10m };
        await using var target = await TargetFactory.CreateAsync(settings, new HashSet<DefectId> { DefectId.ResponseSentTwice });
        await using var treasury = await Treasury.OpenAsync(target, settings, CancellationToken.None);
        var scenario = ScenarioLoader.LoadText("one-response.yaml", Scenario).Single();

        var r = await new CaseRunner(target, treasury, settings).RunAsync(new ScenarioCase(scenario, "NitroRPC/0.4"));

        var ping = r.Steps[0].Exchanges.Single();
        var id = System.Text.RegularExpressions.Regex.Match(ping.Request!, "^\\{\"req\":\\[([0-9]+),").Groups[1].Value;
        Assert.That(r.Steps[0].Outcome, Is.EqualTo(Outcome.Ok), "the first answer is a good one");
        Assert.That(r.Outcome, Is.EqualTo(Outcome.Failed));
        Assert.That(r.Message, Does.StartWith(
            $"one response per request: envelope.one-response-per-request: eve: Request id {id} (ping) was answered twice: first {ping.Response}, then again {ping.Response} (and "));
        var check = r.Steps.Last();
        Assert.That((check.Label, check.Outcome), Is.EqualTo(("one response per request", Outcome.Failed)));
        Assert.That(check.Exchanges.Take(2).Select(e => (e.Label, e.Response)), Is.EqualTo(new[]
        {
            ($"eve: first response to request id {id} (ping)", ping.Response),
            ($"eve: second response to request id {id} (ping)", ping.Response),
        }));
    }
}
