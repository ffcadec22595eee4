namespace NitroConformance.Interop.Tests;

/// <summary>Finds the repository root (the directory holding NitroConformance.sln) above the test binaries.</summary>
public static class RepoPaths
{
    /// <summary>Absolute path of the repository root.</summary>
    public static string Root { get; } = Locate();

    /// <summary>Absolute path of a file or folder given relative to the repository root.</summary>
    public static string Of(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NitroConformance.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No NitroConformance.sln above {AppContext.BaseDirectory}.");
    }
}
