using System.Collections.Concurrent;
using ClimateWarn.Core;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.ForestFire;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Ingest.OpenMeteoArchive;

namespace ClimateWarn.Server.Assess;

/// <summary>
/// The forest and grassland fire danger of every district, rated at each assessment on the seat's hourly weather and the
/// district's daily rain record (the station's where imported, else the ERA5 reanalysis the archive source stores): the
/// latest rating per district for <c>GET /api/fire-danger</c>, and the signal where the hazard's file lists the district.
/// </summary>
public sealed class FireDangerBoard(ITimeSeriesStore store, HazardConfiguration hazards)
{
    private readonly ConcurrentDictionary<string, FireDangerRating> _latest = new(StringComparer.Ordinal);

    /// <summary>The hazard's table when forest-fire is in force; null otherwise (nothing is rated).</summary>
    public ForestFireThresholds? Thresholds => hazards.Table.Rules.OfType<HazardRule<ForestFireThresholds>>().FirstOrDefault()?.Typed;

    public FireDangerRating? For(string district) => _latest.GetValueOrDefault(district);

    /// <summary>Rates the district on its seat's weather; the signal (only where configured) and whether the rating is unknown there.</summary>
    public async Task<(HazardSignal? Signal, bool Unknown)> RateAsync(District district, HourlyWeather seat, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(district);
        if (Thresholds is not { } thresholds)
        {
            return (null, false);
        }

        var (rain, source) = await DailyRainAsync(district, now, cancellationToken);
        var rating = ForestFireAssessor.Rate(district.Code, seat, now, TimeZones.Shanghai, rain, source, thresholds.Index);
        _latest[district.Code] = rating;
        if (!thresholds.SignalsIn(district.Code))
        {
            return (null, false);
        }

        // Today unrated (inputs missing): unknown, so a warning in force stands; never "no danger".
        return rating.Days[0] is null ? (null, true) : (ForestFireAssessor.Signal(rating, thresholds, now, TimeZones.Shanghai), false);
    }

    private async Task<(Dictionary<DateOnly, double> Rain, string? Source)> DailyRainAsync(District district, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var station = "station:" + district.Station.Id;
        var era5 = OpenMeteoArchiveSource.PlaceOf(district);
        var values = await store.ReadAsync(new TimeSeriesQuery(Measurements.ObservationDaily, [station, era5], ["precipitation_sum"], now.AddDays(-62), now), cancellationToken);
        var rain = new Dictionary<DateOnly, double>();
        // The station's day wins over the reanalysis' (ordered last).
        foreach (var v in values.OrderBy(v => v.Place == station))
        {
            rain[DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(v.Timestamp, TimeZones.Shanghai).DateTime)] = v.Value;
        }

        var source = values.Any(v => v.Place == station) ? $"station {district.Station.Id} daily rain"
            : values.Count > 0 ? "ERA5 reanalysis daily rain (Open-Meteo archive)" : null;
        return (rain, source);
    }
}
