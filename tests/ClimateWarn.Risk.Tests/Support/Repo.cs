namespace ClimateWarn.Risk.Tests.Support;

/// <summary>The repository these tests run in: its committed models and configuration.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    public static string Config => Path.Combine(Root, "config");

    public static string Model(string hazard, string file) => Path.Combine(Root, "models", hazard, file);

    /// <summary>A fresh temporary directory for one test.</summary>
    public static string TempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "climatewarn-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClimateWarn.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ClimateWarn.sln not found above " + AppContext.BaseDirectory);
    }
}
