using System.Globalization;
using System.Text.Json;
using ClimateWarn.Core;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Ingest.OpenMeteo;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Ingest.OpenMeteoArchive;

/// <summary>
/// Daily history per district from Open-Meteo's archive (ERA5 reanalysis) at the district seat: precipitation, Tmax,
/// Tmin and FAO-56 ET0, stored as observation_daily under the place <c>era5:&lt;district&gt;</c> with source
/// <c>open-meteo-archive</c>, so the drought indices can tell it from a station's imported history (which wins).
/// The first run backfills the whole history in calendar-aligned chunks; later runs skip every chunk already stored and
/// ask only for the recent days. The forecast mapper reads the answers (same shape), so bad values are refused alike.
/// </summary>
public sealed class OpenMeteoArchiveSource(IOpenMeteoArchiveApi api, IOptions<OpenMeteoArchiveOptions> options, ITimeSeriesStore store) : IForecastSource
{
    public const string SourceName = "open-meteo-archive";

    /// <summary>A chunk counts as stored when this share of its values is there (a few refused values do not refetch ten years daily).</summary>
    private const double CompleteShare = 0.95;

    public string Name => SourceName;

    /// <summary>The place the archive's days are stored under: reanalysis at the district seat, never a station's name.</summary>
    public static string PlaceOf(District district)
    {
        ArgumentNullException.ThrowIfNull(district);
        return "era5:" + district.Code;
    }

    public async Task<SourceBatch> FetchAsync(District district, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(district);
        var o = options.Value;
        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZones.Shanghai).DateTime).AddDays(-1);
        var recentFrom = last.AddDays(1 - o.RecentDays);
        var points = new List<TimeSeriesPoint>();
        var problems = new List<string>();
        int nulls = 0, rejected = 0;
        foreach (var (from, to) in Chunks(last.AddYears(-o.HistoryYears), recentFrom, o.ChunkYears).Append((recentFrom, last)))
        {
            if (to < recentFrom && await StoredAsync(district, from, to, cancellationToken))
            {
                continue;
            }

            var batch = await FetchChunkAsync(district, from, to, cancellationToken);
            points.AddRange(batch.Points);
            nulls += batch.NullsSkipped;
            rejected += batch.Rejected;
            problems.AddRange(batch.Problems);
        }

        return new SourceBatch(points, nulls, rejected, problems);
    }

    /// <summary>[from, before) cut at every ChunkYears-th 1 January, so the chunks stay the same from one day to the next.</summary>
    public static IEnumerable<(DateOnly From, DateOnly To)> Chunks(DateOnly first, DateOnly before, int chunkYears)
    {
        for (var from = first; from < before;)
        {
            var boundary = new DateOnly(from.Year - (from.Year % chunkYears) + chunkYears, 1, 1);
            var to = boundary < before ? boundary : before;
            yield return (from, to.AddDays(-1));
            from = to;
        }
    }

    private async Task<bool> StoredAsync(District district, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var expected = (to.DayNumber - from.DayNumber + 1) * ArchiveQuery.Fields.Count;
        var stored = await store.CountValuesAsync(Measurements.ObservationDaily, SourceName, [PlaceOf(district)], Midnight(from), Midnight(to), cancellationToken);
        return stored >= expected * CompleteShare;
    }

    private async Task<SourceBatch> FetchChunkAsync(District district, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var what = $"{district.Code} {from:yyyy-MM-dd}…{to:yyyy-MM-dd}";
        var cell = new GridCell(PlaceOf(district), district.Code, district.Seat, IsSeat: true);
        return await OpenMeteoResponses.ReadAsync(Name, what,
            () => api.GetArchiveAsync(Coordinate(district.Seat.Lat), Coordinate(district.Seat.Lon), Day(from), Day(to), ArchiveQuery.Daily, ArchiveQuery.Timezone, cancellationToken),
            root => ArchiveMapper.Map(root, cell, from, to, what),
            cancellationToken);
    }

    private static string Coordinate(double degrees) => degrees.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static DateTimeOffset Midnight(DateOnly d) => new(d.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
}

/// <summary>The forecast mapper on an archive answer, then relabelled: daily observations of the reanalysis, checked for missing days.</summary>
internal static class ArchiveMapper
{
    private const int LateDays = 7;

    public static SourceBatch Map(JsonElement root, GridCell cell, DateOnly from, DateOnly to, string what)
    {
        SourceBatch mapped;
        try
        {
            // "now" at the end of time: every archived day is past, an observation.
            mapped = OpenMeteoMapper.Map(root, [cell], DateTimeOffset.MaxValue);
        }
        catch (SourceException ex)
        {
            throw new SourceException(OpenMeteoArchiveSource.SourceName, $"{what}: {ex.Message}", ex.Transient, ex);
        }

        var days = new HashSet<DateOnly>();
        var points = new List<TimeSeriesPoint>();
        foreach (var p in mapped.Points.Where(p => p.Measurement == OpenMeteoMapper.DailyMeasurement))
        {
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(p.Timestamp, TimeZones.Shanghai).DateTime);
            if (day < from || day > to)
            {
                continue;
            }

            days.Add(day);
            points.Add(p with
            {
                Measurement = Measurements.ObservationDaily,
                Tags = new Dictionary<string, string>(StringComparer.Ordinal) { [Tags.Place] = cell.Id, [Tags.Source] = OpenMeteoArchiveSource.SourceName },
            });
        }

        var problems = mapped.Problems.Select(p => $"{what}: {p}").ToList();
        // ERA5 reaches the archive about five days late: the last week may be empty without anything being wrong.
        var missing = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays)
            .Count(d => !days.Contains(d) && d < to.AddDays(-LateDays));
        if (missing > 0)
        {
            // Days without a single value (absent from the answer, or all null): a gap, said once with its size.
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{what}: {missing} days have no value (a gap in the answer)"));
        }

        return new SourceBatch(points, mapped.NullsSkipped, mapped.Rejected, problems);
    }
}
