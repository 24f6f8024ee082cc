

using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Assess.Models;

/// <summary>
/// One model file, loaded once per process and watched: a replaced file is reloaded (an invalid replacement is refused
/// and the old model kept); a file that cannot be loaded at start-up — missing, or trained for another input schema —
/// refuses start-up with its path and the reason. Every scorer holds its model through one of these.
/// </summary>
public sealed class ModelSlot<TModel> : IDisposable
    where TModel : class
{
    private readonly string _hazard;
    private readonly string _path;
    private readonly Func<string, TModel> _load;
    private readonly Func<TModel, string> _version;
    private readonly FileSystemWatcher _watcher;
    private readonly ILogger _logger;
    private volatile TModel _model;

    public ModelSlot(string hazard, string modelsDirectory, Func<string, TModel> load, Func<TModel, string> version, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(load);
        _hazard = hazard;
        _load = load;
        _version = version;
        _logger = logger;
        _path = Path.Combine(modelsDirectory, hazard, "model.zip");
        try
        {
            _model = load(_path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new StartupConfigurationException([$"Paths:Models = '{modelsDirectory}': there is no {hazard}/model.zip ({_path}); " +
                "point Paths:Models at the folder that holds the models and their cards (the repository's models/)"]);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException)
        {
            throw new StartupConfigurationException([$"models/{hazard}/model.zip ({_path}): {ex.Message}"]);
        }

        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, "model.zip") { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
        _watcher.Changed += (_, _) => Reload();
        _watcher.Created += (_, _) => Reload();
        _watcher.Renamed += (_, _) => Reload();
        _watcher.EnableRaisingEvents = true;
    }

    public TModel Current => _model;

    public string Version => _version(_model);

    public void Dispose() => _watcher.Dispose();

    /// <summary>Loads the file again now (the watcher calls this; so may an operator's action).</summary>
    public bool Reload()
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                var model = _load(_path);
                var version = _version(model);
                if (version != Version)
                {
                    _model = model;
                    ModelLog.Reloaded(_logger, _hazard, version);
                }

                return true;
            }
            catch (IOException)
            {
                Thread.Sleep(100); // still being written
            }
            catch (Exception ex) when (ex is InvalidDataException or FormatException or InvalidOperationException)
            {
                var kept = Version;
                ModelLog.Refused(_logger, _hazard, ex.Message, kept);
                return false;
            }
        }

        return false;
    }
}

internal static partial class ModelLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "{Hazard} model reloaded: version {Version}")]
    public static partial void Reloaded(ILogger logger, string hazard, string version);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Replaced {Hazard} model refused ({Reason}); still scoring with {Version}")]
    public static partial void Refused(ILogger logger, string hazard, string reason, string version);
}
