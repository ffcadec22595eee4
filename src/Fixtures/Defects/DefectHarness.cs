namespace NitroConformance.Fixtures.Defects;

/// <summary>Which part of the project proves a seeded defect is caught.</summary>
public enum DefectHarness
{
    /// <summary>At least one conformance case fails against it (the self-proof defect matrix).</summary>
    Conformance,

    /// <summary>Only concurrent traffic shows it: a load workload's checks fail against it (tests/Load.Tests, LoadCaughtDefectTests).</summary>
    Load,
}
