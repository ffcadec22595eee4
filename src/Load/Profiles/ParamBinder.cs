using System.Globalization;

namespace NitroConformance.Load.Profiles;

/// <summary>
/// Binds a profile's <c>params</c> to a workload's options record, strictly (as k6 unmarshals executor configs): every
/// key must be one the workload reads, and a bad value or an unknown key is an error naming the file and the key.
/// </summary>
public sealed class ParamBinder(LoadProfile profile)
{
    private readonly SortedSet<string> _known = new(StringComparer.Ordinal);

    /// <summary>An integer parameter of at least <paramref name="min"/>, or <paramref name="fallback"/> when absent.</summary>
    public int Int(string key, int fallback, int min = 0)
    {
        _known.Add(key);
        if (!profile.Params.TryGetValue(key, out var s)) return fallback;
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min)
            throw new FormatException($"{profile.Source}: params.{key}: '{s}' is not an integer >= {min.ToString(CultureInfo.InvariantCulture)}");
        return v;
    }

    /// <summary>A positive number parameter, or <paramref name="fallback"/> when absent.</summary>
    public double Number(string key, double fallback)
    {
        _known.Add(key);
        if (!profile.Params.TryGetValue(key, out var s)) return fallback;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v <= 0 || double.IsInfinity(v))
            throw new FormatException($"{profile.Source}: params.{key}: '{s}' is not a positive number");
        return v;
    }

    /// <summary>One of <paramref name="allowed"/>, or <paramref name="fallback"/> when absent.</summary>
    public string Choice(string key, string fallback, params string[] allowed)
    {
        _known.Add(key);
        if (!profile.Params.TryGetValue(key, out var s)) return fallback;
        if (!allowed.Contains(s, StringComparer.Ordinal))
            throw new FormatException($"{profile.Source}: params.{key}: '{s}' (use {string.Join(" or ", allowed)})");
        return s;
    }

    /// <summary>Returns <paramref name="options"/> once every given key has been read; an unread key is unknown to the workload.</summary>
    public T Bind<T>(T options)
    {
        var unknown = profile.Params.Keys.Where(k => !_known.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
            throw new FormatException(
                $"{profile.Source}: params.{unknown[0]}: unknown parameter of workload '{profile.Scenario}' (known: {string.Join(", ", _known)})");
        return options;
    }
}
