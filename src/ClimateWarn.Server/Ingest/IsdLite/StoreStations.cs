using ClimateWarn.Core.Stations;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Store.Ops;

namespace ClimateWarn.Server.Ingest.IsdLite;

/// <summary>
/// Station records as the store holds them: every station the ledger says was imported from ISD-Lite, read back over
/// the imported range. The same readings as the files, so training from the store gives the same model.
/// </summary>
public static class StoreStations
{
    private static readonly string[] Fields =
        [WeatherVariables.Temperature2m, WeatherVariables.DewPoint2m, WeatherVariables.WindSpeed10m, IsdLiteHistoryParser.Precipitation6h];

    public static async Task<IReadOnlyList<StationRecord>> ReadAsync(ITimeSeriesStore store, OpsDatabase ops, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(ops);
        var imports = (await ops.LedgerAsync(100_000, latestPerKey: true, cancellationToken))
            .Where(r => r.Source == "isd-lite" && r.Measurement == Measurements.Observation && r.RangeFrom is not null)
            .SelectMany(r => r.Places.Select(p => (Place: p, r.RangeFrom, r.RangeTo)))
            .GroupBy(x => x.Place, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        var records = new List<StationRecord>();
        foreach (var station in imports)
        {
            var from = station.Min(x => x.RangeFrom!.Value);
            var to = station.Max(x => x.RangeTo!.Value).AddTicks(1);
            var values = await store.ReadAsync(new TimeSeriesQuery(Measurements.Observation, [station.Key], Fields, from, to), cancellationToken);
            var readings = values.GroupBy(v => v.Timestamp).Select(g =>
            {
                double F(string f) => g.Where(v => v.Field == f).Select(v => v.Value).DefaultIfEmpty(double.NaN).First();
                return new StationReading(g.Key, F(WeatherVariables.Temperature2m), F(WeatherVariables.DewPoint2m), F(WeatherVariables.WindSpeed10m), F(IsdLiteHistoryParser.Precipitation6h));
            });
            records.Add(new StationRecord(station.Key.Replace("station:", string.Empty, StringComparison.Ordinal), readings));
        }

        return records;
    }
}
