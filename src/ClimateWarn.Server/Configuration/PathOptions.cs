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
        (Config, var found) = Find(options.Config, contentRoot) is { } config ? config
            : throw new StartupConfigurationException([$"Paths:Config = '{options.Config}': no such folder under '{contentRoot}' or its parents"]);
        // The repository (or install) root is the folder a relative config path was found under ("config" or
        // "config-examples/baiyin" alike): data and the other relative folders are placed from there.
        var root = Path.IsPathRooted(options.Config) ? contentRoot : found;
        Root = root;
        Data = Path.IsPathRooted(options.Data) ? options.Data : Path.GetFullPath(Path.Combine(root, options.Data));
        Replay = Find(options.Replay, contentRoot)?.Path ?? Path.GetFullPath(Path.Combine(root, options.Replay));
        // Like Config and Replay, a relative models folder is looked up from the content root upward: an absolute
        // Paths:Config (a bureau's own folder elsewhere) must not send the models under the content root.
        Models = Find(options.Models, contentRoot)?.Path ?? Path.GetFullPath(Path.Combine(root, options.Models));
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

        var fromRoot = Path.GetFullPath(Path.Combine(Root, path));
        return System.IO.File.Exists(fromRoot) ? fromRoot : path;
    }

    public string Config { get; }

    /// <summary>The repository (or install) root: where a relative Paths:Config was found; the content root for an absolute one.</summary>
    public string Root { get; }

    public string Data { get; }

    public string Replay { get; }

    /// <summary>The folder and the directory it was found under (itself for an absolute path), or null.</summary>
    private static (string Path, string Base)? Find(string path, string contentRoot)
    {
        if (Path.IsPathRooted(path))
        {
            return Directory.Exists(path) ? (path, path) : null;
        }

        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, path);
                if (Directory.Exists(candidate))
                {
                    return (candidate, dir.FullName);
                }
            }
        }

        return null;
    }
}
