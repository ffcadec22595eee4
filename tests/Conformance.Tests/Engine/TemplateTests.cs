using NitroConformance.Conformance.Scenarios;
using NitroConformance.Conformance.Templates;
using NUnit.Framework;

namespace NitroConformance.Conformance.Tests.Engine;

/// <summary>Template rendering and relative versions.</summary>
[TestFixture]
[Category("Engine")]
public sealed class TemplateTests
{
    private static readonly DictionaryScope Scope = new(new Dictionary<string, string>
    {
        ["version"] = "4",
        ["wallet:alice"] = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
        ["session"] = "0xabc",
    });

    [TestCase("incorrect app state: incorrect version: expected {version+1}, got {version+2}", "incorrect app state: incorrect version: expected 5, got 6")]
    [TestCase("allocation to non-participant {wallet:alice}", "allocation to non-participant 0x70997970C51812dc3A010C7d01b50e0d17dc79C8")]
    [TestCase("{version-4}", "0")]
    [TestCase("{\"round\":1}", "{\"round\":1}")]
    [TestCase("{\"req\":[1,\"ping\",{},{version}]}", "{\"req\":[1,\"ping\",{},4]}")]
    [TestCase("{{version}}", "{version}")]
    [TestCase("no placeholders", "no placeholders")]
    public void Renders(string template, string expected) => Assert.That(TemplateRenderer.Render(template, Scope), Is.EqualTo(expected));

    [Test]
    public void UnknownPlaceholderIsNamed()
    {
        var ex = Assert.Throws<TemplateException>(() => TemplateRenderer.Render("x {wallet:carol} y", Scope))!;
        Assert.That(ex.Message, Does.Contain("{wallet:carol}"));
    }

    [Test]
    public void OffsetOnATextValueFails()
    {
        var ex = Assert.Throws<TemplateException>(() => TemplateRenderer.Render("{session+1}", Scope))!;
        Assert.That(ex.Message, Does.Contain("not a number"));
    }

    [TestCase("current", 7, 7L)]
    [TestCase("current+1", 7, 8L)]
    [TestCase("current + 2", 7, 9L)]
    [TestCase("current-3", 7, 4L)]
    [TestCase("42", 7, 42L)]
    public void RelativeVersionsResolve(string text, long current, long expected) =>
        Assert.That(VersionSpec.Parse(text)!.Resolve(current), Is.EqualTo(expected));

    [Test]
    public void NoneOmitsTheVersionAndGarbageDoesNotParse()
    {
        Assert.That(VersionSpec.Parse("none")!.Resolve(3), Is.Null);
        Assert.That(VersionSpec.Parse("current*2"), Is.Null);
        Assert.That(VersionSpec.Parse("later"), Is.Null);
    }
}
