using System.Globalization;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Hazards.ForestFire;

/// <summary>A signal level is reached when a day's fire-danger grade is at least <see cref="GradeAtLeast"/> (3–5).</summary>
public sealed record FireLevel(double GradeAtLeast);

/// <param name="Levels">Which grades raise which signal (provincial practice: 三级 yellow, 四级 orange, 五级 red; a bureau may keep only some).</param>
/// <param name="Index">The index's tables.</param>
/// <param name="SignalDistricts">
/// The districts with forest or grassland where the signal is raised; everywhere else the grade is rated and shown but
/// raises nothing. Empty: nowhere (the dashboards still show the grades).
/// </param>
public sealed record ForestFireThresholds(LevelTable<FireLevel> Levels, FireIndexTables Index, IReadOnlyList<string>? SignalDistricts = null)
    : IHazardThresholds, IDistrictScoped
{
    public IEnumerable<SignalLevel> ConfiguredLevels => Levels?.Ascending().Select(l => l.Level) ?? [];

    string IDistrictScoped.DistrictsField => "signalDistricts";

    IEnumerable<string> IDistrictScoped.Districts => SignalDistricts ?? [];

    public bool SignalsIn(string district) => SignalDistricts?.Contains(district) == true;

    public IEnumerable<string> Validate(string path) =>
        ThresholdChecks.Ordered(path, Levels, "gradeAtLeast", l => l.GradeAtLeast, increasing: true)
            .Concat(ThresholdChecks.Range(path, Levels, "gradeAtLeast", l => l.GradeAtLeast, 2, 5))
            .Concat(Index is null ? [$"{path}.index is missing"] : Index.Validate(path));
}

/// <summary>What the rating of a district rests on: the days rated and where their dry days came from.</summary>
public sealed record FireDangerRating(string District, DateTimeOffset At, IReadOnlyList<FireDangerDay?> Days, IReadOnlyList<DateOnly> DaysAsked, string Basis);

/// <summary>
/// The forest and grassland fire danger of a district, rated per Beijing day (today and the next two) on its seat's hourly
/// weather (observed, then forecast) with the dry days counted back through its daily rain record. Relative humidity
/// missing from a record with dew point is derived from temperature and dew point (Magnus).
/// </summary>
public static class ForestFireAssessor
{
    public const int DaysAhead = 3;

    /// <param name="dailyRain">Past days' rain (mm) from the station or the reanalysis, newest last; may be empty.</param>
    /// <param name="dailySource">What <paramref name="dailyRain"/> is, for the basis ("station 53704", "ERA5 reanalysis").</param>
    public static FireDangerRating Rate(string district, HourlyWeather seat, DateTimeOffset now, TimeZoneInfo zone,
        IReadOnlyDictionary<DateOnly, double> dailyRain, string? dailySource, FireIndexTables tables)
    {
        ArgumentNullException.ThrowIfNull(seat);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(dailyRain);
        ArgumentNullException.ThrowIfNull(tables);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var hourly = Days(seat, zone);
        // Dry days before today: back through the daily record, the hourly days standing in where it has no value.
        var dry = 0;
        var source = dailySource ?? "hourly data only";
        for (var d = today.AddDays(-1); d >= today.AddDays(-60); d = d.AddDays(-1))
        {
            double rain = dailyRain.TryGetValue(d, out var r) ? r : hourly.TryGetValue(d, out var h) && h.Complete ? h.Weather.RainMm : double.NaN;
            if (!double.IsFinite(rain) || rain >= tables.DryBelowMm)
            {
                if (!double.IsFinite(rain))
                {
                    source += string.Create(CultureInfo.InvariantCulture, $"; no rain record before {d.AddDays(1):yyyy-MM-dd}");
                }

                break;
            }

            dry++;
        }

        var asked = Enumerable.Range(0, DaysAhead).Select(today.AddDays).ToList();
        var days = asked.Select(d => hourly.TryGetValue(d, out var h) ? h.Weather : new FireDayWeather(d, double.NaN, double.NaN, double.NaN, double.NaN)).ToList();
        return new FireDangerRating(district, now, FireDangerIndex.RateDays(days, dry, tables), asked,
            string.Create(CultureInfo.InvariantCulture, $"{dry} dry days before today (rain < {tables.DryBelowMm} mm; {source})"));
    }

    /// <summary>The highest day whose grade reaches a level, as that level's signal for that Beijing day; null when none.</summary>
    public static HazardSignal? Signal(FireDangerRating rating, ForestFireThresholds thresholds, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(rating);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(zone);
        foreach (var (level, c) in thresholds.Levels.Descending())
        {
            if (rating.Days.FirstOrDefault(d => d is not null && d.Grade >= c.GradeAtLeast) is { } day)
            {
                var start = day.Day.ToDateTime(TimeOnly.MinValue);
                var from = new DateTimeOffset(start, zone.GetUtcOffset(start));
                var to = from.AddDays(1);
                var (zh, _) = FireDangerIndex.GradeName(day.Grade);
                return new HazardSignal(ForestFireHazard.Id, level, from < now ? now : from, to, day.Grade,
                    string.Create(CultureInfo.InvariantCulture,
                        $"fire danger {zh} on {day.Day:yyyy-MM-dd}: index {day.Index:0} = T {day.TemperaturePoints:0} + RH {day.HumidityPoints:0} + dry {day.DryDayPoints:0} ({day.DryDays} d) + wind {day.WindPoints:0} − rain {day.RainCorrection:0}; {rating.Basis}"));
            }
        }

        return null;
    }

    private sealed record HourlyDay(FireDayWeather Weather, bool Complete);

    private static Dictionary<DateOnly, HourlyDay> Days(HourlyWeather w, TimeZoneInfo zone)
    {
        var t = w[WeatherVariables.Temperature2m];
        var td = w[WeatherVariables.DewPoint2m];
        var rh = w[WeatherVariables.RelativeHumidity2m];
        var wind = w[WeatherVariables.WindSpeed10m];
        var rain = w[WeatherVariables.Precipitation];
        var byDay = new Dictionary<DateOnly, List<int>>();
        for (var i = 0; i < w.Hours; i++)
        {
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(w.TimeAt(i), zone).DateTime);
            (byDay.TryGetValue(day, out var list) ? list : byDay[day] = []).Add(i);
        }

        var result = new Dictionary<DateOnly, HourlyDay>();
        foreach (var (day, hours) in byDay)
        {
            var humidity = double.NaN;
            var temperatures = 0;
            var rained = 0.0;
            var rainHours = 0;
            foreach (var i in hours)
            {
                var value = double.IsFinite(rh[i]) ? rh[i] : Humidity(t[i], td[i]);
                if (double.IsFinite(value) && !(value >= humidity))
                {
                    humidity = value;
                }

                temperatures += double.IsFinite(t[i]) ? 1 : 0;
                if (double.IsFinite(rain[i]))
                {
                    rained += rain[i];
                    rainHours++;
                }
            }

            // A day is rated on at least 8 hours of temperature; its rain is known when any hour of it reports rain.
            var maxT = temperatures >= 8 ? Max(t, hours) : double.NaN;
            result[day] = new HourlyDay(new FireDayWeather(day, maxT, humidity, Max(wind, hours), rainHours > 0 ? rained : double.NaN), hours.Count == 24 && temperatures >= 8);
        }

        return result;
    }

    /// <summary>The largest finite value of <paramref name="series"/> at <paramref name="hours"/>; NaN when there is none.</summary>
    private static double Max(ReadOnlySpan<double> series, List<int> hours)
    {
        var max = double.NaN;
        foreach (var i in hours)
        {
            if (double.IsFinite(series[i]) && !(series[i] <= max))
            {
                max = series[i];
            }
        }

        return max;
    }

    /// <summary>Relative humidity from temperature and dew point (Magnus, over water), %; NaN when either is missing.</summary>
    public static double Humidity(double temperatureC, double dewPointC) =>
        double.IsFinite(temperatureC) && double.IsFinite(dewPointC)
            ? Math.Min(100, 100 * Math.Exp(17.625 * dewPointC / (243.04 + dewPointC)) / Math.Exp(17.625 * temperatureC / (243.04 + temperatureC)))
            : double.NaN;
}
