using System.Diagnostics;
using NitroConformance.Load.Reports;

namespace NitroConformance.Load.Tests;

public class HtmlRenderingTests
{
    // Debian's chromium package (what .ci/run installs), Ubuntu's name, or Chrome; the first on PATH wins.
    private static readonly string[] Browsers = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

    private static readonly string? Chromium = Browsers
        .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)))
        .FirstOrDefault(File.Exists);

    [Test]
    public async Task Report_renders_in_headless_chromium_without_network()
    {
        if (Chromium is null)
            NitroConformance.Tests.MissingTool.Report($"no Chromium on PATH ({string.Join(", ", Browsers)}; apt-get install -y chromium); HTML rendering not checked");
        var dir = Path.Combine(Path.GetTempPath(), "nitro-load-html-" + Guid.NewGuid().ToString("N"));
        try
        {
            ReportWriter.Write(SampleReports.Broadcast(), dir);
            var screenshot = Path.Combine(dir, "shot.png");
            var dom = await RunChromiumAsync(dir, $"--screenshot={screenshot} --window-size=1000,2400", Path.Combine(dir, "report.html"));
            Assert.That(File.Exists(screenshot), Is.True, "no screenshot produced");
            Assert.That(new FileInfo(screenshot).Length, Is.GreaterThan(20_000), "screenshot suspiciously small (blank page?)");
            var dumped = await RunChromiumAsync(dir, "--dump-dom", Path.Combine(dir, "report.html"));
            Assert.That(dumped, Does.Contain("<svg").And.Contain("percentile curve").And.Contain("1.98ms"));
            _ = dom;
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static async Task<string> RunChromiumAsync(string dir, string extra, string file)
    {
        var psi = new ProcessStartInfo(Chromium!,
            $"--headless --no-sandbox --disable-gpu --disable-background-networking --user-data-dir={dir}/profile {extra} file://{file}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        using var p = Process.Start(psi)!;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var stdout = p.StandardOutput.ReadToEndAsync(cts.Token);
        _ = p.StandardError.ReadToEndAsync(cts.Token);
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(true);
            Assert.Fail("chromium did not finish within 40 s");
        }
        return await stdout;
    }
}
