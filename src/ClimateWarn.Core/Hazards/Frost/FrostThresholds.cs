using System.Globalization;

namespace ClimateWarn.Core.Hazards.Frost;

/// <summary>Frost signal: ground-surface minimum below <see cref="GroundMinBelowC"/> within <see cref="WithinHours"/>.</summary>
public sealed record FrostLevel(double GroundMinBelowC, int WithinHours);

/// <summary>A growing-season window in local month-day terms, e.g. "03-15" to "05-31".</summary>
public sealed record FrostSeason(string Name, string From, string To)
{
    public bool Contains(DateOnly date)
    {
        var d = (date.Month * 100) + date.Day;
        var from = Parse(From);
        var to = Parse(To);
        return from <= to ? d >= from && d <= to : d >= from || d <= to;
    }

    internal static int Parse(string monthDay) =>
        DateOnly.TryParseExact($"2000-{monthDay}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? (d.Month * 100) + d.Day
            : -1;
}

/// <summary>
/// How the ground minimum is obtained: the soil-surface temperature (Open-Meteo soil_temperature_0cm) where present,
/// otherwise the 2 m air temperature plus <see cref="AirOffsetC"/> (negative: the ground cools below the air on clear nights).
/// </summary>
public sealed record GroundMinimumEstimate(double AirOffsetC, bool PreferSoilTemperature);

/// <summary>Ningxia's own frost grades on the 2 m air minimum (light / moderate / severe), kept beside the signal.</summary>
public sealed record AirFrostGrades(double LightAtMostC, double ModerateAtMostC, double SevereAtMostC)
{
    public string? GradeZh(double airMin) =>
        airMin <= SevereAtMostC ? "重霜冻" : airMin <= ModerateAtMostC ? "中霜冻" : airMin <= LightAtMostC ? "轻霜冻" : null;
}

public sealed record FrostThresholds(
    LevelTable<FrostLevel> Levels,
    IReadOnlyList<FrostSeason> Seasons,
    GroundMinimumEstimate GroundMinimum,
    AirFrostGrades? AirGrades) : IHazardThresholds
{
    public IEnumerable<SignalLevel> ConfiguredLevels => Levels?.Ascending().Select(l => l.Level) ?? [];

    public bool InSeason(DateOnly localDate) => Seasons.Any(s => s.Contains(localDate));

    public IEnumerable<string> Validate(string path)
    {
        foreach (var e in ThresholdChecks.Ordered(path, Levels, "groundMinBelowC", l => l.GroundMinBelowC, increasing: false))
        {
            yield return e;
        }

        foreach (var e in ThresholdChecks.Range(path, Levels, "groundMinBelowC", l => l.GroundMinBelowC, -30, 5))
        {
            yield return e;
        }

        foreach (var e in ThresholdChecks.Range(path, Levels, "withinHours", l => l.WithinHours, 1, 72))
        {
            yield return e;
        }

        if (Seasons is null || Seasons.Count == 0)
        {
            yield return $"{path}.seasons: at least one frost season is needed (frost is a growing-season hazard)";
            yield break;
        }

        foreach (var s in Seasons)
        {
            if (FrostSeason.Parse(s.From) < 0 || FrostSeason.Parse(s.To) < 0)
            {
                yield return $"{path}.seasons.{s.Name}: from = '{s.From}', to = '{s.To}' must be MM-dd dates";
            }
        }

        if (GroundMinimum is null || !(GroundMinimum.AirOffsetC is >= -10 and <= 5))
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"{path}.groundMinimum.airOffsetC = {GroundMinimum?.AirOffsetC} is outside the allowed range [-10, 5]");
        }
    }
}
