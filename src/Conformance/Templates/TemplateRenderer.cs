using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NitroConformance.Conformance.Templates;

/// <summary>Resolves one placeholder: <c>{name}</c>, <c>{name:arg}</c>, with an optional <c>+N</c>/<c>-N</c> on numeric values.</summary>
public interface ITemplateScope
{
    /// <summary>The value for <paramref name="name"/> (and <paramref name="argument"/>), or null when unknown.</summary>
    string? Resolve(string name, string? argument);
}

/// <summary>Thrown for an unknown or malformed placeholder; names it.</summary>
public sealed class TemplateException(string message) : Exception(message);

/// <summary>Renders scenario templates such as <c>expected {version+1}, got {version+2}</c> or <c>{wallet:alice}</c>.</summary>
public static partial class TemplateRenderer
{
    [GeneratedRegex(@"^[a-z_][a-z0-9_]*(:[^{}\s""]+)?([+-][0-9]+)?$")]
    private static partial Regex Placeholder();

    /// <summary>Renders <paramref name="template"/>; <c>{{</c> and <c>}}</c> are literal braces.</summary>
    public static string Render(string template, ITemplateScope scope)
    {
        if (!template.Contains('{', StringComparison.Ordinal) && !template.Contains('}', StringComparison.Ordinal)) return template;
        var sb = new StringBuilder(template.Length + 32);
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{') { sb.Append('{'); i++; continue; }
            if (c == '}' && i + 1 < template.Length && template[i + 1] == '}') { sb.Append('}'); i++; continue; }
            if (c != '{') { sb.Append(c); continue; }
            var end = template.IndexOf('}', i + 1);
            // Only {name}, {name:arg}, {name+N} ... are placeholders; other braces (JSON in session_data or raw frames) are literal.
            if (end < 0 || !Placeholder().IsMatch(template[(i + 1)..end])) { sb.Append(c); continue; }
            sb.Append(Resolve(template[(i + 1)..end], scope, template));
            i = end;
        }
        return sb.ToString();
    }

    private static string Resolve(string expr, ITemplateScope scope, string template)
    {
        long offset = 0;
        var opAt = expr.LastIndexOfAny(['+', '-']);
        var colon = expr.IndexOf(':', StringComparison.Ordinal);
        // An offset is only an arithmetic suffix when it follows the name/argument (e.g. version+1, not wallet:a-b).
        if (opAt > 0 && opAt > colon && long.TryParse(expr[(opAt + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            offset = expr[opAt] == '-' ? -n : n;
            expr = expr[..opAt];
        }
        var name = colon >= 0 && colon < expr.Length ? expr[..colon] : expr;
        var arg = colon >= 0 && colon < expr.Length ? expr[(colon + 1)..] : null;
        if (name.Length == 0) throw new TemplateException($"empty placeholder in '{template}'");
        var value = scope.Resolve(name, arg)
            ?? throw new TemplateException($"unknown placeholder {{{expr}}} in '{template}'");
        if (offset == 0) return value;
        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var num))
            throw new TemplateException($"placeholder {{{expr}}} is '{value}', not a number, so it cannot take {offset:+#;-#}");
        return (num + offset).ToString(CultureInfo.InvariantCulture);
    }
}

/// <summary>A scope backed by a dictionary of <c>name</c> or <c>name:arg</c> keys (tests and simple uses).</summary>
public sealed class DictionaryScope(IReadOnlyDictionary<string, string> values, ITemplateScope? fallback = null) : ITemplateScope
{
    /// <inheritdoc/>
    public string? Resolve(string name, string? argument) =>
        values.TryGetValue(argument is null ? name : $"{name}:{argument}", out var v) ? v : fallback?.Resolve(name, argument);
}
