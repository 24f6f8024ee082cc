using System.Globalization;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Server.Ingest.Import;

public sealed record ImportProblem(string File, int Line, string Reason) { public override string ToString() => $"{File}:{Line}: {Reason}"; }

/// One parsed row: either a point or a problem (never both).
public readonly record struct ImportItem(TimeSeriesPoint? Point, ImportProblem? Problem);

public interface IHistoryParser
{
    /// "gsod", "cma-daily", "open-meteo-archive"
    string Format { get; }

    /// Streams the file: must not load a whole large file into memory (except the Open-Meteo JSON, which is one document).
    IEnumerable<ImportItem> Parse(TextReader reader, string file);
}

/// <summary>
/// What the station parsers share: one daily point per row, the field names they may fill and the plausibility
/// bounds of the names <see cref="WeatherVariables.IsPlausible"/> does not know, so both formats reject alike.
/// </summary>
internal static class DailyRows
{
    public const string Measurement = Measurements.ObservationDaily;

    public const string TemperatureMean = "temperature_2m_mean";
    public const string TemperatureMax = "temperature_2m_max";
    public const string TemperatureMin = "temperature_2m_min";
    public const string DewPointMean = "dew_point_2m_mean";
    public const string PrecipitationSum = "precipitation_sum";
    public const string WindSpeedMean = "wind_speed_10m_mean";
    public const string WindSpeedMax = "wind_speed_10m_max";
    public const string WindGustsMax = "wind_gusts_10m_max";
    public const string VisibilityMean = "visibility_mean";

    /// <summary>Returns why the value is absurd, or null when it may be stored.</summary>
    public static string? Implausible(string field, double value)
    {
        var ok = double.IsFinite(value) && field switch
        {
            TemperatureMean => value is >= -80 and <= 60,
            DewPointMean => value is >= -90 and <= 50,
            WindSpeedMean => value is >= 0 and <= 120,
            VisibilityMean => value is >= 0 and <= 200_000,
            _ => WeatherVariables.IsPlausible(field, value),
        };
        return ok ? null : string.Create(CultureInfo.InvariantCulture, $"{field} = {value:0.###} is not physically plausible");
    }

    public static ImportItem Point(string source, string wmoStation, DateTimeOffset day, Dictionary<string, double> fields) =>
        new(new TimeSeriesPoint(
            Measurement,
            new Dictionary<string, string>(StringComparer.Ordinal) { [Tags.Place] = "station:" + wmoStation, [Tags.Source] = source },
            fields,
            day.ToUniversalTime()), null);

    public static ImportItem Problem(string file, int line, string reason) => new(null, new ImportProblem(file, line, reason));
}
