using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Ingest.Import;

namespace ClimateWarn.Server.Ingest.IsdLite;

/// <summary>
/// ISD-Lite rows as observation points of "station:&lt;WMO id&gt;" (USAF 537050 is WMO 53705). The 6 h precipitation
/// is kept as its own field (its windows overlap every 3 h), the 1 h one as "precipitation".
/// </summary>
public sealed class IsdLiteHistoryParser : IHistoryParser
{
    public const string PressureMsl = "pressure_msl";
    public const string WindDirection = "wind_direction_10m";
    public const string Precipitation6h = "precipitation_6h";

    public string Format => "isd-lite";

    public IEnumerable<ImportItem> Parse(TextReader reader, string file)
    {
        var name = Path.GetFileName(file);
        var usaf = name.StartsWith("isdlite_", StringComparison.Ordinal) ? name[8..14] : name[..Math.Min(6, name.Length)];
        var station = usaf.Length == 6 && usaf.All(char.IsAsciiDigit) ? "station:" + usaf[..5] : null;
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { [Tags.Place] = station ?? string.Empty, [Tags.Source] = Format };
        foreach (var (record, problem) in IsdLiteParser.Read(reader, name))
        {
            if (station is null)
            {
                yield return new ImportItem(null, new ImportProblem(name, 0, "the file name does not start with a 6-digit USAF id (e.g. 537050-99999-2021)"));
                yield break;
            }

            if (problem is not null)
            {
                yield return new ImportItem(null, new ImportProblem(problem.File, problem.Line, problem.Reason));
            }

            if (record is null)
            {
                continue;
            }

            // Inserted in ordinal key order, which lets the line-protocol encoder skip its sort.
            var fields = new Dictionary<string, double>(7, StringComparer.Ordinal);
            Put(fields, WeatherVariables.DewPoint2m, record.DewPointC);
            Put(fields, WeatherVariables.Precipitation, record.Precipitation1hMm);
            Put(fields, Precipitation6h, record.Precipitation6hMm);
            Put(fields, PressureMsl, record.SeaLevelPressureHpa);
            Put(fields, WeatherVariables.Temperature2m, record.AirTemperatureC);
            Put(fields, WindDirection, record.WindDirectionDeg);
            Put(fields, WeatherVariables.WindSpeed10m, record.WindSpeedMs);
            if (fields.Count > 0)
            {
                yield return new ImportItem(new TimeSeriesPoint(Measurements.Observation, tags, fields, record.Time), null);
            }
        }
    }

    private static void Put(Dictionary<string, double> fields, string name, double? value)
    {
        if (value is { } v)
        {
            fields[name] = v;
        }
    }
}
