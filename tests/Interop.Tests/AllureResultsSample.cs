using System.Text.Json;

namespace NitroConformance.Interop.Tests;

/// <summary>Writes small Allure result files (the *-result.json format) so the renderer and its quality gate can be exercised without a suite run.</summary>
public sealed class AllureResultsSample
{
    private readonly DirectoryInfo _dir;

    /// <summary>Creates an empty results directory under <paramref name="parent"/>.</summary>
    public AllureResultsSample(DirectoryInfo parent, string name) => _dir = parent.CreateSubdirectory(name);

    /// <summary>The results directory.</summary>
    public string Path => _dir.FullName;

    /// <summary>Adds one case result with the given Allure status and labels.</summary>
    public AllureResultsSample Add(string caseName, string status, params (string Name, string Value)[] labels)
    {
        var uuid = Guid.NewGuid().ToString();
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var result = new
        {
            uuid,
            historyId = caseName,
            testCaseId = caseName,
            name = caseName,
            fullName = "NitroConformance." + caseName,
            status,
            stage = "finished",
            start,
            stop = start + 5,
            statusDetails = new { message = status == "passed" ? "" : $"{caseName}: {status}" },
            labels = labels.Select(l => new { name = l.Name, value = l.Value }).ToArray(),
        };
        File.WriteAllText(System.IO.Path.Combine(_dir.FullName, $"{uuid}-result.json"), JsonSerializer.Serialize(result));
        return this;
    }
}
