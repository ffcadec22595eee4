namespace NitroConformance.Conformance.Scenarios;

/// <summary>
/// Other spellings of one EIP-55 address that a scenario can send or expect (<c>{wallet:eve/bare}</c>, auth
/// <c>key_spelling</c>): a node that compares addresses as text tells them apart, EIP-712 hashing does not.
/// </summary>
public static class AddressSpelling
{
    /// <summary>The spelling names: 0x + lower-case digits, 0x + upper-case digits, the EIP-55 digits without 0x,
    /// lower-case digits without 0x, and the EIP-55 digits after a capital 0X.</summary>
    public static readonly IReadOnlyList<string> Forms = ["lower", "upper", "bare", "bare_lower", "capital_x"];

    /// <summary><paramref name="address"/> ("0x" + 40 digits) written as <paramref name="form"/>; null for an unknown form.</summary>
    public static string? Apply(string form, string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var digits = address[2..];
        return form switch
        {
            "lower" => "0x" + digits.ToLowerInvariant(),
            "upper" => "0x" + digits.ToUpperInvariant(),
            "bare" => digits,
            "bare_lower" => digits.ToLowerInvariant(),
            "capital_x" => "0X" + digits,
            _ => null,
        };
    }
}
