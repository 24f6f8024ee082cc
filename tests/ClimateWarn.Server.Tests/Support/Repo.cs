namespace ClimateWarn.Server.Tests.Support;

public static class Repo
{
    public static string Root { get; } = Find();

    public static string Config => Path.Combine(Root, "config");

    public static string Fixture(string relative) => Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);

    /// <summary>A fresh temporary directory for one test.</summary>
    public static string TempDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "climatewarn-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>A copy of config/ the test may break.</summary>
    public static string CopyOfConfig()
    {
        var target = Path.Combine(TempDirectory(), "config");
        foreach (var file in Directory.GetFiles(Config, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(Config, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
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
