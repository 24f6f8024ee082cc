using ClimateWarn.Core.Stations;

namespace ClimateWarn.Server.Ingest.IsdLite;

/// <summary>ISD-Lite files as station records for training and verification; rejected lines are reported, not hidden.</summary>
public static class StationFiles
{
    public static (IReadOnlyList<StationRecord> Records, IReadOnlyList<string> Problems) ReadIsdLite(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var records = new List<StationRecord>();
        var problems = new List<string>();
        foreach (var path in paths)
        {
            var (rows, rowProblems) = IsdLiteParser.ParseFile(path);
            problems.AddRange(rowProblems.Select(p => p.ToString()));
            var name = Path.GetFileName(path);
            var station = name.StartsWith("isdlite_", StringComparison.Ordinal) && name.Length >= 13 ? name[8..13] : name;
            records.Add(new StationRecord(station, rows.Select(r => new StationReading(
                r.Time, r.AirTemperatureC ?? double.NaN, r.DewPointC ?? double.NaN, r.WindSpeedMs ?? double.NaN, r.Precipitation6hMm ?? double.NaN))));
        }

        return (records, problems);
    }

    public static string? Missing(IEnumerable<string> paths) => paths.FirstOrDefault(p => !File.Exists(p));
}
