using ClimateWarn.Core;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Risk.Synthetic;
using ClimateWarn.WeatherGen;

namespace ClimateWarn.Server.Assess.Models;

/// <summary>
/// The live <see cref="IssueView"/> of a grid cell at the run time: the forecast's three 24-hour windows from now
/// (total, peak hour, maximum temperature; NaN for a window with fewer than 20 forecast hours), the past daily
/// precipitation and the district's drought indices. The past comes from the district station's daily history in the
/// store when it covers <see cref="IssueView.WarmUpDays"/> days up to two days ago (then the flood proxy and the
/// antecedent precipitation can be computed), otherwise from the cell's own observed hours (heavy rain needs only
/// the last three days). Live forecasts have no discharge: the flood model's discharge is the same proxy it was
/// trained on, computed from this precipitation through the district's catchment in config/districts.json; a district
/// without one gets a view with no discharge (heavy rain and drought are scored, flood is not). Any configured district
/// gets a view: the models were trained on a world calibrated to Zhongwei, which their cards state.
/// </summary>
public static class LiveIssueView
{
    private const int MinimumHoursPerWindow = 20;

    public static IssueView Build(string place, District district, DateTimeOffset now, IReadOnlyList<TimeSeriesValue> hourly,
        IReadOnlyList<(DateOnly Day, double Precipitation)> stationDaily, DroughtState drought)
    {
        ArgumentNullException.ThrowIfNull(district);
        ArgumentNullException.ThrowIfNull(hourly);
        ArgumentNullException.ThrowIfNull(stationDaily);

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZones.Shanghai).DateTime);
        var rain = hourly.Where(v => v.Field == WeatherVariables.Precipitation).ToList();
        var temperature = hourly.Where(v => v.Field == WeatherVariables.Temperature2m).ToList();
        var total = new double[3];
        var peak = new double[3];
        var maximum = new double[3];
        for (var k = 0; k < 3; k++)
        {
            var from = now.AddHours(24 * k);
            var window = rain.Where(v => v.Timestamp > from && v.Timestamp <= from.AddHours(24)).Select(v => v.Value).ToList();
            var warm = temperature.Where(v => v.Timestamp > from && v.Timestamp <= from.AddHours(24)).Select(v => v.Value).ToList();
            total[k] = window.Count >= MinimumHoursPerWindow ? window.Sum() : double.NaN;
            peak[k] = window.Count >= MinimumHoursPerWindow ? window.Max() : double.NaN;
            maximum[k] = warm.Count > 0 ? warm.Max() : double.NaN;
        }

        return new IssueView(place, today, Past(today, now, rain, stationDaily), drought, total, peak, maximum, Proxy(district.Catchment));
    }

    /// <summary>The configured catchment as the reservoir proxy takes it.</summary>
    internal static Catchment? Proxy(DistrictCatchment? c) => c is null ? null
        : new Catchment(c.Name, c.AreaKm2, c.BaseFlowM3s, c.InitialLossMm, c.RunoffMin, c.RunoffMax, c.ApiSaturationMm, c.ApiDecay, c.ReservoirRecession, c.FloodThresholdM3s);

    private static List<double> Past(DateOnly today, DateTimeOffset now, List<TimeSeriesValue> rain, IReadOnlyList<(DateOnly Day, double Precipitation)> stationDaily)
    {
        var byDay = stationDaily.Where(d => d.Day < today).GroupBy(d => d.Day).ToDictionary(g => g.Key, g => g.First().Precipitation);
        if (byDay.Count > 0 && byDay.Keys.Max() >= today.AddDays(-2))
        {
            var first = today.AddDays(-IssueView.WarmUpDays);
            var days = Enumerable.Range(0, IssueView.WarmUpDays).Select(first.AddDays).ToList();
            if (days.Count(byDay.ContainsKey) >= IssueView.WarmUpDays - 5)
            {
                // A missing day (or the last one or two not yet imported) counts as dry.
                return [.. days.Select(d => byDay.GetValueOrDefault(d, 0))];
            }
        }

        var observed = rain.Where(v => v.Timestamp <= now)
            .GroupBy(v => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(v.Timestamp, TimeZones.Shanghai).DateTime))
            .Where(g => g.Key < today && g.Count() >= MinimumHoursPerWindow)
            .ToDictionary(g => g.Key, g => g.Sum(v => v.Value));
        var past = new List<double>();
        for (var d = today.AddDays(-1); observed.TryGetValue(d, out var sum); d = d.AddDays(-1))
        {
            past.Insert(0, sum);
        }

        return past;
    }
}
