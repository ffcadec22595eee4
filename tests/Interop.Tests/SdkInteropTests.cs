using NitroConformance.Fixtures;
using NitroConformance.Fixtures.Defects;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Interop.Tests;

/// <summary>
/// Runs interop/sdk/interop.mjs — the official TypeScript SDK @erc7824/nitrolite 0.5.3 — against an in-process
/// reference node funded for the script's wallets, and requires every step to match.
/// </summary>
[TestFixture]
public sealed class SdkInteropTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    [Test]
    public async Task OfficialSdkDrivesTheReferenceNodeThroughEveryStep()
    {
        var (node, script) = await PrerequisitesAsync();
        var alice = EthKey.FromSeed("nitro-conformance-interop-alice");
        var bob = EthKey.FromSeed("nitro-conformance-interop-bob");
        await using var reference = await ReferenceNode.StartAsync(new ReferenceNodeOptions
        {
            InitialBalances = [new(alice.Address, "usdc", 100m), new(bob.Address, "usdc", 50m)],
        });

        var outcome = await RunScriptAsync(node, script, reference.Url, alice, bob);

        Assert.That(outcome.ExitCode, Is.EqualTo(0), outcome.ToString());
        Assert.That(outcome.StdOut, Does.Contain("PASS sdk interop: @erc7824/nitrolite 0.5.3"));
        // Shown by `dotnet test` at default verbosity: which secp256k1 backend our node signed with.
        TestContext.Error.WriteLine($"[interop] official SDK 0.5.3 passed against the reference node signing with secp256k1 {Secp256k1.Describe()}");
        foreach (var step in new[]
                 {
                     "alice: auth", "bob: auth", "0.4 create_app_session", "0.4 submit_app_state operate", "0.4 reject stale version",
                     "0.4 reject insufficient quorum", "0.4 reject non-participant signer", "0.4 close_app_session",
                     "0.2 create_app_session", "0.2 reject version", "0.2 submit_app_state", "0.2 close_app_session",
                 })
        {
            Assert.That(outcome.StdOut, Does.Contain("ok   " + step), $"step '{step}' did not report ok\n{outcome}");
        }
        // Net effect of both protocols' sessions: alice -4, bob +4.
        Assert.That(outcome.StdOut, Does.Contain("final balances — alice 96, bob 54 usdc"));
    }

    [TestCase(DefectId.AcceptStaleVersion, "0.4 reject stale version")]
    [TestCase(DefectId.SkipQuorumCheck, "0.4 reject insufficient quorum")]
    [TestCase(DefectId.AcceptNonParticipantSigner, "0.4 reject non-participant signer")]
    [TestCase(DefectId.AcceptIntentVersionOnV02, "0.2 reject version")]
    [TestCase(DefectId.AsuNotSent, "0.4 asu to bob")]
    [TestCase(DefectId.ResponsesSignedByWrongKey, "alice frame")]
    public async Task ASeededDefectFailsTheRunAtTheStepThatExposesIt(DefectId defect, string step)
    {
        var (node, script) = await PrerequisitesAsync();
        var alice = EthKey.FromSeed("nitro-conformance-interop-alice");
        var bob = EthKey.FromSeed("nitro-conformance-interop-bob");
        await using var reference = await ReferenceNode.StartAsync(new ReferenceNodeOptions
        {
            InitialBalances = [new(alice.Address, "usdc", 100m), new(bob.Address, "usdc", 50m)],
            Defects = new HashSet<DefectId> { defect },
        });

        var outcome = await RunScriptAsync(node, script, reference.Url, alice, bob, replyTimeoutMs: 3000);

        Assert.That(outcome.ExitCode, Is.EqualTo(1), outcome.ToString());
        Assert.That(outcome.StdErr, Does.StartWith($"MISMATCH in step \"{step}\""), outcome.ToString());
    }

    [Test]
    public async Task AnUnfundedWalletIsReportedAsAMismatchWithExitCode1()
    {
        var (node, script) = await PrerequisitesAsync();
        var alice = EthKey.FromSeed("nitro-conformance-interop-alice");
        var bob = EthKey.FromSeed("nitro-conformance-interop-bob");
        await using var reference = await ReferenceNode.StartAsync(new ReferenceNodeOptions
        {
            InitialBalances = [new(alice.Address, "usdc", 100m)],
        });

        var outcome = await RunScriptAsync(node, script, reference.Url, alice, bob);

        Assert.That(outcome.ExitCode, Is.EqualTo(1), outcome.ToString());
        Assert.That(outcome.StdErr, Does.Contain("MISMATCH in step \"funding\": bob needs >= 5 usdc, has 0"));
    }

    [Test]
    public async Task AnUnreachableNodeIsATransportErrorWithExitCode3()
    {
        var (node, script) = await PrerequisitesAsync();
        var alice = EthKey.FromSeed("nitro-conformance-interop-alice");
        var bob = EthKey.FromSeed("nitro-conformance-interop-bob");
        // Start and stop a node so the port is known to be closed.
        Uri url;
        await using (var gone = await ReferenceNode.StartAsync(new ReferenceNodeOptions())) url = gone.Url;

        var outcome = await RunScriptAsync(node, script, url, alice, bob);

        Assert.That(outcome.ExitCode, Is.EqualTo(3), outcome.ToString());
        Assert.That(outcome.StdErr, Does.Contain("TRANSPORT ERROR: alice:"));
    }

    private static async Task<(string Node, string Script)> PrerequisitesAsync()
    {
        var node = await NodePackages.RequireAsync("interop/sdk", "@erc7824/nitrolite/package.json", "the SDK interop check");
        return (node, RepoPaths.Of("interop", "sdk", "interop.mjs"));
    }

    /// <param name="replyTimeoutMs">Per-reply wait; a defect that withholds a push costs exactly this long.</param>
    private static Task<ProcessOutcome> RunScriptAsync(string node, string script, Uri url, EthKey alice, EthKey bob, int replyTimeoutMs = 15000) =>
        ExternalProcess.RunAsync(
            node,
            ["--experimental-websocket", "--no-warnings", script, "--url", url.ToString(), "--timeout-ms", replyTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            Path.GetDirectoryName(script)!,
            ScriptTimeout,
            new Dictionary<string, string>
            {
                ["NITRO_INTEROP_ALICE_KEY"] = alice.PrivateKeyHex,
                ["NITRO_INTEROP_BOB_KEY"] = bob.PrivateKeyHex,
            });
}
