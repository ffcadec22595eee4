using System.Text.Json.Serialization;

namespace NitroConformance.Load.Thresholds;

/// <summary>One evaluated threshold: the expression, the measured value as the report prints it, and whether it held.</summary>
public sealed record ThresholdOutcome(
    [property: JsonPropertyName("expression")] string Expression,
    [property: JsonPropertyName("actual")] string Actual,
    [property: JsonPropertyName("passed")] bool Passed);
