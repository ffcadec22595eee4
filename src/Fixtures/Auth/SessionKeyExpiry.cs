namespace NitroConformance.Fixtures.Auth;

/// <summary>
/// What the Go node makes of auth_request's <c>expires_at</c> (uint64 seconds): <c>time.Unix(int64(s), 0)</c>, which
/// wraps values above 2^63-1 negative, and which goes into the JWT's policy, whose JSON encoding needs a year 0-9999.
/// </summary>
public static class SessionKeyExpiry
{
    // Seconds from 0001-01-01 (Go's internal epoch) to the Unix epoch; year 0 is a leap year of 366 days.
    private const long UnixToInternal = 62_135_596_800;
    private const long YearZeroStart = -366L * 86_400;
    private const long Year9999End = 253_402_300_799 + UnixToInternal;

    /// <summary>
    /// Whether Go's <c>encoding/json</c> can write the expiry in UTC (<c>Time.MarshalJSON</c> refuses other years); Go adds
    /// the year-1 offset with int64 wrap-around, so the largest values wrap too.
    /// </summary>
    public static bool Encodable(ulong seconds) => unchecked((long)seconds + UnixToInternal) is >= YearZeroStart and <= Year9999End;

    /// <summary>An <see cref="Encodable"/> expiry as a time: before 1970 for values above 2^63-1, year 0 clamped to year 1.</summary>
    public static DateTimeOffset ToTime(ulong seconds)
    {
        var signed = unchecked((long)seconds);
        return signed < -UnixToInternal ? DateTimeOffset.MinValue : DateTimeOffset.FromUnixTimeSeconds(signed);
    }
}
