using System.Collections.Concurrent;
using System.Globalization;
using ClimateWarn.Core;
using ClimateWarn.Core.Indices;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Assess.Indices;

public sealed record IndexValue(string Index, double Value, DroughtClass Class);

/// <summary>A district's indices on its latest day with data, or why there are none; <see cref="Basis"/> says from what data.</summary>
public sealed record DistrictIndices(string District, string Station, string Status, DateOnly? Day, IReadOnlyList<IndexValue> Values, int HistoryDays)
{
    public IndicesBasis Basis { get; init; } = IndicesBasis.None;
}

/// <summary>
/// Daily drought indices per district from the daily history in the store (observation_daily: precipitation_sum,
/// temperature_2m_min/max): the representative station's, fed by the GSOD and CMA importers, and where a day has no
/// station value the ERA5 reanalysis' at the district seat (the Open-Meteo archive source). A station value always wins
/// for its day and field; <see cref="DistrictIndices.Basis"/> says which data the indices rest on. PET is Hargreaves from
/// Tmin/Tmax (FAO-56 eq. 52), the variables a station history has, and the archive's FAO-56 ET0 only for a day without
/// temperatures. A history too short for the calibration period is reported as such; indices that cannot be computed
/// are NaN and class Unknown, never "no drought".
/// </summary>
public sealed class DroughtIndexService(ITimeSeriesStore store, PlaceCatalog places, IndicesConfig config, PipelineClock clock)
{
    /// <summary>The measurement of the daily indices this service stores, one point per district and day.</summary>
    public const string Measurement = "index";

    private static readonly string[] Fields = ["precipitation_sum", "temperature_2m_min", "temperature_2m_max", "et0_fao_evapotranspiration"];
    private readonly ConcurrentDictionary<string, DistrictIndices> _latest = new(StringComparer.Ordinal);

    public DistrictIndices? For(string district) => _latest.GetValueOrDefault(district);

    public async Task<IReadOnlyList<DistrictIndices>> ComputeAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.Now, TimeZones.Shanghai).DateTime);
        var result = new List<DistrictIndices>();
        foreach (var district in places.Districts)
        {
            var computed = await ComputeAsync(district, today, cancellationToken);
            _latest[district.Code] = computed;
            result.Add(computed);
        }

        return result;
    }

    private async Task<DistrictIndices> ComputeAsync(District district, DateOnly today, CancellationToken cancellationToken)
    {
        var from = today.AddYears(-config.HistoryYears);
        var record = await DailyRecord.ReadAsync(store, district, Fields, Midnight(from), Midnight(today.AddDays(1)), cancellationToken);
        var (station, archive, stationRain) = (record.Station, record.Archive, record.StationRain);
        var withRain = record.DaysWith(DailyRecord.Rain);
        if (withRain.Count == 0)
        {
            return new DistrictIndices(district.Code, station, $"no daily precipitation for {station} or {archive} in the store: import the station's history (GSOD or CMA daily) or enable the Open-Meteo archive source", null, [], 0);
        }

        var first = withRain.Min();
        var last = withRain.Max();
        var days = Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays).ToList();
        double Get(DateOnly d, string f) => record.Get(d, f);
        var rain = days.Select(d => Get(d, "precipitation_sum")).ToList();
        var site = new PetSite(district.Seat.Lat, 0);
        var pet = days.Select(d => double.IsNaN(Get(d, "temperature_2m_min")) || double.IsNaN(Get(d, "temperature_2m_max")) ? Get(d, "et0_fao_evapotranspiration")
            : Pet.Hargreaves(new PetInputs(d, Get(d, "temperature_2m_min"), Get(d, "temperature_2m_max")), site)).ToList();
        var spi = new Dictionary<int, double[]>();
        foreach (var window in new[] { 30, 60, 90, 150 })
        {
            spi[window] = Spi.Compute(days, rain, window, config.Calibration);
        }

        var spiw = Spiw.Compute(days, rain, config.Calibration);
        var mi = Mi.Compute(days, rain, pet);
        var i = days.Count - 1;
        var mci = Mci.Compute(last.Month, spiw[i], mi[i], spi[90][i], spi[150][i], config.MciWeights, config.Ka);
        IndexValue V(string name, double v, bool isMi = false) => new(name, v, isMi ? DroughtClasses.OfMi(v) : DroughtClasses.OfIndex(v));
        var list = new List<IndexValue>
        {
            V("spi30", spi[30][i]), V("spi60", spi[60][i]), V("spi90", spi[90][i]), V("spi150", spi[150][i]),
            V("spiw60", spiw[i]), V("mi30", mi[i], isMi: true), V("mci", mci),
        };
        await StoreAsync(district.Code, days, spi, spiw, mi, cancellationToken);
        var status = double.IsFinite(spi[90][i]) ? "ok"
            : string.Create(CultureInfo.InvariantCulture, $"insufficient history: {withRain.Count} days of daily precipitation for {station} ({first:yyyy-MM-dd} to {last:yyyy-MM-dd}); SPI needs the calibration period {config.CalibrationFrom:yyyy-MM-dd} to {config.CalibrationTo:yyyy-MM-dd} with at least {config.MinimumNonZeroSums} non-zero sums per month");
        var basis = await IndicesBasis.DescribeAsync(store, district.Station.Id, station, stationRain, withRain, last, config, cancellationToken);
        return new DistrictIndices(district.Code, station, status, last, list, withRain.Count) { Basis = basis };
    }

    private async Task StoreAsync(string district, List<DateOnly> days, Dictionary<int, double[]> spi, double[] spiw, double[] mi, CancellationToken cancellationToken)
    {
        var points = new List<TimeSeriesPoint>();
        for (var k = Math.Max(0, days.Count - config.StoreDays); k < days.Count; k++)
        {
            var fields = new Dictionary<string, double>(StringComparer.Ordinal);
            void Put(string name, double v)
            {
                if (double.IsFinite(v))
                {
                    fields[name] = v;
                }
            }

            Put("spi30", spi[30][k]);
            Put("spi60", spi[60][k]);
            Put("spi90", spi[90][k]);
            Put("spi150", spi[150][k]);
            Put("spiw60", spiw[k]);
            Put("mi30", mi[k]);
            Put("mci", Mci.Compute(days[k].Month, spiw[k], mi[k], spi[90][k], spi[150][k], config.MciWeights, config.Ka));
            if (fields.Count > 0)
            {
                points.Add(new TimeSeriesPoint(Measurement, new Dictionary<string, string>(StringComparer.Ordinal) { [Tags.Place] = district, [Tags.Source] = "climatewarn" }, fields, Midnight(days[k])));
            }
        }

        await store.WriteAsync(points, cancellationToken);
    }

    private static DateTimeOffset Midnight(DateOnly d) => new(d.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
}
