using NUnit.Framework;
using NitroConformance.Protocol.Crypto;
using NitroConformance.Protocol.Json;
using NitroConformance.Protocol.Rpc;

namespace NitroConformance.Protocol.Tests.Crypto;

/// <summary>The strings inside <see cref="AppSessionId.GoJson"/> are escaped exactly as <see cref="GoJson.Quote"/> (Go encoding/json) does.</summary>
public sealed class AppSessionIdEscapingTests
{
    private static AppDefinition WithText(string text) =>
        new(text, text, [text, "0x078e2FbC2A2C886A90CF7D56DcDA9e0cADE7Eb8d"], [1, 2], 3, 4, 5);

    private static string Expected(string quoted) =>
        "{\"application\":" + quoted + ",\"protocol\":" + quoted + ",\"participants\":[" + quoted +
        ",\"0x078e2FbC2A2C886A90CF7D56DcDA9e0cADE7Eb8d\"],\"weights\":[1,2],\"quorum\":3,\"challenge\":4,\"nonce\":5}";

    // Expected texts are what Go's json.Marshal writes for the same string (invalid UTF-16 = invalid UTF-8 → \ufffd).
    [TestCase("a<b>&c", "\"a\\u003cb\\u003e\\u0026c\"")]
    [TestCase("\u2028x\u2029", "\"\\u2028x\\u2029\"")]
    [TestCase("\0\u0001\u001f\u007f", "\"\\u0000\\u0001\\u001f\u007f\"")]
    [TestCase("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"")]
    [TestCase("q\"\\/'+", "\"q\\\"\\\\/'+\"")]
    [TestCase("café 😀 \u00a0\ufeff", "\"café 😀 \u00a0\ufeff\"")]
    [TestCase("", "\"\"")]
    [TestCaseSource(nameof(LoneSurrogates))]
    public void Tricky_strings_are_escaped_as_go(string text, string quoted)
    {
        Assert.Multiple(() =>
        {
            Assert.That(GoJson.Quote(text), Is.EqualTo(quoted));
            Assert.That(AppSessionId.GoJson(WithText(text)), Is.EqualTo(Expected(quoted)));
        });
    }

    // Built in code: attribute arguments cannot carry lone surrogates (metadata stores them as U+FFFD).
    private static IEnumerable<TestCaseData> LoneSurrogates()
    {
        yield return new TestCaseData(new string('\ud800', 1), "\"\\ufffd\"").SetName("Lone high surrogate");
        yield return new TestCaseData("a" + new string('\udc00', 1) + "b", "\"a\\ufffdb\"").SetName("Lone low surrogate");
        yield return new TestCaseData(new string(['\udc00', '\ud800']), "\"\\ufffd\\ufffd\"").SetName("Reversed pair");
        yield return new TestCaseData("x" + new string('\ud83d', 1), "\"x\\ufffd\"").SetName("Truncated pair at end");
    }

    [Test]
    public void Every_utf16_code_unit_is_escaped_like_GoJson_Quote()
    {
        // Each code unit alone and followed by a low surrogate (pairs, and lone low surrogates after non-high ones).
        var mismatches = new List<string>();
        for (var c = 0; c <= 0xFFFF; c++)
        {
            foreach (var text in new[] { ((char)c).ToString(), (char)c + "\udc00", "a" + (char)c })
            {
                var expected = Expected(GoJson.Quote(text));
                var actual = AppSessionId.GoJson(WithText(text));
                if (actual != expected) mismatches.Add($"U+{c:X4}: {actual}");
            }
        }
        Assert.That(mismatches, Is.Empty);
    }
}
