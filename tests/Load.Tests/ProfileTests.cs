using NitroConformance.Load.Cli;
using NitroConformance.Load.Engine;
using NitroConformance.Load.Profiles;

namespace NitroConformance.Load.Tests;

public class ProfileTests
{
    internal static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NitroConformance.sln"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, relative);
    }

    [Test]
    public void Every_shipped_profile_loads()
    {
        var files = Directory.GetFiles(RepoFile("scenarios/load"), "*.yaml");
        Assert.That(files, Is.Not.Empty);
        foreach (var f in files) Assert.That(() => ProfileLoader.LoadFile(f), Throws.Nothing, f);
        var p = ProfileLoader.LoadFile(RepoFile("scenarios/load/broadcast.yaml"));
        Assert.That(p.Scenario, Is.EqualTo("broadcast"));
        Assert.That(p.Load, Is.EqualTo(new LoadSimulation[] { new Inject(50, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10)) }));
        Assert.That(p.Params["participants"], Is.EqualTo("5"));
        Assert.That(p.Thresholds.Select(t => t.Expression), Does.Contain("broadcast.p99 < 500ms"));
    }

    [TestCase("scenario: broadcast\nload:\n  - inject: { rate: 5, during: soon }\n", "x.yaml:3: load[0]: inject.during: 'soon' is not a duration")]
    [TestCase("scenario: broadcast\nwarmpu: 2s\n", "x.yaml:2: warmpu: unknown field")]
    [TestCase("load:\n  - jump: { rate: 5 }\n", "unknown stage 'jump'")]
    [TestCase("thresholds:\n  - p99 is low\n", "x.yaml:2: thresholds: 'p99 is low' is not a threshold")]
    [TestCase("load: [\n", "x.yaml:")]
    [TestCase("load:\n  - inject: { rate: 5, during: 1s }\n  - keep_constant: { copies: 2, during: 1s }\n", "x.yaml: load simulation: mix of open")]
    public void Bad_profiles_name_file_line_and_field(string yaml, string message)
    {
        Assert.That(() => ProfileLoader.Parse(yaml, "x.yaml"), Throws.TypeOf<FormatException>().With.Message.Contains(message));
    }

    [Test]
    public void Command_line_overrides_environment_which_overrides_the_profile()
    {
        var env = new Dictionary<string, string> { ["NITRO_LOAD_TARGET"] = "ws://127.0.0.1:9/ws", ["NITRO_LOAD_RATE"] = "7", ["NITRO_LOAD_QUIET"] = "1", ["PATH"] = "/bin" };
        var s = CliSettings.Parse(["run", "--rate", "12", "--duration=3s", "--sessions", "4", "--shard", "2/3", "--threshold", "fail_rate < 2%"], env);
        var p = ProfileOverrides.Apply(RunCommand.DefaultProfile, s);
        Assert.That(p.Target, Is.EqualTo("ws://127.0.0.1:9/ws"));
        Assert.That(p.Quiet, Is.True);
        Assert.That(p.Load, Is.EqualTo(new LoadSimulation[] { new Inject(12, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)) }));
        Assert.That(p.Params["sessions"], Is.EqualTo("4"));
        Assert.That(p.Shard, Is.EqualTo((1, 3)));
        Assert.That(p.ShardText, Is.EqualTo("2/3"));
        Assert.That(p.Thresholds.Select(t => t.Expression).Last(), Is.EqualTo("fail_rate < 2%"));
    }

    [TestCase("--shard", "0/2", "--shard '0/2': expected i/N")]
    [TestCase("--rate", "fast", "--rate 'fast'")]
    [TestCase("--warmup", "2", "--warmup: '2' is not a duration")]
    [TestCase("--colour", "red", "unknown option --colour")]
    public void Bad_options_name_the_option(string option, string value, string message)
    {
        var s = CliSettings.Parse(["run", option, value], new Dictionary<string, string>());
        Assert.That(() => ProfileOverrides.Apply(RunCommand.DefaultProfile, s), Throws.InstanceOf<Exception>().With.Message.Contains(message));
    }
}
