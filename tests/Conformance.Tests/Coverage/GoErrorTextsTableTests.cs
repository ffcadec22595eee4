using System.Text.RegularExpressions;
using NUnit.Framework;

namespace NitroConformance.Conformance.Tests.Coverage;

/// <summary>
/// docs/go-error-texts.md and scenarios/ agree: a text the table calls checked appears in every scenario it names,
/// and a text without a scenario gives one of the table's kinds of reason.
/// </summary>
[TestFixture]
[Category("Coverage")]
public sealed partial class GoErrorTextsTableTests
{
    private static readonly string[] Kinds = ["chain", "clock", "database", "internal", "unreachable", "not driven"];

    private static string Root => NitroConformance.Conformance.Configuration.RunSettings.FindRepositoryRoot(AppContext.BaseDirectory);

    /// <summary>The committed table has no row out of step with the scenarios.</summary>
    [Test]
    public void EveryRowIsCheckedByItsScenariosOrSaysWhyNot()
    {
        var rows = Rows(File.ReadAllText(Path.Combine(Root, "docs", "go-error-texts.md")));
        Assert.That(rows, Has.Count.GreaterThan(100), "the table lists the Go node's off-chain error texts");
        var problems = rows.SelectMany(r => Problems(r, Path.Combine(Root, "scenarios"))).ToList();
        var duplicates = rows.GroupBy(r => r.Text).Where(g => g.Count() > 1).Select(g => $"`{g.Key}` is listed {g.Count()} times");
        problems.AddRange(duplicates);
        Assert.That(problems, Is.Empty, string.Join("\n", problems));
    }

    /// <summary>Every scenario id the document names anywhere (also outside the error-text tables) exists.</summary>
    [Test]
    public void EveryScenarioTheDocumentNamesExists()
    {
        var text = File.ReadAllText(Path.Combine(Root, "docs", "go-error-texts.md"));
        var missing = ScenarioId().Matches(text).Select(m => m.Groups[1].Value).Distinct()
            .Where(id => id.Contains('/') && !id.StartsWith("tests/", StringComparison.Ordinal)
                && !File.Exists(Path.Combine(Root, "scenarios", id + ".yaml")))
            .ToList();
        Assert.That(missing, Is.Empty, "named in docs/go-error-texts.md but not under scenarios/");
    }

    /// <summary>The check fails a row whose scenario lacks the text, names a missing scenario, or gives no known kind.</summary>
    [Test]
    public void TheCheckCatchesRowsOutOfStep()
    {
        var scenarios = Path.Combine(Root, "scenarios");
        var table = """
            | Error text on the wire | Go source | Methods | Checked by |
            | `cannot transfer to self` | x.go:1 | transfer | `transfer/transfer-checks` |
            | `no such text <x> anywhere` | x.go:2 | transfer | `transfer/transfer-checks` |
            | `insufficient funds: <wallet> for asset <asset>` | x.go:3 | transfer | `transfer/no-such-scenario` |
            | `failed to get channels` | x.go:4 | get_channels | **mystery**: because |
            | `failed to get transactions` | x.go:5 | get_ledger_transactions | **internal**: database failure only |
            """;
        var problems = Rows(table).Select(r => string.Join("; ", Problems(r, scenarios))).ToList();
        Assert.That(problems[0], Is.Empty);
        Assert.That(problems[1], Does.Contain("transfer/transfer-checks does not contain"));
        Assert.That(problems[2], Does.Contain("transfer/no-such-scenario does not exist"));
        Assert.That(problems[3], Does.Contain("neither names a scenario nor gives a reason of a known kind"));
        Assert.That(problems[4], Is.Empty);
    }

    private sealed record Row(int Line, string Text, string CheckedBy);

    // Rows of the tables headed "Error text on the wire"; other tables of the document are not error texts.
    private static List<Row> Rows(string markdown)
    {
        var rows = new List<Row>();
        var lines = markdown.Split('\n');
        var inTable = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("| Error text on the wire |", StringComparison.Ordinal)) inTable = true;
            else if (!line.StartsWith('|')) inTable = false;
            if (!inTable || !line.StartsWith("| `", StringComparison.Ordinal)) continue;
            var cells = line.Trim('|').Split(" | ");
            if (cells.Length != 4) throw new FormatException($"go-error-texts.md line {i + 1}: expected 4 cells, found {cells.Length}");
            rows.Add(new Row(i + 1, cells[0].Trim().Trim('`'), cells[3].Trim()));
        }
        return rows;
    }

    private static IEnumerable<string> Problems(Row row, string scenariosDirectory)
    {
        var where = $"line {row.Line} `{row.Text}`";
        var ids = ScenarioId().Matches(row.CheckedBy).Select(m => m.Groups[1].Value).ToList();
        if (ids.Count == 0)
        {
            var reason = Reason().Match(row.CheckedBy);
            if (!reason.Success || !Kinds.Contains(reason.Groups[1].Value) || reason.Groups[2].Value.Trim().Length < 10)
                yield return $"{where}: neither names a scenario nor gives a reason of a known kind ({string.Join(", ", Kinds)})";
            yield break;
        }
        var pattern = new Regex(string.Join(".+?", Placeholder().Split(row.Text).Select(Regex.Escape)));
        foreach (var id in ids)
        {
            var path = Path.Combine(scenariosDirectory, id + ".yaml");
            if (!File.Exists(path)) yield return $"{where}: scenario {id} does not exist";
            else if (!pattern.IsMatch(File.ReadAllText(path))) yield return $"{where}: scenario {id} does not contain the text";
        }
    }

    [GeneratedRegex(@"`([a-z0-9._-]+(?:/[a-z0-9._-]+)+)`")]
    private static partial Regex ScenarioId();

    [GeneratedRegex(@"^\*\*([a-z ]+)\*\*: (.*)$")]
    private static partial Regex Reason();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Placeholder();
}
