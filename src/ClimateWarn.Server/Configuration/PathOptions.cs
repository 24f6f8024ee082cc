namespace ClimateWarn.Server.Configuration;

/// <summary>Where the bureau's configuration, the runtime data and the replay records live.</summary>
public sealed class PathOptions
{
    public const string Section = "Paths";

    /// <summary>The folder holding districts.json, hazards/ and guidance/ (relative paths are looked up from the content root upward).</summary>
    public string Config { get; set; } = "config";

    /// <summary>Runtime data (the embedded SQLite files); created on first run.</summary>
    public string Data { get; set; } = "data/runtime";

    /// <summary>The ISD-Lite station records the replay runs from (relative paths are looked up from the content root upward).</summary>
    public string Replay { get; set; } = "data/stations/isd-lite";

    /// <summary>Trained models with their cards, one folder per hazard (relative paths are looked up from the content root upward).</summary>
    public string Models { get; set; } = "models";
}

/// <summary>Resolves the configured folders once at start-up.</summary>
public sealed class ResolvedPaths
{
    public ResolvedPaths(PathOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        Config = Find(options.Config, contentRoot)
            ?? throw new StartupConfigurationException([$"Paths:Config = '{options.Config}': no such folder under '{contentRoot}' or its parents"]);
        // The repository (or install) root is the folder that holds the config folder.
        var root = Path.IsPathRooted(options.Config) ? contentRoot : Path.GetFullPath(Path.Combine(Config, ".."));
        Data = Path.IsPathRooted(options.Data) ? options.Data : Path.GetFullPath(Path.Combine(root, options.Data));
        Replay = Find(options.Replay, contentRoot) ?? Path.GetFullPath(Path.Combine(root, options.Replay));
        // Like Config and Replay, a relative models folder is looked up from the content root upward: an absolute
        // Paths:Config (a bureau's own folder elsewhere) must not send the models under the content root.
        Models = Find(options.Models, contentRoot) ?? Path.GetFullPath(Path.Combine(root, options.Models));
    }

    public string Models { get; }

    /// <summary>
    /// A file named on the command line: as given if it exists, else relative to the repository (or install) root,
    /// because `dotnet run --project src/ClimateWarn.Server` runs in the project folder, not where the user typed.
    /// </summary>
    public string File(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Path.IsPathRooted(path) || System.IO.File.Exists(path))
        {
            return path;
        }

        var fromRoot = Path.GetFullPath(Path.Combine(Config, "..", path));
        return System.IO.File.Exists(fromRoot) ? fromRoot : path;
    }

    public string Config { get; }

    public string Data { get; }

    public string Replay { get; }

    private static string? Find(string path, string contentRoot)
    {
        if (Path.IsPathRooted(path))
        {
            return Directory.Exists(path) ? path : null;
        }

        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, path);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
