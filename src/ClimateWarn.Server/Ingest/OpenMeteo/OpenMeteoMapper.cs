using System.Globalization;
using System.Text.Json;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Server.Ingest.OpenMeteo;

/// <summary>
/// Maps an Open-Meteo response to points: hours up to <c>now</c> become observations (the recent past stands in for
/// station feeds), later hours forecasts. Nulls are skipped and counted, never stored as 0; absurd values are rejected
/// with a reason; units are read from the response and converted to SI, so older payloads in km/h still map right.
/// </summary>
public static class OpenMeteoMapper
{
    public const string SourceName = "open-meteo";
    public const string DailyMeasurement = "forecast_daily";
    private const int MaxProblems = 20;

    /// <summary>Older responses (and the recorded samples) use the names without the underscore.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["dewpoint_2m"] = WeatherVariables.DewPoint2m,
        ["windspeed_10m"] = WeatherVariables.WindSpeed10m,
        ["windgusts_10m"] = WeatherVariables.WindGusts10m,
        ["windspeed_10m_max"] = "wind_speed_10m_max",
        ["windgusts_10m_max"] = "wind_gusts_10m_max",
    };

    private static readonly HashSet<string> DailyVariables = new(StringComparer.Ordinal)
    {
        "temperature_2m_min", "temperature_2m_max", "precipitation_sum", "wind_speed_10m_max", "wind_gusts_10m_max",
        // The archive source asks for it (reference evapotranspiration, mm/day); the forecast call does not.
        "et0_fao_evapotranspiration",
    };

    public static SourceBatch Map(JsonElement root, IReadOnlyList<GridCell> cells, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.True)
        {
            var reason = root.TryGetProperty("reason", out var r) ? r.ToString() : "(no reason given)";
            throw new SourceException(SourceName, $"the API answered with an error: {reason}", transient: false);
        }

        var locations = root.ValueKind switch
        {
            JsonValueKind.Array => [.. root.EnumerateArray()],
            JsonValueKind.Object => new List<JsonElement> { root },
            _ => throw new SourceException(SourceName, $"expected a JSON object or array, got {root.ValueKind}", transient: false),
        };
        if (locations.Count != cells.Count)
        {
            throw new SourceException(SourceName, $"the response has {locations.Count} locations for {cells.Count} requested points", transient: false);
        }

        var state = new MapState();
        for (var i = 0; i < locations.Count; i++)
        {
            var location = locations[i];
            if (location.ValueKind != JsonValueKind.Object || !location.TryGetProperty("utc_offset_seconds", out var offsetElement) || !offsetElement.TryGetInt32(out var offsetSeconds))
            {
                throw new SourceException(SourceName, $"location {i} lacks utc_offset_seconds", transient: false);
            }

            var offset = TimeSpan.FromSeconds(offsetSeconds);
            var tags = new Dictionary<string, string>(StringComparer.Ordinal) { [Tags.Place] = cells[i].Id, [Tags.Source] = SourceName };
            if (location.TryGetProperty("hourly", out var hourly))
            {
                MapBlock(hourly, Units(location, "hourly_units"), offset, v => WeatherVariables.Hourly.Contains(v), state,
                    t => t <= now ? Measurements.Observation : Measurements.Forecast, tags, i);
            }

            if (location.TryGetProperty("daily", out var daily))
            {
                MapBlock(daily, Units(location, "daily_units"), offset, DailyVariables.Contains, state, _ => DailyMeasurement, tags, i);
            }
        }

        return new SourceBatch(state.Points, state.Nulls, state.Rejected, state.Problems);
    }

    private static void MapBlock(JsonElement block, IReadOnlyDictionary<string, string> units, TimeSpan offset, Func<string, bool> wanted,
        MapState state, Func<DateTimeOffset, string> measurementOf, Dictionary<string, string> tags, int location)
    {
        if (block.ValueKind != JsonValueKind.Object || !block.TryGetProperty("time", out var timeArray) || timeArray.ValueKind != JsonValueKind.Array)
        {
            throw new SourceException(SourceName, $"location {location}: a data block lacks its time array", transient: false);
        }

        var times = timeArray.EnumerateArray().Select(t => ParseTime(t, offset, location)).ToList();
        var fields = times.Select(_ => new Dictionary<string, double>(StringComparer.Ordinal)).ToList();
        foreach (var property in block.EnumerateObject())
        {
            var name = Aliases.GetValueOrDefault(property.Name, property.Name);
            if (property.Name == "time" || !wanted(name))
            {
                continue;
            }

            if (property.Value.ValueKind != JsonValueKind.Array || property.Value.GetArrayLength() != times.Count)
            {
                throw new SourceException(SourceName, $"location {location}: {property.Name} is not an array of {times.Count} values", transient: false);
            }

            var convert = Converter(name, units.GetValueOrDefault(property.Name));
            var j = 0;
            foreach (var item in property.Value.EnumerateArray())
            {
                var index = j++;
                if (item.ValueKind == JsonValueKind.Null)
                {
                    state.Nulls++;
                    continue;
                }

                if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out var raw))
                {
                    state.Reject($"location {location}: {property.Name}[{index}] = {item.GetRawText()} is not a number");
                    continue;
                }

                var value = convert(raw);
                if (!WeatherVariables.IsPlausible(name, value))
                {
                    state.Reject(string.Create(CultureInfo.InvariantCulture, $"location {location}: {property.Name}[{index}] = {raw} is not physically plausible"));
                    continue;
                }

                fields[index][name] = value;
            }
        }

        for (var k = 0; k < times.Count; k++)
        {
            if (fields[k].Count > 0)
            {
                state.Points.Add(new TimeSeriesPoint(measurementOf(times[k]), tags, fields[k], times[k]));
            }
        }
    }

    internal static DateTimeOffset ParseTime(JsonElement t, TimeSpan offset, int location)
    {
        if (t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var unix))
        {
            return DateTimeOffset.FromUnixTimeSeconds(unix);
        }

        var text = t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        string[] formats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"];
        if (text is not null && DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, offset).ToUniversalTime();
        }

        throw new SourceException(SourceName, $"location {location}: time '{t.GetRawText()}' is not ISO-8601 local time or unix seconds", transient: false);
    }

    internal static Func<double, double> Converter(string variable, string? unit) => (variable, unit) switch
    {
        // Snowfall is depth of fresh snow, kept in cm (its water equivalent is the rules' business); imperial is inches.
        (WeatherVariables.Snowfall, null or "" or "cm") => v => v,
        (WeatherVariables.Snowfall, "inch") => v => v * 2.54,
        (WeatherVariables.Snowfall, _) => throw new SourceException(SourceName, $"{variable} comes in unit '{unit}', which the mapper cannot convert", transient: false),
        (_, "%" or "μg/m³" or "µg/m³" or "wmo code" or "J/kg") => v => v,
        _ => ConverterByUnit(variable, unit),
    };

    private static Func<double, double> ConverterByUnit(string variable, string? unit) => unit switch
    {
        null or "" or "m/s" or "°C" or "mm" or "m" => v => v,
        "km/h" => v => v / 3.6,
        "mp/h" or "mph" => v => v * 0.44704,
        "kn" => v => v * 0.514444,
        "°F" => v => (v - 32) * 5 / 9,
        "inch" => v => v * 25.4,
        "ft" => v => v * 0.3048,
        _ => throw new SourceException(SourceName, $"{variable} comes in unit '{unit}', which the mapper cannot convert", transient: false),
    };

    internal static Dictionary<string, string> Units(JsonElement location, string name)
    {
        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        if (location.TryGetProperty(name, out var block) && block.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in block.EnumerateObject())
            {
                units[p.Name] = p.Value.ToString();
            }
        }

        return units;
    }

    private sealed class MapState
    {
        public List<TimeSeriesPoint> Points { get; } = [];

        public List<string> Problems { get; } = [];

        public int Nulls { get; set; }

        public int Rejected { get; private set; }

        public void Reject(string reason)
        {
            Rejected++;
            if (Problems.Count < MaxProblems)
            {
                Problems.Add(reason);
            }
        }
    }
}
