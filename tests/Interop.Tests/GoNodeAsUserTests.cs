using System.Text.Json.Nodes;
using NitroConformance.Fixtures.Hosting;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Interop.Tests;

/// <summary>
/// As a user with a Go ClearNode v0.5.x runs it: the standalone reference node with <c>--profile go-v0.5</c> and a
/// funded treasury in its config, the suite pointed at it by environment variables with the shipped known-failing list.
/// </summary>
[TestFixture]
[CancelAfter(900_000)]
public sealed class GoNodeAsUserTests
{
    private static readonly EthKey Treasury = EthKey.FromSeed("interop/go-node-as-user/treasury");

    [Test]
    public async Task Dotnet_test_against_the_standalone_go_profile_node_exits_0_with_the_shipped_list()
    {
        var dir = Directory.CreateTempSubdirectory("go-node-as-user-");
        try
        {
            var config = Path.Combine(dir.FullName, "node.yaml");
            await File.WriteAllTextAsync(config, $"""
                profile: go-v0.5
                assets:
                  - {"{"} symbol: usdc, decimals: 6, chain_id: 1337, token: "0x5FbDB2315678afecb367f032d93F642f64180aa3" {"}"}
                  - {"{"} symbol: eth, decimals: 18, chain_id: 1337, token: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512" {"}"}
                balances:
                  - {"{"} wallet: "{Treasury.Address}", asset: usdc, amount: "1000000000" {"}"}
                  - {"{"} wallet: "{Treasury.Address}", asset: eth, amount: "1000000000" {"}"}
                """);
            await using var node = await ReferenceNodeProcess.StartAsync(["--config", config]);
            var reports = Path.Combine(dir.FullName, "reports");
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var run = await ExternalProcess.RunAsync("dotnet",
                ["test", RepoPaths.Of("src", "Conformance"), "-c", tfm.Parent!.Name, "--no-build", "--nologo", "--filter", "Category=Conformance"],
                RepoPaths.Root, TimeSpan.FromMinutes(12), new Dictionary<string, string>
                {
                    ["NITRO_TARGET__URL"] = node.Url.ToString(),
                    ["NITRO_TARGET__TREASURYKEY"] = Treasury.PrivateKeyHex,
                    ["NITRO_TARGET__KNOWNFAILING"] = "src/Conformance/KnownFailing/clearnode-go-v0.5.txt",
                    ["NITRO_RUN__REPORTSDIRECTORY"] = reports,
                    ["DOTNET_NOLOGO"] = "1",
                });
            Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());

            var summary = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "summary.json")))!;
            Assert.That((bool)summary["passed"]!, Is.True);
            Assert.That((long)summary["auth_requests"]!, Is.InRange(1, 200), "auth budget per run");
            var outcomes = summary["cases"]!.AsArray().ToDictionary(c => (string)c!["name"]!, c => (string)c!["outcome"]!);
            // Whichever crash probe NUnit starts first kills the node; the other is then not run (node down).
            var probes = new[] { "auth/verify-variants/short-signature [NitroRPC/0.4]", "envelope/crash-paths [NitroRPC/0.4]" }.Select(n => outcomes[n]);
            Assert.That(probes, Is.EquivalentTo(new[] { "CRASHED", "SKIPPED" }));
            Assert.That(outcomes.Values.Count(o => o == "FAILED"), Is.EqualTo(4));
            Assert.That(File.ReadAllText(Path.Combine(reports, "preflight.md")), Does.Contain("NitroRPC/0.2, NitroRPC/0.4"));
            // The crash probe really killed the process, as the Go node dies.
            Assert.That(await node.WaitForExitAsync(), Is.EqualTo(2), node.StdErr);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
