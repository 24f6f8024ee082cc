using System.Globalization;

namespace ClimateWarn.Server.Ingest.IsdLite;

/// <summary>One NOAA ISD-Lite row; null where the record says -9999 (missing) or the value was rejected as absurd.</summary>
public sealed record IsdLiteRecord(
    DateTimeOffset Time,
    double? AirTemperatureC,
    double? DewPointC,
    double? SeaLevelPressureHpa,
    int? WindDirectionDeg,
    double? WindSpeedMs,
    int? SkyCover,
    double? Precipitation1hMm,
    double? Precipitation6hMm);

public sealed record IsdLiteProblem(string File, int Line, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Reason}";
}

/// <summary>
/// NOAA ISD-Lite: 12 whitespace-separated integers per line: year month day hour(UTC) air temperature and dew point
/// (0.1 °C), sea-level pressure (0.1 hPa), wind direction (°), wind speed (0.1 m/s), sky cover (code), 1 h and 6 h
/// precipitation (0.1 mm). -9999 is missing; -1 in a precipitation field is a trace, read as 0 mm.
/// A malformed line is rejected with its file, line and reason; an absurd value is dropped with a reason.
/// </summary>
public static class IsdLiteParser
{
    private const int Missing = -9999;

    public static (IReadOnlyList<IsdLiteRecord> Records, IReadOnlyList<IsdLiteProblem> Problems) Parse(TextReader reader, string file)
    {
        var records = new List<IsdLiteRecord>();
        var problems = new List<IsdLiteProblem>();
        foreach (var (record, problem) in Read(reader, file))
        {
            if (record is not null)
            {
                records.Add(record);
            }

            if (problem is not null)
            {
                problems.Add(problem);
            }
        }

        return (records, problems);
    }

    /// <summary>Streams the rows: a record, a problem, or both (a record with a dropped value).</summary>
    public static IEnumerable<(IsdLiteRecord? Record, IsdLiteProblem? Problem)> Read(TextReader reader, string file)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var lineNumber = 0;
        var values = new int[12];
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = Tokenize(line, values, out var bad);
            if (fields != 12)
            {
                yield return (null, new IsdLiteProblem(file, lineNumber, $"expected 12 fields, found {fields}"));
                continue;
            }

            if (bad is { } b)
            {
                yield return (null, new IsdLiteProblem(file, lineNumber, $"field {b.Index + 1} '{b.Text}' is not an integer"));
                continue;
            }

            if (values[0] is < 1900 or > 2100 || values[1] is < 1 or > 12 || values[3] is < 0 or > 23
                || values[2] < 1 || values[2] > DateTime.DaysInMonth(values[0], values[1]))
            {
                yield return (null, new IsdLiteProblem(file, lineNumber, $"no such date/hour {values[0]}-{values[1]}-{values[2]} {values[3]}h"));
                continue;
            }

            var time = new DateTimeOffset(values[0], values[1], values[2], values[3], 0, 0, TimeSpan.Zero);
            IsdLiteProblem? dropped = null;
            double? Scaled(int index, double min, double max, string name)
            {
                if (values[index] == Missing)
                {
                    return null;
                }

                var v = values[index] / 10.0;
                if (v < min || v > max)
                {
                    dropped = new IsdLiteProblem(file, lineNumber, string.Create(CultureInfo.InvariantCulture, $"{name} {v} is outside [{min}, {max}], dropped"));
                    return null;
                }

                return v;
            }

            double? Precip(int index, string name) => values[index] == -1 ? 0 : Scaled(index, 0, 500, name);
            var record = new IsdLiteRecord(
                time,
                Scaled(4, -80, 60, "air temperature"),
                Scaled(5, -90, 50, "dew point"),
                Scaled(6, 850, 1100, "sea-level pressure"),
                values[7] == Missing ? null : values[7],
                Scaled(8, 0, 120, "wind speed"),
                values[9] == Missing ? null : values[9],
                Precip(10, "1 h precipitation"),
                Precip(11, "6 h precipitation"));
            yield return (record, dropped);
        }
    }

    /// <summary>Splits on whitespace and parses the first 12 integers without allocating; returns the field count.</summary>
    private static int Tokenize(string line, int[] values, out (int Index, string Text)? bad)
    {
        bad = null;
        var span = line.AsSpan();
        var count = 0;
        var i = 0;
        while (i < span.Length)
        {
            while (i < span.Length && char.IsWhiteSpace(span[i]))
            {
                i++;
            }

            if (i == span.Length)
            {
                break;
            }

            var start = i;
            while (i < span.Length && !char.IsWhiteSpace(span[i]))
            {
                i++;
            }

            var token = span[start..i];
            if (count < 12 && !int.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out values[count]) && bad is null)
            {
                bad = (count, token.ToString());
            }

            count++;
        }

        return count;
    }

    public static (IReadOnlyList<IsdLiteRecord> Records, IReadOnlyList<IsdLiteProblem> Problems) ParseFile(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, Path.GetFileName(path));
    }
}
