using System.Text.Json;
using System.Text.Json.Serialization;

namespace NitroConformance.Load.Reports;

/// <summary>Reads and writes <see cref="RunReport"/> JSON.</summary>
public static class ReportJson
{
    /// <summary>Serializer options used for every report file.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>JSON text of a report.</summary>
    public static string Serialize(RunReport report) => JsonSerializer.Serialize(report, Options);

    /// <summary>Parses a report; throws <see cref="FormatException"/> naming <paramref name="source"/> on bad input.</summary>
    public static RunReport Deserialize(string json, string source)
    {
        RunReport? r;
        try
        {
            r = JsonSerializer.Deserialize<RunReport>(json, Options);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source}: not a load report ({e.Message})", e);
        }
        if (r is null || r.Format != RunReport.FormatTag)
            throw new FormatException($"{source}: not a load report (format must be '{RunReport.FormatTag}')");
        return r;
    }

    /// <summary>Loads report.json from a run directory or a file path.</summary>
    public static RunReport Load(string path)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, ReportWriter.JsonFile) : path;
        if (!File.Exists(file)) throw new FileNotFoundException($"{file}: no such report (pass a run directory or its {ReportWriter.JsonFile})", file);
        return Deserialize(File.ReadAllText(file), file);
    }
}
