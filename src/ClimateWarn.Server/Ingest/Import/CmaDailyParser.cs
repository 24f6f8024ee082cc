using System.Globalization;

namespace ClimateWarn.Server.Ingest.Import;

/// <summary>
/// CMA 中国地面气候资料日值数据集 V3.0 (SURF_CLI_CHN_MUL_DAY): whitespace-separated integers, one file per element
/// group and month, e.g. <c>SURF_CLI_CHN_MUL_DAY-TEM-12001-202103.TXT</c>. Every line is station, latitude (ddmm),
/// longitude (dddmm), elevation (0.1 m, +100000 when estimated), year, month, day, the group's values in tenths, then
/// one quality-control digit per value. Groups, special codes and QC digits follow the dataset's 数据说明 as described
/// in docs (see the fixture README); TEM, PRE and WIN are imported, the other groups are refused with a reason.
/// </summary>
public sealed class CmaDailyParser : IHistoryParser
{
    private const string Source = "cma-daily";
    private const int Missing = 32766;

    /// <summary>Not in the V3.0 description but in CMA's note on national-station daily data: 32744 means no data, not 74.4 mm of dew.</summary>
    private const int NoData = 32744;

    /// <summary>Column counts of all eight groups: TEM, PRE, PRS and GST share 13, so only the file name tells them apart.</summary>
    private static readonly Dictionary<string, (int Columns, string Name)> Groups = new(StringComparer.OrdinalIgnoreCase)
    {
        ["TEM"] = (13, "air temperature"), ["PRE"] = (13, "precipitation"), ["WIN"] = (17, "wind"),
        ["PRS"] = (13, "station pressure"), ["GST"] = (13, "0 cm ground temperature"), ["RHU"] = (11, "relative humidity"),
        ["EVP"] = (11, "evaporation"), ["SSD"] = (9, "sunshine duration"),
    };

    /// <summary>Per supported group, the value columns (0-based): label, field (null: checked but not stored), decoder.</summary>
    private static readonly Dictionary<string, ValueColumn[]> Values = new(StringComparer.OrdinalIgnoreCase)
    {
        ["TEM"] =
        [
            new(7, "mean temperature", DailyRows.TemperatureMean, DailyRows.TemperatureMean, Temperature),
            new(8, "maximum temperature", DailyRows.TemperatureMax, DailyRows.TemperatureMax, Temperature),
            new(9, "minimum temperature", DailyRows.TemperatureMin, DailyRows.TemperatureMin, Temperature),
        ],
        ["PRE"] =
        [
            // The half-day sums are checked like the day's, but only the 20-20 h total is stored.
            new(7, "20-08 h precipitation", null, DailyRows.PrecipitationSum, Precipitation),
            new(8, "08-20 h precipitation", null, DailyRows.PrecipitationSum, Precipitation),
            new(9, "20-20 h precipitation", DailyRows.PrecipitationSum, DailyRows.PrecipitationSum, Precipitation),
        ],
        ["WIN"] =
        [
            // Columns 9 and 11 are the directions of the maximum and extreme speeds; not stored, so not interpreted.
            new(7, "mean wind speed", DailyRows.WindSpeedMean, DailyRows.WindSpeedMean, WindSpeed),
            new(8, "maximum wind speed", DailyRows.WindSpeedMax, DailyRows.WindSpeedMax, WindSpeed),
            new(10, "extreme wind speed", DailyRows.WindGustsMax, DailyRows.WindGustsMax, WindSpeed),
        ],
    };

    private readonly string? _element;

    /// <param name="element">The group (TEM, PRE, WIN…) when the file name does not say it; null to read it from the name.</param>
    public CmaDailyParser(string? element = null)
    {
        if (element is not null && !Groups.ContainsKey(element))
        {
            throw new ArgumentException($"'{element}' is not a SURF_CLI_CHN_MUL_DAY element group ({string.Join(", ", Groups.Keys)})", nameof(element));
        }

        _element = element;
    }

    public string Format => "cma-daily";

    public IEnumerable<ImportItem> Parse(TextReader reader, string file)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(file);
        return ParseLines(reader, file, _element ?? ElementFromName(file));
    }

    private static string? ElementFromName(string file) =>
        Path.GetFileName(file).Split(['-', '_', '.', ' '], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(Groups.ContainsKey);

    private static IEnumerable<ImportItem> ParseLines(TextReader reader, string file, string? element)
    {
        if (element is not null && !Values.ContainsKey(element))
        {
            yield return DailyRows.Problem(file, 0, $"element group {element.ToUpperInvariant()} ({Groups[element].Name}) is not supported: only TEM, PRE and WIN are imported");
            yield break;
        }

        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0)
            {
                continue;
            }

            if (element is null)
            {
                // Without a name hint only WIN's 17 columns are unambiguous; guessing TEM for PRE would store rain as heat.
                var fits = Groups.Where(g => g.Value.Columns == parts.Length).Select(g => g.Key).ToList();
                if (parts.Length != Groups["WIN"].Columns)
                {
                    yield return DailyRows.Problem(file, lineNumber, $"the file name names no element group and {parts.Length} columns fit "
                        + (fits.Count == 0 ? "none" : string.Join(", ", fits)) + ": name the file SURF_CLI_CHN_MUL_DAY-<TEM|PRE|WIN>-… or pass the group");
                    yield break;
                }

                element = "WIN";
            }

            yield return ParseLine(parts, element, file, lineNumber);
        }
    }

    private static ImportItem ParseLine(string[] parts, string element, string file, int lineNumber)
    {
        var columns = Groups[element].Columns;
        if (parts.Length != columns)
        {
            return DailyRows.Problem(file, lineNumber, $"expected {columns} columns for {element.ToUpperInvariant()}, found {parts.Length}");
        }

        var raw = new int[columns];
        for (var i = 0; i < columns; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out raw[i]))
            {
                return DailyRows.Problem(file, lineNumber, $"column {i + 1} '{parts[i]}' is not an integer");
            }
        }

        if (parts[0].Length != 5 || !parts[0].All(char.IsAsciiDigit))
        {
            return DailyRows.Problem(file, lineNumber, $"station '{parts[0]}' is not a 5-digit station number");
        }

        var (year, month, day) = (raw[4], raw[5], raw[6]);
        if (year is < 1900 or > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return DailyRows.Problem(file, lineNumber, $"no such date {year}-{month}-{day}");
        }

        // Values start at column 8 and their QC digits follow in the same order: 0 right, 1 suspect, 2 wrong,
        // 8 missing, 9 not checked (the description lists more); a value flagged wrong or missing is not stored.
        var qcStart = 7 + ((columns - 7) / 2);
        for (var i = qcStart; i < columns; i++)
        {
            if (raw[i] is < 0 or > 9)
            {
                return DailyRows.Problem(file, lineNumber, $"column {i + 1} '{parts[i]}' is not a quality-control digit 0-9");
            }
        }

        var values = Values[element];
        var fields = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var column in values)
        {
            var qc = raw[qcStart + column.Index - 7];
            var (value, error) = column.Decode(raw[column.Index]);
            if (error is not null)
            {
                return DailyRows.Problem(file, lineNumber, $"{column.Label}: {error}");
            }

            if (value is null || qc is 2 or 8)
            {
                continue;
            }

            if (DailyRows.Implausible(column.CheckAs, value.Value) is { } absurd)
            {
                return DailyRows.Problem(file, lineNumber, $"{column.Label} {raw[column.Index]}: {absurd}");
            }

            if (column.Field is not null)
            {
                fields[column.Field] = value.Value;
            }
        }

        return fields.Count == 0
            ? DailyRows.Problem(file, lineNumber, "no values: every field is missing or flagged wrong")
            : DailyRows.Point(Source, parts[0], new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.FromHours(8)), fields);
    }

    private static Decoded Temperature(int raw) => raw switch
    {
        Missing => default,
        >= 30000 or <= -30000 => new(null, Undefined(raw, "TEM", "32766 missing")),
        _ => new(raw / 10.0, null),
    };

    /// <summary>32700 trace → 0 mm; 32XXX fog/dew/frost only, 31XXX rain and snow, 30XXX snow (sleet, snowstorm): XXX tenths of mm.</summary>
    private static Decoded Precipitation(int raw) => raw switch
    {
        Missing or NoData => default,
        32700 => new(0, null),
        >= 30000 and <= 32999 => new(raw % 1000 / 10.0, null),
        >= 30000 or < 0 => new(null, Undefined(raw, "PRE", "32766 missing, 32744 no data, 32700 trace, 30XXX, 31XXX, 32XXX")),
        _ => new(raw / 10.0, null),
    };

    /// <summary>+1000 marks a speed beyond the instrument's range: the rest is that limit, kept as a lower bound.</summary>
    private static Decoded WindSpeed(int raw) => raw switch
    {
        Missing => default,
        >= 30000 or < 0 => new(null, Undefined(raw, "WIN", "32766 missing, +1000 above the instrument's range")),
        >= 1000 and < 2000 => new((raw - 1000) / 10.0, null),
        _ => new(raw / 10.0, null),
    };

    private static string Undefined(int raw, string group, string defined) =>
        string.Create(CultureInfo.InvariantCulture, $"code {raw} is not defined for {group} (defined: {defined})");

    private readonly record struct Decoded(double? Value, string? Error);

    private sealed record ValueColumn(int Index, string Label, string? Field, string CheckAs, Func<int, Decoded> Decode);
}
