using System.Text;
using NitroConformance.Protocol.Crypto;

namespace NitroConformance.Fixtures.Envelope;

/// <summary>
/// A frame queued for one or more connections: either text sent verbatim (the legacy relay) or a server frame whose
/// <c>res</c> text is fixed when it is queued and whose broker signature is made when a connection's writer first sends it.
/// </summary>
public sealed class OutboundFrame
{
    private readonly EthKey? _signingKey;
    private string? _text;

    private OutboundFrame(string? resJson, EthKey? signingKey, string? text)
    {
        ResJson = resJson;
        _signingKey = signingKey;
        _text = text;
    }

    /// <summary>The exact <c>res</c> array text that is signed, or null for a verbatim frame.</summary>
    public string? ResJson { get; }

    /// <summary>A frame sent exactly as given.</summary>
    public static OutboundFrame Verbatim(string text) => new(null, null, text);

    /// <summary>A server frame <c>{"res":…,"sig":[…]}</c> signed by <paramref name="signingKey"/> over <paramref name="resJson"/>.</summary>
    public static OutboundFrame Signed(string resJson, EthKey signingKey) => new(resJson, signingKey, null);

    /// <summary>
    /// The frame text. Signing happens here, on the connection's writer, so that it stays out of the node's state lock;
    /// a notification shared by several connections may be rendered by two writers at once, which is harmless because
    /// RFC 6979 signatures are deterministic and both produce the same text.
    /// </summary>
    public string Text => _text ??= Render();

    private string Render()
    {
        var signature = _signingKey!.SignHashHex(Keccak256.Hash(Encoding.UTF8.GetBytes(ResJson!)));
        return "{\"res\":" + ResJson + ",\"sig\":[\"" + signature + "\"]}";
    }
}
