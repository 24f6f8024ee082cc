using System.Text.Json;
using ClimateWarn.Core.Places;
using ClimateWarn.Server.Ingest.OpenMeteo;

namespace ClimateWarn.Server.Ingest.Import;

/// <summary>
/// An Open-Meteo archive-api response (ERA5), which has the forecast API's shape, for one grid cell. The forecast
/// mapper does the work, so names, units and plausibility stay in one place; with "now" at the end of time every hour
/// is an observation. The whole document is read at once: JSON has no lines to stream and one cell-year is small.
/// </summary>
public sealed class OpenMeteoArchiveParser : IHistoryParser
{
    private readonly GridCell _cell;

    public OpenMeteoArchiveParser(GridCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        _cell = cell;
    }

    public string Format => "open-meteo-archive";

    public IEnumerable<ImportItem> Parse(TextReader reader, string file)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(file);
        return Map(reader.ReadToEnd(), file);
    }

    private IEnumerable<ImportItem> Map(string json, string file)
    {
        SourceBatch batch;
        try
        {
            using var document = JsonDocument.Parse(json);
            batch = OpenMeteoMapper.Map(document.RootElement, [_cell], DateTimeOffset.MaxValue);
        }
        catch (JsonException e)
        {
            // JsonException counts lines from 0; problems count them from 1.
            return [DailyRows.Problem(file, (int)(e.LineNumber ?? -1) + 1, $"not JSON: {e.Message}")];
        }
        catch (SourceException e)
        {
            return [DailyRows.Problem(file, 0, e.Message)];
        }

        // The mapper names daily values "forecast_daily"; archived days are past, so they join the station dailies.
        var points = batch.Points.Select(p => new ImportItem(
            p.Measurement == OpenMeteoMapper.DailyMeasurement ? p with { Measurement = DailyRows.Measurement } : p, null));

        // Values the mapper refused (absurd or non-numeric) are reported, not dropped in silence; nulls are just gaps.
        var problems = batch.Problems.Select(reason => DailyRows.Problem(file, 0, reason)).ToList();
        if (batch.Rejected > batch.Problems.Count)
        {
            problems.Add(DailyRows.Problem(file, 0, $"and {batch.Rejected - batch.Problems.Count} more values refused for the same kinds of reasons"));
        }

        return [.. points, .. problems];
    }
}
