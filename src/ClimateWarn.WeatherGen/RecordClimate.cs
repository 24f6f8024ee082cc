namespace ClimateWarn.WeatherGen;

/// <summary>
/// A district's generator parameters measured from a real daily record (ERA5 reanalysis, a station's summaries) rather
/// than assumed: so any bureau gets a <see cref="DistrictClimate"/> from its configuration (code, name, seat latitude,
/// catchment) and its own history, for <see cref="RecordSeries"/> or to generate weather on its own scale. Wet day:
/// ≥ 0.1 mm. Persistence ρ from p11 = π + ρ(1 − π) over the whole record; the temperature harmonic's amplitude from the
/// warmest and coldest calendar months' mean.
/// </summary>
public static class RecordClimate
{
    public static DistrictClimate Fit(string district, string name, double latitude, Catchment catchment, DateOnly first,
        IReadOnlyList<double> precipitationMm, IReadOnlyList<double> minimumC, IReadOnlyList<double> maximumC)
    {
        ArgumentNullException.ThrowIfNull(precipitationMm);
        ArgumentNullException.ThrowIfNull(minimumC);
        ArgumentNullException.ThrowIfNull(maximumC);
        ArgumentNullException.ThrowIfNull(catchment);
        var days = precipitationMm.Count;
        if (days < 365 || minimumC.Count != days || maximumC.Count != days)
        {
            throw new ArgumentException($"{district}: a climate needs at least a year of complete days with every column (got {days})");
        }

        var monthTotal = new double[12];
        var monthDays = new double[12];
        var monthWet = new double[12];
        var monthMean = new double[12];
        double wetAfterWet = 0, afterWet = 0, meanSum = 0, rangeSum = 0;
        for (var i = 0; i < days; i++)
        {
            var m = first.AddDays(i).Month - 1;
            var wet = precipitationMm[i] >= 0.1;
            monthTotal[m] += precipitationMm[i];
            monthDays[m]++;
            monthWet[m] += wet ? 1 : 0;
            var mean = (minimumC[i] + maximumC[i]) / 2;
            monthMean[m] += mean;
            meanSum += mean;
            rangeSum += maximumC[i] - minimumC[i];
            if (i > 0 && precipitationMm[i - 1] >= 0.1)
            {
                afterWet++;
                wetAfterWet += wet ? 1 : 0;
            }
        }

        var total = monthTotal.Sum();
        var years = days / 365.25;
        var share = monthTotal.Select(t => total > 0 ? t / total : 1.0 / 12).ToArray();
        // A month that never rained keeps a tiny chance, so the generator's mean wet-day amount stays finite.
        var wetProbability = Enumerable.Range(0, 12).Select(m => monthDays[m] == 0 ? 0.01 : Math.Max(0.01, monthWet[m] / monthDays[m])).ToArray();
        var pi = monthWet.Sum() / days;
        var p11 = afterWet == 0 ? pi : wetAfterWet / afterWet;
        var rho = pi >= 1 ? 0 : Math.Clamp((p11 - pi) / (1 - pi), 0, 0.9);
        var monthly = Enumerable.Range(0, 12).Where(m => monthDays[m] > 0).Select(m => monthMean[m] / monthDays[m]).ToList();
        return new DistrictClimate(district, name, latitude, total / years, share, wetProbability, rho, meanSum / days,
            (monthly.Max() - monthly.Min()) / 2, rangeSum / days, catchment);
    }
}
