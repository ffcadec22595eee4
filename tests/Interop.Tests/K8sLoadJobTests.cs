using NitroConformance.Tests;
using NitroConformance.Fixtures;

namespace NitroConformance.Interop.Tests;

/// <summary>
/// deploy/k8s/load-job.yaml: its structure (Indexed Job sized like its shard count, one shared volume, a merge Job that waits for
/// every shard), and its shell scripts themselves, run here with /reports and the image paths mapped to a temp directory and the
/// built harness, against one reference node on loopback.
/// </summary>
[TestFixture]
public sealed class K8sLoadJobTests
{
    private static readonly string ManifestPath = RepoPaths.Of("deploy", "k8s", "load-job.yaml");
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    [Test]
    public void ShardsAreAnIndexedJobSizedLikeTheirShardCountOnASharedVolume()
    {
        var m = K8sManifest.Load(ManifestPath);
        var shards = m.Get("Job", "nitro-load-shards");
        var merge = m.Get("Job", "nitro-load-merge");
        var shard = K8sManifest.Containers(shards).Single();
        var env = K8sManifest.Env(shard);

        Assert.Multiple(() =>
        {
            Assert.That(K8sManifest.Scalar(m.Get("PersistentVolumeClaim", "nitro-load-reports"), "spec", "accessModes"), Is.Null, "accessModes is a list");
            Assert.That(((YamlDotNet.RepresentationModel.YamlSequenceNode)K8sManifest.Node(m.Get("PersistentVolumeClaim", "nitro-load-reports"), "spec", "accessModes")!)
                .Children.Select(c => c.ToString()), Is.EqualTo(new[] { "ReadWriteMany" }));
            Assert.That(K8sManifest.Scalar(shards, "spec", "completionMode"), Is.EqualTo("Indexed"));
            Assert.That(K8sManifest.Scalar(shards, "spec", "completions"), Is.EqualTo(env["SHARDS"]));
            Assert.That(K8sManifest.Scalar(shards, "spec", "parallelism"), Is.EqualTo(env["SHARDS"]), "every shard runs at the same time");
            Assert.That(K8sManifest.Script(shard), Does.Contain("JOB_COMPLETION_INDEX").And.Contain("--shard \"$i/$SHARDS\""));
            Assert.That(env["NITRO_LOAD_ALLOW_REMOTE"], Is.EqualTo("1"));

            foreach (var job in new[] { shards, merge })
            {
                Assert.That(K8sManifest.Scalar(job, "spec", "template", "spec", "volumes"), Is.Null);
                var claim = K8sManifest.Scalar(((YamlDotNet.RepresentationModel.YamlSequenceNode)K8sManifest.Node(job, "spec", "template", "spec", "volumes")!).Children[0],
                    "persistentVolumeClaim", "claimName");
                Assert.That(claim, Is.EqualTo("nitro-load-reports"));
                Assert.That(K8sManifest.Scalar(job, "spec", "template", "spec", "restartPolicy"), Is.EqualTo("Never"));
                Assert.That(K8sManifest.Scalar(job, "spec", "activeDeadlineSeconds"), Is.Not.Null, "nothing runs unbounded");
            }
            var waiter = K8sManifest.Containers(merge, init: true).Single();
            Assert.That(K8sManifest.Env(waiter)["SHARDS"], Is.EqualTo(env["SHARDS"]));
            Assert.That(K8sManifest.Env(waiter)["RUN_ID"], Is.EqualTo(env["RUN_ID"]));
            Assert.That(K8sManifest.Env(K8sManifest.Containers(merge).Single())["RUN_ID"], Is.EqualTo(env["RUN_ID"]));
            Assert.That(K8sManifest.Script(K8sManifest.Containers(merge).Single()), Does.Not.Contain("--threshold"),
                "the merged report keeps the profile's thresholds");
        });
    }

    [Test]
    public async Task TheManifestsScriptsShardWaitAndMergeAgainstOneNode()
    {
        if (ExternalProcess.FindOnPath("sh") is null) MissingTool.Report("no sh on PATH");
        var m = K8sManifest.Load(ManifestPath);
        var shardContainer = K8sManifest.Containers(m.Get("Job", "nitro-load-shards")).Single();
        var waiter = K8sManifest.Containers(m.Get("Job", "nitro-load-merge"), init: true).Single();
        var merger = K8sManifest.Containers(m.Get("Job", "nitro-load-merge")).Single();

        var work = Directory.CreateTempSubdirectory("nitro-k8s-");
        try
        {
            var profile = Path.Combine(work.FullName, "tiny.yaml");
            File.WriteAllText(profile, """
                name: tiny
                scenario: broadcast
                warmup: 0s
                load:
                  - inject: { rate: 10, interval: 1s, during: 2s }
                timeout: 5s
                params: { sessions: 4, participants: 3, protocol: "0.4" }
                thresholds:
                  - misdelivered == 0
                  - broadcast.count > 0
                """);
            var reports = work.CreateSubdirectory("reports").FullName;
            await using var node = await ReferenceNode.StartAsync(new ReferenceNodeOptions { OutboundQueueCapacity = 16384 });
            const int shards = 2;

            // The init container waits while no shard has written yet; start it first.
            var wait = RunScriptAsync(K8sManifest.Script(waiter), K8sManifest.Env(waiter), reports, new() { ["SHARDS"] = "2" });
            var shardRuns = Enumerable.Range(0, shards).Select(index => RunScriptAsync(K8sManifest.Script(shardContainer), K8sManifest.Env(shardContainer), reports, new()
            {
                ["JOB_COMPLETION_INDEX"] = index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["SHARDS"] = "2",
                ["TARGET_URL"] = node.Url.ToString(),
                ["PROFILE"] = profile,
            })).ToList();
            foreach (var r in await Task.WhenAll(shardRuns)) Assert.That(r.ExitCode, Is.EqualTo(0), r.ToString());
            var waited = await wait;
            Assert.That(waited.ExitCode, Is.EqualTo(0), waited.ToString());

            var merged = await RunScriptAsync(K8sManifest.Script(merger), K8sManifest.Env(merger), reports, new());
            Assert.That(merged.ExitCode, Is.EqualTo(0), merged.ToString());

            var runId = K8sManifest.Env(merger)["RUN_ID"];
            var report = LoadHarnessProcess.Report(Path.Combine(reports, runId, "merged"));
            Assert.That(report["shards"]!.AsArray().Select(s => (string?)s), Is.EqualTo(new[] { "1/2", "2/2" }));
            Assert.That((long)report["counters"]!["iterations"]!, Is.EqualTo(2 * 10 * 2), "each shard injects the profile's rate");
            Assert.That(report["thresholds"]!.AsArray().Select(t => (string?)t!["expression"]), Is.EqualTo(new[] { "misdelivered == 0", "broadcast.count > 0" }));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Runs a manifest script with the image's paths mapped onto this machine.</summary>
    private static Task<ProcessOutcome> RunScriptAsync(string script, IReadOnlyDictionary<string, string> manifestEnv, string reports, Dictionary<string, string> overrides)
    {
        var local = script
            .Replace("/opt/nitro/load/NitroConformance.Load.dll", LoadHarnessProcess.Assembly, StringComparison.Ordinal)
            .Replace("/reports", reports, StringComparison.Ordinal)
            .Replace("sleep 5", "sleep 0.2", StringComparison.Ordinal);
        var env = new Dictionary<string, string>(manifestEnv);
        foreach (var (k, v) in overrides) env[k] = v;
        env["NO_COLOR"] = "1";
        return ExternalProcess.RunAsync("sh", ["-c", local], Path.GetTempPath(), ScriptTimeout, env);
    }
}
