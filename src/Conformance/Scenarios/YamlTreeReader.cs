using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NitroConformance.Conformance.Scenarios;

/// <summary>Parses YAML text into a <see cref="YNode"/> tree with positions; syntax errors become <see cref="ScenarioError"/>s.</summary>
public static class YamlTreeReader
{
    /// <summary>Parses one document; returns null and adds an error when the text is not valid YAML.</summary>
    public static YNode? Read(string file, string text, List<ScenarioError> errors)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            _last.Value = null;
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                errors.Add(new ScenarioError(new SourceMark(file, 1, 1), "(document)", "file is empty"));
                return null;
            }
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, file);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
                errors.Add(new ScenarioError(Mark(file, parser.Current!.Start), "(document)", "only one YAML document per file is allowed"));
            return root;
        }
        catch (YamlException ex)
        {
            errors.Add(new ScenarioError(Mark(file, ex.Start), "(yaml)", ex.InnerException?.Message ?? ex.Message));
            return null;
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner throws this for some malformed input (e.g. an unclosed flow sequence); report where parsing stopped.
            errors.Add(new ScenarioError(_last.Value ?? new SourceMark(file, 1, 1), "(yaml)",
                $"malformed YAML after this point (unclosed bracket or quote?): {ex.Message}"));
            return null;
        }
    }

    private static SourceMark Mark(string file, Mark m) => new(file, (int)Math.Max(1, m.Line), (int)Math.Max(1, m.Column));

    private static readonly ThreadLocal<SourceMark?> _last = new();

    private static YNode ReadNode(IParser parser, string file)
    {
        if (parser.Current is { } current) _last.Value = Mark(file, current.Start);
        if (parser.TryConsume<Scalar>(out var scalar))
            return new YScalar(Mark(file, scalar.Start), scalar.Value, scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded);
        if (parser.TryConsume<SequenceStart>(out var seqStart))
        {
            var items = new List<YNode>();
            while (!parser.TryConsume<SequenceEnd>(out _)) items.Add(ReadNode(parser, file));
            return new YSeq(Mark(file, seqStart.Start), items);
        }
        if (parser.TryConsume<MappingStart>(out var mapStart))
        {
            var entries = new List<KeyValuePair<YScalar, YNode>>();
            var seen = new HashSet<string>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyNode = ReadNode(parser, file);
                if (keyNode is not YScalar key)
                    throw new YamlException(parser.Current!.Start, parser.Current.End, "mapping keys must be plain scalars");
                if (!seen.Add(key.Value))
                    throw new YamlException(new Mark(0, key.Mark.Line, key.Mark.Column), new Mark(0, key.Mark.Line, key.Mark.Column), $"duplicate key '{key.Value}'");
                entries.Add(new(key, ReadNode(parser, file)));
            }
            return new YMap(Mark(file, mapStart.Start), entries);
        }
        if (parser.TryConsume<AnchorAlias>(out var alias))
            throw new YamlException(alias.Start, alias.End, "YAML aliases are not supported in scenarios");
        var ev = parser.Current!;
        throw new YamlException(ev.Start, ev.End, $"unexpected YAML event {ev.GetType().Name}");
    }
}
