using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Ingest.IsdLite;

namespace ClimateWarn.Server.Ingest.Replay;

/// <summary>
/// The station records the replay runs from, turned into hourly points. A station that represents a district stands
/// for that district's seat cell; the neighbours outside the city keep their own place ("isd:536140") and serve
/// training and verification, never district warnings.
/// </summary>
public sealed class ReplayRecords
{
    public const string SourceName = "isd-lite-replay";

    public ReplayRecords(string directory, PlaceCatalog places)
    {
        ArgumentNullException.ThrowIfNull(places);
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, "isdlite_*.txt").Order(StringComparer.Ordinal).ToList() : [];
        if (files.Count == 0)
        {
            throw new FileNotFoundException($"Replay: no ISD-Lite records (isdlite_*.txt) in '{directory}'");
        }

        var problems = new List<IsdLiteProblem>();
        foreach (var file in files)
        {
            var usaf = Path.GetFileName(file).Split('_', '-')[1];
            var (records, fileProblems) = IsdLiteParser.ParseFile(file);
            problems.AddRange(fileProblems);
            var district = places.Districts.FirstOrDefault(d => d.Station.IsdId == usaf);
            var place = district?.SeatCell.Id ?? $"isd:{usaf}";
            Stations.Add(new ReplayStation(usaf, district?.Code, place, Hourly(records)));
        }

        Problems = problems;
        // The period is that of the synoptic readings (not of precipitation spread back over its 6 hours).
        var times = Stations.SelectMany(s => s.Hours.Where(h => h.Value.ContainsKey(WeatherVariables.Temperature2m)).Select(h => h.Key)).ToList();
        First = times.Min();
        Last = times.Max();
    }

    public List<ReplayStation> Stations { get; } = [];

    public IReadOnlyList<IsdLiteProblem> Problems { get; }

    public DateTimeOffset First { get; }

    public DateTimeOffset Last { get; }

    /// <summary>Points of one station with times in (from, to], as the given measurement.</summary>
    public static List<TimeSeriesPoint> Points(ReplayStation station, string measurement, DateTimeOffset from, DateTimeOffset to)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { [Tags.Place] = station.Place, [Tags.Source] = SourceName };
        return [.. station.Hours.Where(h => h.Key > from && h.Key <= to).Select(h => new TimeSeriesPoint(measurement, tags, h.Value, h.Key))];
    }

    /// <summary>
    /// Synoptic readings stay at their hours. The 6 h precipitation reported at 00, 06, 12 and 18 UTC (the non-overlapping
    /// reports) is spread evenly over its six hours, a documented simplification that understates 1–3 h intensity;
    /// a 1 h report, where present, wins for its hour.
    /// </summary>
    private static SortedDictionary<DateTimeOffset, Dictionary<string, double>> Hourly(IReadOnlyList<IsdLiteRecord> records)
    {
        var hours = new SortedDictionary<DateTimeOffset, Dictionary<string, double>>();
        Dictionary<string, double> At(DateTimeOffset t) => hours.TryGetValue(t, out var f) ? f : hours[t] = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var r in records.Where(r => r.Precipitation6hMm is not null && r.Time.Hour % 6 == 0))
        {
            for (var k = 0; k < 6; k++)
            {
                At(r.Time.AddHours(-k))[WeatherVariables.Precipitation] = r.Precipitation6hMm!.Value / 6;
            }
        }

        foreach (var r in records)
        {
            var f = At(r.Time);
            Put(f, WeatherVariables.Temperature2m, r.AirTemperatureC);
            Put(f, WeatherVariables.DewPoint2m, r.DewPointC);
            Put(f, WeatherVariables.WindSpeed10m, r.WindSpeedMs);
            Put(f, WeatherVariables.Precipitation, r.Precipitation1hMm);
        }

        foreach (var empty in hours.Where(h => h.Value.Count == 0).Select(h => h.Key).ToList())
        {
            hours.Remove(empty);
        }

        return hours;
    }

    private static void Put(Dictionary<string, double> fields, string name, double? value)
    {
        if (value is { } v)
        {
            fields[name] = v;
        }
    }
}

public sealed record ReplayStation(string Usaf, string? District, string Place, SortedDictionary<DateTimeOffset, Dictionary<string, double>> Hours);
