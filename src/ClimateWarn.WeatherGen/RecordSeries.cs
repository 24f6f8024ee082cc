namespace ClimateWarn.WeatherGen;

/// <summary>
/// A series whose truth is a REAL daily record (ERA5 reanalysis from the archive API, or a station's daily summary) in
/// place of the generator's: the same shape the models train on, so the heavy-rain, flood and drought trainers can learn
/// from the bureau's own history (issue 14: the ERA5 retraining path, whose trainer and verb are still to come). Only
/// the forecasts are made up — the truth with <see cref="ForecastErrors"/>' assumed error, drawn once from
/// <paramref name="seed"/> — and whoever trains on it must say so. Missing days (NaN) are refused: the reservoir and the
/// indices need a continuous record.
/// </summary>
public static class RecordSeries
{
    /// <param name="peakHourlyMm">The day's largest hourly amount where the record has hours; null days take the generator's cold-season share (0.25 of the day).</param>
    public static SyntheticSeries From(DistrictClimate climate, DateOnly first, IReadOnlyList<double> precipitationMm, IReadOnlyList<double> minimumC,
        IReadOnlyList<double> maximumC, IReadOnlyList<double?>? peakHourlyMm, int seed)
    {
        ArgumentNullException.ThrowIfNull(climate);
        ArgumentNullException.ThrowIfNull(precipitationMm);
        ArgumentNullException.ThrowIfNull(minimumC);
        ArgumentNullException.ThrowIfNull(maximumC);
        var days = precipitationMm.Count;
        if (minimumC.Count != days || maximumC.Count != days || (peakHourlyMm is not null && peakHourlyMm.Count != days))
        {
            throw new ArgumentException($"the record's columns differ in length: precipitation {days}, minimum {minimumC.Count}, maximum {maximumC.Count}, peak {peakHourlyMm?.Count}");
        }

        var series = new SyntheticSeries(climate, first, days);
        for (var i = 0; i < days; i++)
        {
            var (p, lo, hi) = (precipitationMm[i], minimumC[i], maximumC[i]);
            if (!double.IsFinite(p) || !double.IsFinite(lo) || !double.IsFinite(hi) || p < 0 || lo > hi)
            {
                throw new ArgumentException($"{first.AddDays(i):yyyy-MM-dd}: the record has no usable day (precipitation {p}, minimum {lo}, maximum {hi})");
            }

            series.Precipitation[i] = p;
            series.PeakHourly[i] = Math.Min(p, peakHourlyMm?[i] ?? (p * 0.25));
            series.TemperatureMin[i] = lo;
            series.TemperatureMax[i] = hi;
        }

        LinearReservoir.Run(climate.Catchment, series.Precipitation, series.Discharge);
        ForecastErrors.Issue(series, new SplitMix(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ ulong.Parse(climate.District, System.Globalization.CultureInfo.InvariantCulture)));
        return series;
    }
}
