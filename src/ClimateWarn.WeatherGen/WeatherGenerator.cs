namespace ClimateWarn.WeatherGen;

/// <summary>
/// A seeded Richardson-type daily weather generator, SYNTHETIC by construction. Per district: precipitation occurrence
/// by a first-order two-state Markov chain with monthly wet-day probability π and lag-one persistence ρ
/// (p11 = π + ρ(1 − π), p01 = π(1 − ρ)); wet-day amounts from a mixed exponential (70 % light, mean μ/2; 30 % heavy,
/// mean 13μ/6, so the mean is the month's μ); the peakest hour a share of the day's total, larger in the convective
/// months June–August; temperature a seasonal harmonic plus an AR(1) anomaly, wet days cooler by day and milder by
/// night. Forecasts for the issue day and the next two carry a documented error (timing slips, misses, false
/// alarms, log-normal amount error growing with lead). The same seed gives the same series, bit for bit.
/// </summary>
public static class WeatherGenerator
{
    private const double LightShare = 0.7;
    private const double LightMean = 0.5;
    private const double HeavyMean = (1 - (LightShare * LightMean)) / (1 - LightShare);
    private const double AnomalyPersistence = 0.75;

    public static SyntheticSeries Generate(DistrictClimate climate, int firstYear, int years, int seed)
    {
        ArgumentNullException.ThrowIfNull(climate);
        ArgumentOutOfRangeException.ThrowIfLessThan(years, 1);
        var first = new DateOnly(firstYear, 1, 1);
        var days = first.AddYears(years).DayNumber - first.DayNumber;
        var series = new SyntheticSeries(climate, first, days);
        var random = new SplitMix(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ ulong.Parse(climate.District, System.Globalization.CultureInfo.InvariantCulture));
        var wet = false;
        var anomaly = 0.0;
        for (var i = 0; i < days; i++)
        {
            var day = series.Day(i);
            var m = day.Month;
            var pi = climate.WetDayProbability[m - 1];
            var p = wet ? pi + (climate.WetPersistence * (1 - pi)) : pi * (1 - climate.WetPersistence);
            wet = random.Uniform() < p;
            var mu = climate.MeanWetDayAmount(m);
            var amount = 0.0;
            var peak = 0.0;
            if (wet)
            {
                // The 0.1 mm floor of a wet day comes out of the month's mean, so the monthly totals keep their calibration.
                var rest = mu - 0.1;
                amount = 0.1 + random.Exponential(random.Uniform() < LightShare ? LightMean * rest : HeavyMean * rest);
                var u = random.Uniform();
                var share = m is >= 6 and <= 8 ? 0.3 + (0.6 * u * u) : 0.12 + (0.25 * u);
                peak = amount * Math.Min(1, share);
            }

            series.Precipitation[i] = Math.Round(amount, 1);
            series.PeakHourly[i] = Math.Min(series.Precipitation[i], Math.Round(peak, 1));
            var season = climate.AnnualMeanTemperatureC - (climate.TemperatureAmplitudeC * Math.Cos(2 * Math.PI * (day.DayOfYear - 15) / 365.25));
            var sd = 2.0 + (1.2 * Math.Cos(2 * Math.PI * (day.DayOfYear - 15) / 365.25));
            anomaly = (AnomalyPersistence * anomaly) + (sd * Math.Sqrt(1 - (AnomalyPersistence * AnomalyPersistence)) * random.Normal());
            var mean = season + anomaly;
            var half = climate.DiurnalRangeC / 2;
            series.TemperatureMax[i] = Math.Round(mean + half - (wet ? 2.5 : 0), 1);
            series.TemperatureMin[i] = Math.Round(mean - half + (wet ? 1.0 : 0), 1);
        }

        LinearReservoir.Run(climate.Catchment, series.Precipitation, series.Discharge);
        ForecastErrors.Issue(series, random);
        return series;
    }

    /// <summary>All districts of a calibration, each with its own stream from the one seed.</summary>
    public static IReadOnlyList<SyntheticSeries> Generate(IEnumerable<DistrictClimate> districts, int firstYear, int years, int seed) =>
        [.. districts.Select(d => Generate(d, firstYear, years, seed))];
}
