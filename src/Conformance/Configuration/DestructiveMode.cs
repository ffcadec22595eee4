namespace NitroConformance.Conformance.Configuration;

/// <summary>When cases marked <c>destructive</c> (they may kill a faulty node) run: <c>Run:Destructive</c> / <c>NITRO_RUN__DESTRUCTIVE</c>.</summary>
public enum DestructiveMode
{
    /// <summary>After every other case has finished, one at a time, with a ping after each (default).</summary>
    Last,
    /// <summary>Not at all: reported as SKIPPED.</summary>
    Skip,
    /// <summary>Among the other cases, in parallel (a ping still follows each).</summary>
    Inline,
}
