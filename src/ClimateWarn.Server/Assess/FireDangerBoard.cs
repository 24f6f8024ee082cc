using System.Collections.Concurrent;
using ClimateWarn.Core;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.ForestFire;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Assess.Indices;
using ClimateWarn.Server.Assess.Rules;

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
        var record = await DailyRecord.ReadAsync(store, district, [DailyRecord.Rain], now.AddDays(-62), now, cancellationToken);
        var days = record.DaysWith(DailyRecord.Rain);
        var rain = days.ToDictionary(d => d, d => record.Get(d, DailyRecord.Rain));
        var fromStation = record.StationRain.Count;
        var source = days.Count == 0 ? null
            : fromStation == days.Count ? $"station {district.Station.Id} daily rain"
            : fromStation == 0 ? "ERA5 reanalysis daily rain (Open-Meteo archive)"
            : $"station {district.Station.Id} daily rain, ERA5 reanalysis (Open-Meteo archive) on days the station lacks";
        return (rain, source);
    }
}
