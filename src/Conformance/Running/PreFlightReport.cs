using System.Text;

namespace NitroConformance.Conformance.Running;

/// <summary>One line of the pre-flight table; <see cref="Problem"/> is set when the run cannot usefully go on.</summary>
public sealed record PreFlightRow(string Check, string Result, string? Problem = null);

/// <summary>What the pre-flight found; <see cref="Failed"/> stops the run with <see cref="Message"/> instead of hundreds of failed cases.</summary>
public sealed record PreFlightReport(IReadOnlyList<PreFlightRow> Rows)
{
    /// <summary>True when a row has a problem.</summary>
    public bool Failed => Rows.Any(r => r.Problem is not null);

    /// <summary>The table as Markdown (also printed to the console).</summary>
    public string ToTable()
    {
        var sb = new StringBuilder("| Pre-flight | Result |\n|---|---|\n");
        foreach (var r in Rows) sb.Append($"| {r.Check} | {(r.Problem is null ? r.Result : $"**FAILED**: {r.Result}")} |\n");
        return sb.ToString();
    }

    /// <summary>The one message a failed pre-flight stops the run with: every problem and the table.</summary>
    public string Message => "Pre-flight check of the target failed, no case was run:\n"
        + string.Join("\n", Rows.Where(r => r.Problem is not null).Select(r => $"- {r.Check}: {r.Problem}")) + "\n\n" + ToTable();
}
