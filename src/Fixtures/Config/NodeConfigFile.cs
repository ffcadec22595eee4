using System.Globalization;
using NitroConformance.Fixtures.Defects;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NitroConformance.Fixtures.Config;

/// <summary>
/// Reads a node YAML file (see <c>src/Fixtures/node.sample.yaml</c>) into <see cref="ReferenceNodeOptions"/>.
/// Every error names the file, the line and column, and the field path.
/// </summary>
public sealed class NodeConfigFile
{
    private static readonly HashSet<string> TopLevelKeys =
    [
        "broker_private_key", "host", "port", "relay", "max_frame_bytes", "timestamp_window_seconds", "protocols",
        "assets", "networks", "balances", "defects", "profile", "random_order", "random_seed",
    ];

    private readonly string _path;

    private NodeConfigFile(string path) => _path = path;

    /// <summary>Loads <paramref name="path"/>; throws <see cref="NodeConfigException"/> on any problem.</summary>
    public static ReferenceNodeOptions Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NodeConfigException($"{path}: cannot read the node configuration: {e.Message}");
        }
        return Parse(text, path);
    }

    /// <summary>Parses YAML text; <paramref name="path"/> only labels error messages.</summary>
    public static ReferenceNodeOptions Parse(string text, string path) => new NodeConfigFile(path).ParseText(text);

    private ReferenceNodeOptions ParseText(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new NodeConfigException($"{_path}:{e.Start.Line}:{e.Start.Column}: invalid YAML: {e.Message}");
        }
        if (stream.Documents.Count == 0) return new ReferenceNodeOptions();
        var root = stream.Documents[0].RootNode as YamlMappingNode
            ?? throw Error(stream.Documents[0].RootNode, "(root)", "expected a mapping of settings");

        var options = new ReferenceNodeOptions();
        foreach (var (keyNode, value) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            if (!TopLevelKeys.Contains(key))
                throw Error(keyNode, key, $"unknown setting; known settings: {string.Join(", ", TopLevelKeys)}");
            options = key switch
            {
                "broker_private_key" => options with { BrokerPrivateKey = Scalar(value, key) },
                "host" => options with { Host = Host(value, key) },
                "port" => options with { Port = Int(value, key, 0, 65535) },
                "relay" => options with { AppMessageRelay = Bool(value, key) },
                "max_frame_bytes" => options with { MaxFrameBytes = Int(value, key, 1024, int.MaxValue) },
                "timestamp_window_seconds" => options with { TimestampWindow = TimeSpan.FromSeconds(Int(value, key, 1, int.MaxValue)) },
                "protocols" => options with { Protocols = Sequence(value, key).Select((n, i) => Scalar(n, $"{key}[{i}]")).ToHashSet() },
                "assets" => options with { Assets = Sequence(value, key).Select((n, i) => Asset(n, $"{key}[{i}]")).ToList() },
                "networks" => options with { Networks = Sequence(value, key).Select((n, i) => Network(n, $"{key}[{i}]")).ToList() },
                "balances" => options with { InitialBalances = Sequence(value, key).Select((n, i) => Balance(n, $"{key}[{i}]")).ToList() },
                "defects" => options with { Defects = Sequence(value, key).Select((n, i) => Defect(n, $"{key}[{i}]")).ToHashSet() },
                "profile" => options with { Profile = Profile(value, key) },
                "random_order" => options with { RandomOrder = Bool(value, key) },
                "random_seed" => options with { RandomSeed = Int(value, key, int.MinValue, int.MaxValue) },
                _ => options,
            };
            if (key == "broker_private_key") CheckKey(value, options.BrokerPrivateKey);
        }
        return options;
    }

    private void CheckKey(YamlNode node, string key)
    {
        try
        {
            _ = Protocol.Crypto.EthKey.FromHex(key);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw Error(node, "broker_private_key", "not a valid secp256k1 private key (expected 0x + 64 hex digits)");
        }
    }

    private string Host(YamlNode node, string field)
    {
        var text = Scalar(node, field);
        return System.Net.IPAddress.TryParse(text, out _)
            ? text
            : throw Error(node, field, $"expected an IP address such as 127.0.0.1 or 0.0.0.0, got '{text}'");
    }

    private NodeAsset Asset(YamlNode node, string field)
    {
        var map = Mapping(node, field, ["symbol", "decimals", "chain_id", "token", "disabled"]);
        return new NodeAsset(
            Scalar(Required(map, node, field, "symbol"), field + ".symbol"),
            Int(Required(map, node, field, "decimals"), field + ".decimals", 0, 36),
            (uint)Long(Required(map, node, field, "chain_id"), field + ".chain_id", 0, uint.MaxValue),
            map.TryGetValue("token", out var token) ? Scalar(token, field + ".token") : "0x0000000000000000000000000000000000000000",
            map.TryGetValue("disabled", out var disabled) && Bool(disabled, field + ".disabled"));
    }

    private NodeNetwork Network(YamlNode node, string field)
    {
        var map = Mapping(node, field, ["chain_id", "name", "custody_address", "adjudicator_address"]);
        return new NodeNetwork(
            (uint)Long(Required(map, node, field, "chain_id"), field + ".chain_id", 0, uint.MaxValue),
            map.TryGetValue("name", out var name) ? Scalar(name, field + ".name") : "",
            map.TryGetValue("custody_address", out var c) ? Scalar(c, field + ".custody_address") : "",
            map.TryGetValue("adjudicator_address", out var a) ? Scalar(a, field + ".adjudicator_address") : "");
    }

    private InitialBalance Balance(YamlNode node, string field)
    {
        var map = Mapping(node, field, ["wallet", "asset", "amount"]);
        var amountNode = Required(map, node, field, "amount");
        var amountText = Scalar(amountNode, field + ".amount");
        if (!decimal.TryParse(amountText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            throw Error(amountNode, field + ".amount", $"expected a non-negative decimal amount, got '{amountText}'");
        return new InitialBalance(
            Scalar(Required(map, node, field, "wallet"), field + ".wallet"),
            Scalar(Required(map, node, field, "asset"), field + ".asset"),
            amount);
    }

    private NodeProfile Profile(YamlNode node, string field)
    {
        var name = Scalar(node, field);
        return NodeProfileNames.TryParse(name, out var profile)
            ? profile
            : throw Error(node, field, $"unknown profile '{name}'; known profiles: {NodeProfileNames.Known}");
    }

    private DefectId Defect(YamlNode node, string field)
    {
        var key = Scalar(node, field);
        var match = DefectCatalog.All.FirstOrDefault(d => d.Key == key)
            ?? throw Error(node, field, $"unknown defect '{key}'; known defects: {string.Join(", ", DefectCatalog.All.Select(d => d.Key))}");
        return match.Id;
    }

    private Dictionary<string, YamlNode> Mapping(YamlNode node, string field, string[] allowed)
    {
        if (node is not YamlMappingNode map) throw Error(node, field, "expected a mapping");
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            var key = ((YamlScalarNode)k).Value ?? "";
            if (!allowed.Contains(key)) throw Error(k, $"{field}.{key}", $"unknown field; expected one of: {string.Join(", ", allowed)}");
            result[key] = v;
        }
        return result;
    }

    private YamlNode Required(Dictionary<string, YamlNode> map, YamlNode owner, string field, string key) =>
        map.TryGetValue(key, out var value) ? value : throw Error(owner, $"{field}.{key}", "required field is missing");

    private IEnumerable<YamlNode> Sequence(YamlNode node, string field) =>
        node as YamlSequenceNode ?? throw Error(node, field, "expected a list");

    private string Scalar(YamlNode node, string field) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(node, field, "expected a single value");

    private int Int(YamlNode node, string field, int min, int max) => (int)Long(node, field, min, max);

    private long Long(YamlNode node, string field, long min, long max)
    {
        var text = Scalar(node, field);
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw Error(node, field, $"expected an integer in {min}..{max}, got '{text}'");
        return value;
    }

    private bool Bool(YamlNode node, string field)
    {
        var text = Scalar(node, field);
        return text switch
        {
            "true" or "True" or "yes" or "on" => true,
            "false" or "False" or "no" or "off" => false,
            _ => throw Error(node, field, $"expected true or false, got '{text}'"),
        };
    }

    private NodeConfigException Error(YamlNode node, string field, string message) =>
        new($"{_path}:{node.Start.Line}:{node.Start.Column}: {field}: {message}");
}
