using ClimateWarn.Core;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Stations;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Risk.Frost;
using ClimateWarn.Server.Hosting;

namespace ClimateWarn.Server.Risk;

/// <summary>A model's probability for one place, hazard and lead, with the model version that made it.</summary>
public sealed record RiskScore(HazardKind Hazard, int LeadHours, DateOnly TargetDay, double Probability, string ModelVersion);

/// <summary>
/// Scores the frost model on a cell's stored hourly series, as if the cell were a station at the last 20:00 Beijing
/// time: the features the model was trained on. Loaded once per process; a replaced model file is reloaded (an
/// invalid replacement is refused and the old model kept); a model for another input schema refuses start-up.
/// </summary>
public sealed partial class FrostRiskScorer : IDisposable
{
    private readonly string _path;
    private readonly FileSystemWatcher _watcher;
    private readonly ILogger<FrostRiskScorer> _logger;
    private volatile FrostModel _model;

    public FrostRiskScorer(ResolvedPaths paths, ILogger<FrostRiskScorer> logger)
    {
        ArgumentNullException.ThrowIfNull(paths);
        _logger = logger;
        _path = Path.Combine(paths.Models, "frost", "model.zip");
        try
        {
            _model = FrostModel.Load(_path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or FormatException)
        {
            throw new StartupConfigurationException([$"models/frost/model.zip: {ex.Message}"]);
        }

        _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, "model.zip") { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
        _watcher.Changed += (_, _) => Reload();
        _watcher.Created += (_, _) => Reload();
        _watcher.Renamed += (_, _) => Reload();
        _watcher.EnableRaisingEvents = true;
    }

    public string Version => _model.Version;

    public void Dispose() => _watcher.Dispose();

    /// <summary>Loads the file again now (the watcher calls this; so may an operator's action).</summary>
    public bool Reload()
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                var model = FrostModel.Load(_path);
                if (model.Version != _model.Version)
                {
                    _model = model;
                    LogReloaded(_logger, model.Version);
                }

                return true;
            }
            catch (IOException)
            {
                Thread.Sleep(100); // still being written
            }
            catch (Exception ex) when (ex is InvalidDataException or FormatException or InvalidOperationException)
            {
                LogRefused(_logger, ex.Message, _model.Version);
                return false;
            }
        }

        return false;
    }

    public IReadOnlyList<RiskScore> Score(string place, IEnumerable<TimeSeriesValue> hourly, DateTimeOffset now)
    {
        var record = AsStation(place, hourly);
        var local = TimeZoneInfo.ConvertTime(now, TimeZones.Shanghai);
        var issueDay = DateOnly.FromDateTime(local.Hour >= FrostCases.IssueHour ? local.Date : local.Date.AddDays(-1));
        var issue = new DateTimeOffset(issueDay.ToDateTime(new TimeOnly(FrostCases.IssueHour, 0)), TimeSpan.FromHours(8));
        var model = _model;
        var scores = new List<RiskScore>();
        foreach (var lead in FrostCases.Leads)
        {
            var target = issueDay.AddDays(lead / 24);
            if (FrostFeatures.Build(record, issue, lead, target, TimeZones.Shanghai) is { } input)
            {
                scores.Add(new RiskScore(HazardKind.Frost, lead, target, model.Probability(input), model.Version));
            }
        }

        return scores;
    }

    /// <summary>Hourly values as station readings; 6 h precipitation summed into the readings at 00, 06, 12 and 18 UTC.</summary>
    private static StationRecord AsStation(string place, IEnumerable<TimeSeriesValue> hourly)
    {
        var byTime = hourly.GroupBy(v => v.Timestamp).OrderBy(g => g.Key).ToList();
        var rain = byTime.ToDictionary(g => g.Key, g => g.FirstOrDefault(v => v.Field == WeatherVariables.Precipitation).Field is null ? double.NaN
            : g.First(v => v.Field == WeatherVariables.Precipitation).Value);
        double Value(IGrouping<DateTimeOffset, TimeSeriesValue> g, string field) =>
            g.Where(v => v.Field == field).Select(v => v.Value).DefaultIfEmpty(double.NaN).First();
        return new StationRecord(place, byTime.Select(g => new StationReading(
            g.Key,
            Value(g, WeatherVariables.Temperature2m),
            Value(g, WeatherVariables.DewPoint2m),
            Value(g, WeatherVariables.WindSpeed10m),
            g.Key.Hour % 6 == 0 ? Enumerable.Range(0, 6).Select(k => rain.GetValueOrDefault(g.Key.AddHours(-k), double.NaN)).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Sum() : double.NaN)));
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Frost model reloaded: version {Version}")]
    private static partial void LogReloaded(ILogger logger, string version);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Error, Message = "Replaced frost model refused ({Reason}); still scoring with {Version}")]
    private static partial void LogRefused(ILogger logger, string reason, string version);
}
