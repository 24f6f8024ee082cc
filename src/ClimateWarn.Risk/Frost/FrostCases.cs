using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core.Stations;

namespace ClimateWarn.Risk.Frost;

/// <summary>
/// One forecast case: at <see cref="IssueTime"/> (20:00 Beijing time) a forecast for <see cref="TargetDay"/>'s minimum,
/// and what was later observed. The event, as in the model card: the estimated ground minimum (2 m minimum + the
/// configured offset) below the blue frost threshold on the target day; it counts for verification only inside a frost season.
/// </summary>
public sealed record FrostCase(string Station, DateTimeOffset IssueTime, int LeadHours, DateOnly TargetDay, double ObservedMinimum, bool Event, bool InSeason, FrostRiskInput Input);

public static class FrostCases
{
    public static readonly int[] Leads = [24, 48];

    /// <summary>Local hour of issue: the evening observation is in, the night's frost is ahead.</summary>
    public const int IssueHour = 20;

    private const int MinimumReadingsPerDay = 4;

    public static IEnumerable<FrostCase> From(StationRecord record, FrostThresholds thresholds, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(thresholds);
        if (record.Readings.Count == 0)
        {
            yield break;
        }

        var ground = thresholds.Levels.Blue?.GroundMinBelowC ?? 0;
        var offset = thresholds.GroundMinimum.AirOffsetC;
        var first = LocalDate(record.Readings[0].Time, zone);
        var last = LocalDate(record.Readings[^1].Time, zone);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var issue = new DateTimeOffset(day.ToDateTime(new TimeOnly(IssueHour, 0)), zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue)));
            foreach (var lead in Leads)
            {
                var target = day.AddDays(lead / 24);
                var input = FrostFeatures.Build(record, issue, lead, target, zone);
                var observed = DayMinimum(record, target, zone);
                if (input is null || double.IsNaN(observed))
                {
                    continue;
                }

                var happened = observed + offset < ground;
                input.Label = happened;
                yield return new FrostCase(record.Station, issue, lead, target, observed, happened, thresholds.InSeason(target), input);
            }
        }
    }

    /// <summary>Minimum of a local day's readings, NaN with fewer than four.</summary>
    public static double DayMinimum(StationRecord record, DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(zone);
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue)));
        var values = record.Between(start.AddTicks(-1), start.AddDays(1).AddTicks(-1)).ToArray().Select(r => r.Temperature).Where(double.IsFinite).ToList();
        return values.Count >= MinimumReadingsPerDay ? values.Min() : double.NaN;
    }

    public static DateOnly LocalDate(DateTimeOffset t, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, zone).DateTime);
}
