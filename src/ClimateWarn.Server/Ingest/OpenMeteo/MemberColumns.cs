using System.Globalization;
using System.Text.Json;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Server.Ingest.OpenMeteo;

/// <summary>One location's weather per member (ensemble) or per model (several models in one forecast call).</summary>
public sealed record MemberWeather(IReadOnlyDictionary<string, HourlyWeather> Members);

/// <summary>What <see cref="MemberColumns.Map"/> read: per requested point its members, and the values it refused.</summary>
public sealed record MemberAnswer(IReadOnlyList<MemberWeather> Locations, int Nulls, int Rejected, IReadOnlyList<string> Problems)
{
    /// <summary>The members that carry at least one value at some location (a member whose every column is null is absent).</summary>
    public IReadOnlySet<string> Present => Locations.SelectMany(l => l.Members.Where(m => m.Value.Hours > 0 && AnyValue(m.Value)).Select(m => m.Key))
        .ToHashSet(StringComparer.Ordinal);

    private static bool AnyValue(HourlyWeather weather) => WeatherVariables.Hourly.Any(weather.Has);
}

/// <summary>
/// Reads an Open-Meteo answer whose hourly columns come once per member or per model (DOMAIN §6): the ensemble API sends
/// the control as <c>temperature_2m</c> and each perturbed member as <c>temperature_2m_member01</c>…; the forecast API
/// asked for several models suffixes each variable with the model (<c>temperature_2m_cma_grapes_global</c>). The key of a
/// member is the suffix ("" for the control or an unsuffixed single model). Nulls are counted, never stored as 0; values
/// outside physical bounds are refused with a reason; units are read from the answer and converted to SI.
/// </summary>
public static class MemberColumns
{
    private const int MaxProblems = 20;

    /// <summary>
    /// What the rules read, as the APIs name it; <paramref name="groundColumn"/> is the column standing for the ground
    /// temperature at 0 cm (the forecast API's soil_temperature_0cm; the ensemble API has only the surface (skin) temperature).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Variables(string groundColumn) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["temperature_2m"] = WeatherVariables.Temperature2m,
        ["dew_point_2m"] = WeatherVariables.DewPoint2m,
        ["relative_humidity_2m"] = WeatherVariables.RelativeHumidity2m,
        ["precipitation"] = WeatherVariables.Precipitation,
        ["snowfall"] = WeatherVariables.Snowfall,
        ["wind_speed_10m"] = WeatherVariables.WindSpeed10m,
        ["wind_gusts_10m"] = WeatherVariables.WindGusts10m,
        ["visibility"] = WeatherVariables.Visibility,
        [groundColumn] = WeatherVariables.SoilTemperature0cm,
    };

    /// <param name="source">The source's name, for failures.</param>
    /// <param name="variables">Asked name → the name the rules read (the ensemble's surface_temperature stands in for soil_temperature_0cm).</param>
    /// <param name="start">The first hour kept (the rules' lookback before now).</param>
    /// <param name="hours">How many hours are kept from <paramref name="start"/>.</param>
    public static MemberAnswer Map(string source, JsonElement root, IReadOnlyList<GridCell> cells, IReadOnlyDictionary<string, string> variables,
        DateTimeOffset start, int hours)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(variables);
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.True)
        {
            var reason = root.TryGetProperty("reason", out var r) ? r.ToString() : "(no reason given)";
            throw new SourceException(source, $"the API answered with an error: {reason}", transient: false);
        }

        List<JsonElement> locations = root.ValueKind switch
        {
            JsonValueKind.Array => [.. root.EnumerateArray()],
            JsonValueKind.Object => [root],
            _ => throw new SourceException(source, $"expected a JSON object or array, got {root.ValueKind}", transient: false),
        };
        if (locations.Count != cells.Count)
        {
            throw new SourceException(source, $"the response has {locations.Count} locations for {cells.Count} requested points", transient: false);
        }

        // Longest first, so "wind_gusts_10m" is not read as "wind_..." with a suffix; only asked variables are read.
        var names = variables.Keys.OrderByDescending(n => n.Length).ToList();
        int nulls = 0, rejected = 0;
        var problems = new List<string>();
        void Reject(string reason)
        {
            rejected++;
            if (problems.Count < MaxProblems)
            {
                problems.Add(reason);
            }
        }

        var result = new List<MemberWeather>();
        for (var i = 0; i < locations.Count; i++)
        {
            var location = locations[i];
            if (location.ValueKind != JsonValueKind.Object || !location.TryGetProperty("utc_offset_seconds", out var o) || !o.TryGetInt32(out var offsetSeconds))
            {
                throw new SourceException(source, $"location {i} lacks utc_offset_seconds", transient: false);
            }

            if (!location.TryGetProperty("hourly", out var hourly) || hourly.ValueKind != JsonValueKind.Object
                || !hourly.TryGetProperty("time", out var timeArray) || timeArray.ValueKind != JsonValueKind.Array)
            {
                throw new SourceException(source, $"location {i}: the hourly block or its time array is missing", transient: false);
            }

            var offset = TimeSpan.FromSeconds(offsetSeconds);
            var times = timeArray.EnumerateArray().Select(t => OpenMeteoMapper.ParseTime(t, offset, i)).ToList();
            var units = OpenMeteoMapper.Units(location, "hourly_units");
            var members = new Dictionary<string, HourlyWeather>(StringComparer.Ordinal);
            foreach (var column in hourly.EnumerateObject())
            {
                if (column.Name == "time" || Split(column.Name, names) is not var (asked, member))
                {
                    continue;
                }

                if (column.Value.ValueKind != JsonValueKind.Array || column.Value.GetArrayLength() != times.Count)
                {
                    throw new SourceException(source, $"location {i}: {column.Name} is not an array of {times.Count} values", transient: false);
                }

                var variable = variables[asked];
                var convert = OpenMeteoMapper.Converter(variable, units.GetValueOrDefault(column.Name) ?? units.GetValueOrDefault(asked));
                if (!members.TryGetValue(member, out var weather))
                {
                    weather = new HourlyWeather(cells[i].Id, start, hours);
                    members[member] = weather;
                }

                var k = 0;
                foreach (var item in column.Value.EnumerateArray())
                {
                    var time = times[k++];
                    if (item.ValueKind == JsonValueKind.Null)
                    {
                        nulls++;
                        continue;
                    }

                    if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out var raw))
                    {
                        Reject($"location {i}: {column.Name}[{k - 1}] = {item.GetRawText()} is not a number");
                        continue;
                    }

                    var value = convert(raw);
                    if (!WeatherVariables.IsPlausible(variable, value))
                    {
                        Reject(string.Create(CultureInfo.InvariantCulture, $"location {i}: {column.Name}[{k - 1}] = {raw} is not physically plausible"));
                        continue;
                    }

                    weather.Set(variable, time, value);
                }
            }

            result.Add(new MemberWeather(members));
        }

        return new MemberAnswer(result, nulls, rejected, problems);
    }

    /// <summary>"temperature_2m_member07" → ("temperature_2m", "member07"); "temperature_2m" → ("temperature_2m", ""); unasked → null.</summary>
    internal static (string Variable, string Member)? Split(string column, IReadOnlyList<string> longestFirst)
    {
        foreach (var name in longestFirst)
        {
            if (column == name)
            {
                return (name, string.Empty);
            }

            if (column.Length > name.Length + 1 && column.StartsWith(name, StringComparison.Ordinal) && column[name.Length] == '_')
            {
                return (name, column[(name.Length + 1)..]);
            }
        }

        return null;
    }
}
