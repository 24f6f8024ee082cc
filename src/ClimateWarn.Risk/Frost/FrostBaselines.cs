using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core.Stations;
using ClimateWarn.Core.Weather;
using ClimateWarn.Risk.Models;

namespace ClimateWarn.Risk.Frost;

/// <summary>
/// The baselines every frost skill figure is measured against, on the same cases: climatology (the training period's
/// event frequency for the target's month), persistence (tomorrow as today) and the official rule applied to the
/// persistence forecast (the real <see cref="FrostAssessor"/>, seasons included).
/// </summary>
public sealed class FrostBaselines(IReadOnlyList<FrostCase> training, FrostThresholds thresholds, TimeZoneInfo zone)
{
    private readonly MonthlyClimatology _climatology = new(training.Select(c => (c.TargetDay.Month, c.Event)));

    /// <summary>The month's training frequency, or the nearest earlier month's, or the overall one.</summary>
    public double Climatology(FrostCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return _climatology.For(c.TargetDay.Month);
    }

    /// <summary>Today's minimum so far stands for the target day's.</summary>
    public bool Persistence(FrostCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return c.Input.MinimumToday + thresholds.GroundMinimum.AirOffsetC < (thresholds.Levels.Blue?.GroundMinBelowC ?? 0);
    }

    /// <summary>The frost rule on a forecast that repeats the last 24 hours' readings: warned if it signals the target day.</summary>
    public bool RuleOnPersistence(StationRecord record, FrostCase c)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(c);
        var weather = new HourlyWeather(record.Station, c.IssueTime.AddHours(-72), 145);
        foreach (var r in record.Between(c.IssueTime.AddHours(-72), c.IssueTime))
        {
            weather.Set(WeatherVariables.Temperature2m, r.Time, r.Temperature);
            for (var k = 1; k * 24 <= 72; k++)
            {
                if (r.Time > c.IssueTime.AddHours(-24))
                {
                    weather.Set(WeatherVariables.Temperature2m, r.Time.AddHours(24 * k), r.Temperature);
                }
            }
        }

        var signal = FrostAssessor.Assess(new Core.Hazards.AssessmentWindow(weather, c.IssueTime, zone), thresholds);
        var dayStart = new DateTimeOffset(c.TargetDay.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(c.IssueTime));
        return signal is not null && signal.From < dayStart.AddDays(1) && signal.To > dayStart;
    }
}
