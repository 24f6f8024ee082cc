using ClimateWarn.Core;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core.Stations;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Risk.Cards;
using ClimateWarn.Risk.Frost;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Assess.Models;

/// <summary>
/// Scores the frost model on a cell's stored hourly series, as if the cell were a station at the last 20:00 Beijing
/// time: the features the model was trained on. Loaded once per process; a replaced model file is reloaded (an
/// invalid replacement is refused and the old model kept); a model for another input schema refuses start-up.
/// </summary>
public sealed class FrostRiskScorer : IRiskScorer, IDisposable
{
    private readonly ModelSlot<FrostModel> _slot;
    private readonly CardState _card;

    public FrostRiskScorer(ResolvedPaths paths, ILogger<FrostRiskScorer> logger)
    {
        ArgumentNullException.ThrowIfNull(paths);
        _slot = new ModelSlot<FrostModel>("frost", paths.Models, FrostModel.Load, m => m.Version, logger);
        _card = new CardState(Path.Combine(paths.Models, FrostHazard.Id, "card.json"));
    }

    /// <summary>
    /// The leads the card's out-of-sample decision uses the model at (<see cref="ModelUse"/>: only where it beats
    /// persistence); none when the card has no decision or says not used.
    /// </summary>
    public IReadOnlySet<int> UsedLeads => _card.For(_slot.Version).UsedLeads;

    public string Model => FrostHazard.Id;

    public (string Hazard, SignalLevel Level)? RuleEvent => (FrostHazard.Id, SignalLevel.Blue);

    public string Version => _slot.Version;

    public void Dispose() => _slot.Dispose();

    /// <summary>Loads the file again now (the watcher calls this; so may an operator's action).</summary>
    public bool Reload() => _slot.Reload();

    public IReadOnlyList<RiskScore> Score(ScoringInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Score(input.Cell, input.Hourly, input.Now);
    }

    public IReadOnlyList<RiskScore> Score(string place, IEnumerable<TimeSeriesValue> hourly, DateTimeOffset now)
    {
        var record = AsStation(place, hourly);
        var local = TimeZoneInfo.ConvertTime(now, TimeZones.Shanghai);
        var issueDay = DateOnly.FromDateTime(local.Hour >= FrostCases.IssueHour ? local.Date : local.Date.AddDays(-1));
        var issue = new DateTimeOffset(issueDay.ToDateTime(new TimeOnly(FrostCases.IssueHour, 0)), TimeSpan.FromHours(8));
        var model = _slot.Current;
        var scores = new List<RiskScore>();
        var used = UsedLeads;
        foreach (var lead in FrostCases.Leads.Where(used.Contains))
        {
            var target = issueDay.AddDays(lead / 24);
            if (FrostFeatures.Build(record, issue, lead, target, TimeZones.Shanghai) is { } input)
            {
                scores.Add(new RiskScore(Model, lead, target, model.Probability(input), model.Version) { RuleHazard = FrostHazard.Id, RuleLevel = SignalLevel.Blue });
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

}
