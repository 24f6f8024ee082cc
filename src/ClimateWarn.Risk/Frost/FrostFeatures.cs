using ClimateWarn.Core.Stations;

namespace ClimateWarn.Risk.Frost;

/// <summary>Features at an issue time from the readings up to it, and only those (tested: later readings change nothing).</summary>
public static class FrostFeatures
{
    public static FrostRiskInput? Build(StationRecord record, DateTimeOffset issue, int leadHours, DateOnly target, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(zone);
        var past = record.Between(issue.AddHours(-48), issue).ToArray();
        var dayStart = new DateTimeOffset(TimeZoneInfo.ConvertTime(issue, zone).Date, zone.GetUtcOffset(issue));
        var today = past.Where(r => r.Time > dayStart && double.IsFinite(r.Temperature)).ToList();
        var yesterday = past.Where(r => r.Time > dayStart.AddDays(-1) && r.Time <= dayStart && double.IsFinite(r.Temperature)).ToList();
        var now = past.LastOrDefault(r => r.Time > issue.AddHours(-3) && double.IsFinite(r.Temperature));
        if (today.Count < 3 || now.Time == default)
        {
            return null;
        }

        var dayAgo = past.Where(r => Math.Abs((r.Time - issue.AddHours(-24)).TotalHours) <= 1.5 && double.IsFinite(r.Temperature)).Select(r => r.Temperature).DefaultIfEmpty(double.NaN).First();
        var precipitation = past.Where(r => r.Time > issue.AddHours(-24) && r.Time.Hour % 6 == 0 && double.IsFinite(r.Precipitation6h)).Select(r => r.Precipitation6h).ToList();
        var angle = 2 * Math.PI * target.DayOfYear / 365.25;
        return new FrostRiskInput
        {
            LeadHours = leadHours,
            TemperatureAtIssue = (float)now.Temperature,
            MinimumToday = (float)today.Min(r => r.Temperature),
            MaximumToday = (float)today.Max(r => r.Temperature),
            MinimumChange = yesterday.Count >= 3 ? (float)(today.Min(r => r.Temperature) - yesterday.Min(r => r.Temperature)) : float.NaN,
            TemperatureChange24h = (float)(now.Temperature - dayAgo),
            DewPointDepression = (float)(now.Temperature - now.DewPoint),
            WindAtIssue = (float)now.WindSpeed,
            Precipitation24h = precipitation.Count == 0 ? float.NaN : (float)precipitation.Sum(),
            DayOfYearSin = (float)Math.Sin(angle),
            DayOfYearCos = (float)Math.Cos(angle),
        };
    }
}
