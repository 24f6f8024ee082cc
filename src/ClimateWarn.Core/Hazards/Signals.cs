using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Hazards;

/// <summary>Warning-signal colours (CMA Order No. 16): blue Ⅳ … red Ⅰ. Codes 01–04 follow the level.</summary>
public enum SignalLevel
{
    None = 0,
    Blue = 1,
    Yellow = 2,
    Orange = 3,
    Red = 4,
}

/// <summary>What a rule found for one place: the hazard's slug, the level, the hours it covers, and the quantity behind it.</summary>
public sealed record HazardSignal(
    string Hazard,
    SignalLevel Level,
    DateTimeOffset From,
    DateTimeOffset To,
    double Value,
    string Basis);

/// <summary>The levels of one hazard's table; a hazard keeps only the levels it has (frost has no red, heat no blue).</summary>
public sealed class LevelTable<T>
    where T : class
{
    public T? Blue { get; init; }

    public T? Yellow { get; init; }

    public T? Orange { get; init; }

    public T? Red { get; init; }

    /// <summary>The configured levels, mildest first.</summary>
    public IEnumerable<(SignalLevel Level, T Criteria)> Ascending()
    {
        if (Blue is not null)
        {
            yield return (SignalLevel.Blue, Blue);
        }

        if (Yellow is not null)
        {
            yield return (SignalLevel.Yellow, Yellow);
        }

        if (Orange is not null)
        {
            yield return (SignalLevel.Orange, Orange);
        }

        if (Red is not null)
        {
            yield return (SignalLevel.Red, Red);
        }
    }

    public IEnumerable<(SignalLevel Level, T Criteria)> Descending() => Ascending().Reverse();
}

/// <summary>The input every rule reads: one place's hourly weather and the time the assessment is made.</summary>
public sealed record AssessmentWindow(HourlyWeather Weather, DateTimeOffset Now, TimeZoneInfo Zone)
{
    /// <summary>The district the weather's place lies in, for a rule whose table differs by district; null when unknown.</summary>
    public string? District { get; init; }

    /// <summary>How far back the rules read: cold waves compare today's minimum with two days before.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromHours(72);

    /// <summary>How far ahead the rules read.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromHours(72);

    /// <summary>Hour indexes of [Now, Now + hours) inside the series.</summary>
    public (int From, int To) Ahead(int hours)
    {
        var from = Math.Max(0, Weather.IndexOf(HourlyWeather.TruncateToHour(Now)));
        var to = Math.Min(Weather.Hours, from + hours);
        return (from, to);
    }

    public DateOnly LocalDate(DateTimeOffset t) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(t, Zone).DateTime);
}
