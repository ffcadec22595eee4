using NUnit.Framework;
using NitroConformance.Fixtures.Auth;

namespace NitroConformance.Fixtures.Tests.Auth;

/// <summary>auth_request's uint64 expires_at read as Go's time.Unix(int64(s), 0), and whether its JSON encoding works.</summary>
public sealed class SessionKeyExpiryTests
{
    [TestCase(0UL, true)]
    [TestCase(253402300799UL, true)]          // 9999-12-31T23:59:59Z
    [TestCase(253402300800UL, false)]         // year 10000
    [TestCase(9223372036854775807UL, false)]  // int64 max: far beyond 9999 (Go's year-1 offset wraps it)
    [TestCase(9223372036854775808UL, false)]  // -2^63: far before year 0
    [TestCase(18446744073709551615UL, true)]  // -1: 1969-12-31T23:59:59Z
    [TestCase(18446744011542332416UL, true)]  // 0000-01-01T00:00:00Z
    [TestCase(18446744011542332415UL, false)] // one second earlier: year -1
    public void EncodableOnlyForYearsZeroTo9999(ulong seconds, bool encodable) =>
        Assert.That(SessionKeyExpiry.Encodable(seconds), Is.EqualTo(encodable));

    [TestCase(1700000000UL, "2023-11-14T22:13:20+00:00")]
    [TestCase(18446744073709549568UL, "1969-12-31T23:25:52+00:00")] // -2048 as int64
    [TestCase(18446744011542332416UL, "0001-01-01T00:00:00+00:00")] // year 0 clamped to the first representable instant
    [TestCase(253402300799UL, "9999-12-31T23:59:59+00:00")]
    public void TimeWrapsAboveInt64(ulong seconds, string expected) =>
        Assert.That(SessionKeyExpiry.ToTime(seconds).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(expected));
}
