using NitroConformance.Conformance.Outcomes;
using NUnit.Framework;

namespace NitroConformance.Conformance.Tests.Engine;

/// <summary>Outcome classification and the known-failing list.</summary>
[TestFixture]
[Category("Engine")]
public sealed class OutcomeTests
{
    private const string Quorum = "incorrect submit_state request: quorum not reached: 30 / 80";

    [Test]
    public void ExactTextIsOk() =>
        Assert.That(RejectionClassifier.Classify(Quorum, "quorum", Quorum).Outcome, Is.EqualTo(Outcome.Ok));

    [Test]
    public void OtherTextMatchingThePatternIsNonStrict()
    {
        var (o, message) = RejectionClassifier.Classify(Quorum, "quorum", "quorum too low");
        Assert.That(o, Is.EqualTo(Outcome.NonStrict));
        Assert.That(message, Does.Contain("quorum too low").And.Contain(Quorum));
    }

    [Test]
    public void AnyTextIsNonStrictWithoutAPattern() =>
        Assert.That(RejectionClassifier.Classify(Quorum, null, "nope").Outcome, Is.EqualTo(Outcome.NonStrict));

    [Test]
    public void TextNotMatchingThePatternFails() =>
        Assert.That(RejectionClassifier.Classify(Quorum, "quorum", "invalid signature").Outcome, Is.EqualTo(Outcome.Failed));

    [Test]
    public void SuccessWhenARejectionIsRequiredFails()
    {
        var (o, message) = RejectionClassifier.Classify(Quorum, "quorum", null);
        Assert.That(o, Is.EqualTo(Outcome.Failed));
        Assert.That(message, Does.Contain("succeeded"));
    }

    [Test]
    public void StrictModeTurnsNonStrictIntoFailed()
    {
        Assert.That(RejectionClassifier.Effective(Outcome.NonStrict, strict: true), Is.EqualTo(Outcome.Failed));
        Assert.That(RejectionClassifier.Effective(Outcome.NonStrict, strict: false), Is.EqualTo(Outcome.NonStrict));
        Assert.That(RejectionClassifier.Effective(Outcome.Ok, strict: true), Is.EqualTo(Outcome.Ok));
    }

    [Test]
    public void WorstOutcomeWins()
    {
        Assert.That(OutcomeNames.Worst(Outcome.Ok, Outcome.NonStrict), Is.EqualTo(Outcome.NonStrict));
        Assert.That(OutcomeNames.Worst(Outcome.Failed, Outcome.NonStrict), Is.EqualTo(Outcome.Failed));
        Assert.That(Outcome.NonStrict.Label(), Is.EqualTo("NON-STRICT"));
    }

    [Test]
    public void KnownFailingListJudgesBothWays()
    {
        var list = KnownFailures.Parse("# comment\napp-sessions/x/y [NitroRPC/0.4]  # node bug 12\n\nauth/a/b\n");
        Assert.That(list.Names, Is.EquivalentTo(new[] { "app-sessions/x/y [NitroRPC/0.4]", "auth/a/b" }));
        Assert.That(list.Judge("app-sessions/x/y [NitroRPC/0.4]", "app-sessions/x/y", Outcome.Failed, false), Is.EqualTo(Verdict.ExpectedFailure));
        Assert.That(list.Judge("app-sessions/x/y [NitroRPC/0.4]", "app-sessions/x/y", Outcome.Ok, false), Is.EqualTo(Verdict.UnexpectedPass));
        Assert.That(list.Judge("app-sessions/x/y [NitroRPC/0.2]", "app-sessions/x/y", Outcome.Failed, false), Is.EqualTo(Verdict.Fail));
        Assert.That(list.Judge("auth/a/b [NitroRPC/0.2]", "auth/a/b", Outcome.Failed, false), Is.EqualTo(Verdict.ExpectedFailure));
        Assert.That(list.Judge("other [NitroRPC/0.2]", "other", Outcome.Failed, infoLevel: true), Is.EqualTo(Verdict.Pass));
        Assert.That(list.Judge("other [NitroRPC/0.2]", "other", Outcome.Unimplemented, false), Is.EqualTo(Verdict.NotRun));
    }

    [Test]
    public void EntriesNamingNoCaseAreUnmatched()
    {
        var list = KnownFailures.Parse("app-sessions/x/y [NitroRPC/0.4]\nauth/a/b\nauth/renamed # gone\napp-sessions/x/y [NitroRPC/0.3]\n");
        var cases = new[] { ("app-sessions/x/y [NitroRPC/0.4]", "app-sessions/x/y"), ("auth/a/b [NitroRPC/0.2]", "auth/a/b") };
        Assert.That(list.Unmatched(cases), Is.EqualTo(new[] { "app-sessions/x/y [NitroRPC/0.3]", "auth/renamed" }));
    }
}
