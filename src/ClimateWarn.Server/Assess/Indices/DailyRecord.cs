using ClimateWarn.Core;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Ingest.OpenMeteoArchive;

namespace ClimateWarn.Server.Assess.Indices;

/// <summary>
/// A district's daily record (observation_daily) as the drought indices and the fire danger read it: per Beijing day and
/// field the representative station's value, else the ERA5 reanalysis' at the seat (the Open-Meteo archive source). A
/// station value always wins for its day and field; <see cref="StationRain"/> says on which days the rain is the station's.
/// </summary>
public sealed class DailyRecord
{
    public const string Rain = "precipitation_sum";

    private readonly Dictionary<DateOnly, Dictionary<string, double>> _days = [];
    private readonly HashSet<DateOnly> _stationRain = [];

    private DailyRecord(District district)
    {
        Station = "station:" + district.Station.Id;
        Archive = OpenMeteoArchiveSource.PlaceOf(district);
    }

    /// <summary>The station's place in the store ("station:53704").</summary>
    public string Station { get; }

    /// <summary>The reanalysis' place in the store (<see cref="OpenMeteoArchiveSource.PlaceOf"/>).</summary>
    public string Archive { get; }

    /// <summary>The days whose rain is the station's (the others with rain are the reanalysis').</summary>
    public IReadOnlySet<DateOnly> StationRain => _stationRain;

    /// <summary>The day's value of a field, NaN where neither the station nor the reanalysis has it.</summary>
    public double Get(DateOnly day, string field) => _days.TryGetValue(day, out var row) && row.TryGetValue(field, out var v) ? v : double.NaN;

    /// <summary>The days that have a value of <paramref name="field"/>, ascending.</summary>
    public IReadOnlyList<DateOnly> DaysWith(string field) => [.. _days.Where(d => d.Value.ContainsKey(field)).Select(d => d.Key).Order()];

    public static async Task<DailyRecord> ReadAsync(ITimeSeriesStore store, District district, IReadOnlyCollection<string> fields,
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(district);
        var record = new DailyRecord(district);
        var values = await store.ReadAsync(new TimeSeriesQuery(Measurements.ObservationDaily, [record.Station, record.Archive], fields, from, to), cancellationToken);
        // The station's values are applied last, so they overwrite the reanalysis' for their day and field.
        foreach (var v in values.OrderBy(v => v.Place == record.Station))
        {
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(v.Timestamp, TimeZones.Shanghai).DateTime);
            var row = record._days.TryGetValue(day, out var r) ? r : record._days[day] = new Dictionary<string, double>(StringComparer.Ordinal);
            row[v.Field] = v.Value;
            if (v.Place == record.Station && v.Field == Rain)
            {
                record._stationRain.Add(day);
            }
        }

        return record;
    }
}
