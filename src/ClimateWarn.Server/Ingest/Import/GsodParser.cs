using System.Globalization;
using System.Text;

namespace ClimateWarn.Server.Ingest.Import;

/// <summary>
/// NOAA Global Surface Summary of the Day, the "access" CSV (one file per station and year, quoted header, see
/// https://www.ncei.noaa.gov/data/global-summary-of-the-day/doc/readme.txt). Columns are found by header name because
/// NCEI has added and reordered columns before. Imperial units with per-column sentinels are converted to SI;
/// a row that cannot be read is rejected with its line, and the rows after it still parse.
/// </summary>
public sealed class GsodParser : IHistoryParser
{
    private const string Source = "gsod";
    private const double FahrenheitMissing = 9999.9;
    private const double InchesMissing = 99.99;
    private const double SpeedOrMilesMissing = 999.9;
    private const double KnotsToMs = 1852.0 / 3600.0;
    private const double MilesToM = 1609.344;

    /// <summary>GSOD column → (field, missing sentinel, conversion to SI).</summary>
    private static readonly (string Column, string Field, double Missing, Func<double, double> ToSi)[] Columns =
    [
        ("TEMP", DailyRows.TemperatureMean, FahrenheitMissing, FahrenheitToC),
        ("MAX", DailyRows.TemperatureMax, FahrenheitMissing, FahrenheitToC),
        ("MIN", DailyRows.TemperatureMin, FahrenheitMissing, FahrenheitToC),
        ("DEWP", DailyRows.DewPointMean, FahrenheitMissing, FahrenheitToC),
        // The PRCP attribute letter says how many hours the total covers; a value is read as the day's value.
        ("PRCP", DailyRows.PrecipitationSum, InchesMissing, v => v * 25.4),
        ("WDSP", DailyRows.WindSpeedMean, SpeedOrMilesMissing, v => v * KnotsToMs),
        ("MXSPD", DailyRows.WindSpeedMax, SpeedOrMilesMissing, v => v * KnotsToMs),
        ("GUST", DailyRows.WindGustsMax, SpeedOrMilesMissing, v => v * KnotsToMs),
        ("VISIB", DailyRows.VisibilityMean, SpeedOrMilesMissing, v => v * MilesToM),
    ];

    public string Format => "gsod";

    public IEnumerable<ImportItem> Parse(TextReader reader, string file)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(file);
        return ParseRows(reader, file);
    }

    private static IEnumerable<ImportItem> ParseRows(TextReader reader, string file)
    {
        var header = reader.ReadLine();
        if (header is null)
        {
            yield return DailyRows.Problem(file, 0, "the file is empty: a GSOD file starts with a header line");
            yield break;
        }

        // A byte-order mark left by a TextReader that did not detect it would hide the first column's name.
        var names = SplitCsv(header.TrimStart('\uFEFF'), out var headerError);
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Count; i++)
        {
            index.TryAdd(names[i].Trim(), i);
        }

        if (headerError is not null || !index.ContainsKey("STATION") || !index.ContainsKey("DATE"))
        {
            yield return DailyRows.Problem(file, 1, headerError ?? "the header lacks the STATION and DATE columns: not a GSOD access CSV");
            yield break;
        }

        var present = Columns.Where(c => index.ContainsKey(c.Column)).ToArray();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return ParseRow(line, names.Count, index, present, file, lineNumber);
            }
        }
    }

    private static ImportItem ParseRow(string line, int width, Dictionary<string, int> index,
        (string Column, string Field, double Missing, Func<double, double> ToSi)[] present, string file, int lineNumber)
    {
        var cells = SplitCsv(line, out var error);
        if (error is not null)
        {
            return DailyRows.Problem(file, lineNumber, error);
        }

        if (cells.Count != width)
        {
            return DailyRows.Problem(file, lineNumber, $"expected {width} fields as in the header, found {cells.Count}");
        }

        var station = cells[index["STATION"]].Trim();
        if (station.Length != 11 || !station.All(char.IsAsciiDigit) || station[5] != '0')
        {
            // USAF ids of WMO stations are the 5-digit WMO id followed by 0; others cannot be named "station:<WMO id>".
            return DailyRows.Problem(file, lineNumber, $"station '{station}' is not an 11-digit USAF+WBAN id of a WMO station (WMO id + 0 + WBAN)");
        }

        var dateText = cells[index["DATE"]].Trim();
        if (!DateTime.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return DailyRows.Problem(file, lineNumber, $"date '{dateText}' is not a real yyyy-MM-dd date");
        }

        var fields = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (column, field, missing, toSi) in present)
        {
            var text = cells[index[column]].Trim();
            if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var raw))
            {
                return DailyRows.Problem(file, lineNumber, $"{column} '{text}' is not a number");
            }

            if (raw == missing)
            {
                continue;
            }

            var value = toSi(raw);
            if (DailyRows.Implausible(field, value) is { } absurd)
            {
                return DailyRows.Problem(file, lineNumber, string.Create(CultureInfo.InvariantCulture, $"{column} {raw}: {absurd}"));
            }

            fields[field] = value;
        }

        return fields.Count == 0
            ? DailyRows.Problem(file, lineNumber, "no values: every field is missing")
            : DailyRows.Point(Source, station[..5], new DateTimeOffset(date, TimeSpan.Zero), fields);
    }

    private static double FahrenheitToC(double f) => (f - 32) * 5 / 9;

    /// <summary>
    /// A small RFC 4180 field splitter, written here rather than using Microsoft.VisualBasic's TextFieldParser so a
    /// malformed line becomes a problem with its line number instead of an exception that ends the file. GSOD quotes
    /// every field and NAME holds a comma ("ZHONGNING, CH"); a doubled quote inside quotes is a literal quote.
    /// </summary>
    internal static List<string> SplitCsv(string line, out string? error)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        error = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                {
                    cell.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
                wasQuoted = false;
            }
            else if (c == '"' && cell.Length == 0 && !wasQuoted)
            {
                quoted = wasQuoted = true;
            }
            else if (wasQuoted)
            {
                error = $"text after the closing quote of field {cells.Count + 1}";
                return cells;
            }
            else
            {
                cell.Append(c);
            }
        }

        if (quoted)
        {
            error = $"field {cells.Count + 1} opens a quote that the line never closes";
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
