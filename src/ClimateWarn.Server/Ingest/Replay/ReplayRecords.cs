using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Ingest.IsdLite;

namespace ClimateWarn.Server.Ingest.Replay;

/// <summary>
/// The station records the replay runs from, turned into hourly points. A record named by districts (their
/// station.isdId in config/districts.json) stands for each of those districts' seat cells, so one record may serve
/// several districts; the records no district names keep their own place ("isd:536140") and serve training and
/// verification, never district warnings. A replay in which no district has a record is refused.
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
            throw new StartupConfigurationException([$"Paths:Replay = '{directory}': no ISD-Lite records (isdlite_<USAF>-99999-<year>….txt) there; put the district stations' records in that folder or point Paths:Replay at one that has them"]);
        }

        var problems = new List<IsdLiteProblem>();
        foreach (var file in files)
        {
            var usaf = Path.GetFileName(file).Split('_', '-')[1];
            var (records, fileProblems) = IsdLiteParser.ParseFile(file);
            problems.AddRange(fileProblems);
            var served = places.Districts.Where(d => d.Station.IsdId == usaf).Select(d => d.Code).ToList();
            Stations.Add(new ReplayStation(usaf, served, Hourly(records)));
        }

        Uses = [.. places.Districts.Select(d => new ReplayUse(d.Code, d.NameZh, d.Station.IsdId, Stations.FirstOrDefault(s => s.Districts.Contains(d.Code))?.Usaf))];
        if (Uses.All(u => u.Record is null))
        {
            throw new StartupConfigurationException([NoRecordForAnyDistrict(directory)]);
        }

        Problems = problems;
        // The period is that of the synoptic readings (not of precipitation spread back over its 6 hours).
        var times = Stations.SelectMany(s => s.Hours.Where(h => h.Value.ContainsKey(WeatherVariables.Temperature2m)).Select(h => h.Key)).ToList();
        First = times.Min();
        Last = times.Max();
    }

    public List<ReplayStation> Stations { get; } = [];

    /// <summary>Which record each configured district uses (its record's USAF, or null: no replay data for it).</summary>
    public IReadOnlyList<ReplayUse> Uses { get; }

    public IReadOnlyList<IsdLiteProblem> Problems { get; }

    public DateTimeOffset First { get; }

    public DateTimeOffset Last { get; }

    /// <summary>Points of one station with times in (from, to], as the given measurement, placed at <paramref name="place"/>.</summary>
    public static List<TimeSeriesPoint> Points(ReplayStation station, string place, string measurement, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(station);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { [Tags.Place] = place, [Tags.Source] = SourceName };
        return [.. station.Hours.Where(h => h.Key > from && h.Key <= to).Select(h => new TimeSeriesPoint(measurement, tags, h.Value, h.Key))];
    }

    /// <summary>
    /// Synoptic readings stay at their hours. The 6 h precipitation reported at 00, 06, 12 and 18 UTC (the non-overlapping
    /// reports) is spread evenly over its six hours, a documented simplification that understates 1–3 h intensity;
    /// a 1 h report, where present, wins for its hour.
    /// </summary>
    private string NoRecordForAnyDistrict(string directory) =>
        $"Replay: no configured district has a record in Paths:Replay = '{directory}': the districts name "
        + string.Join(", ", Uses.Select(u => $"{u.Code} {u.NameZh} ({(u.IsdId is { } id ? "isdId " + id : "no isdId")})"))
        + $"; the records there are {string.Join(", ", Stations.Select(s => s.Usaf))}. Set station.isdId in districts.json to one of those, or add the district's record (isdlite_<USAF>-99999-<year>….txt) to Paths:Replay";

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

/// <summary>One station record: the districts (codes) it serves, none for a neighbour.</summary>
public sealed record ReplayStation(string Usaf, IReadOnlyList<string> Districts, SortedDictionary<DateTimeOffset, Dictionary<string, double>> Hours)
{
    public bool IsNeighbour => Districts.Count == 0;

    /// <summary>Where a neighbour's observations are stored: its own place, outside every district.</summary>
    public string NeighbourPlace => $"isd:{Usaf}";
}

/// <summary>The record a configured district uses in the replay (<paramref name="Record"/> its USAF), or null when none.</summary>
public sealed record ReplayUse(string Code, string NameZh, string? IsdId, string? Record);
