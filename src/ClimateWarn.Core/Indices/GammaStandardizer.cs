namespace ClimateWarn.Core.Indices;

/// <summary>
/// A calendar month's fitted climatology: the zero mass and Thom's gamma parameters of the non-zero accumulations.
/// </summary>
/// <param name="Count">Finite calibration accumulations of the month (n).</param>
/// <param name="Zeros">How many of them are exactly zero (n₀).</param>
/// <param name="Alpha">Gamma shape α, NaN when the month has too few non-zero accumulations or they are all equal.</param>
/// <param name="Beta">Gamma scale β (a scale, not a rate), NaN with <paramref name="Alpha"/>.</param>
internal readonly record struct MonthFit(int Count, int Zeros, double Alpha, double Beta)
{
    /// <summary>q, the share of zero accumulations used in the mixture P = q + (1 − q)·G(x).</summary>
    public double ZeroShare => Count == 0 ? double.NaN : (double)Zeros / Count;
}

/// <summary>
/// Turns accumulations into standard normal deviates (SPI and SPIW): per calendar month a gamma distribution is fitted
/// to the non-zero calibration accumulations with Thom's estimator, mixed with the zero mass, and mapped through Φ⁻¹.
/// </summary>
internal static class GammaStandardizer
{
    /// <summary>The index is clipped here: ±3.09 is the 0.1 % / 99.9 % quantile, beyond which a 30-year fit says nothing.</summary>
    public const double Limit = 3.09;

    public static double[] Standardize(IReadOnlyList<DateOnly> days, double[] sums, SpiCalibration calibration)
    {
        var fits = FitMonths(days, sums, calibration);
        var result = new double[sums.Length];
        for (var i = 0; i < sums.Length; i++)
        {
            var p = Probability(sums[i], fits[days[i].Month - 1], calibration.MinimumNonZeroSums);
            result[i] = double.IsNaN(p) ? double.NaN : Math.Clamp(SpecialFunctions.NormalQuantile(p), -Limit, Limit);
        }

        return result;
    }

    /// <summary>One fit per calendar month (index 0 = January) from the finite accumulations inside the calibration period.</summary>
    public static MonthFit[] FitMonths(IReadOnlyList<DateOnly> days, double[] sums, SpiCalibration calibration)
    {
        var samples = new List<double>[12];
        for (var m = 0; m < 12; m++)
        {
            samples[m] = [];
        }

        for (var i = 0; i < sums.Length; i++)
        {
            if (double.IsFinite(sums[i]) && calibration.Contains(days[i]))
            {
                samples[days[i].Month - 1].Add(sums[i]);
            }
        }

        return [.. samples.Select(s => Fit(s, calibration.MinimumNonZeroSums))];
    }

    /// <summary>
    /// Thom's (1958) maximum-likelihood approximation as DOMAIN §3 gives it: A = ln(mean) − mean(ln x),
    /// α = (1 + √(1 + 4A/3)) / (4A), β = mean / α, over the non-zero values only.
    /// </summary>
    public static MonthFit Fit(IReadOnlyCollection<double> sample, int minimumNonZero)
    {
        var nonZero = sample.Where(x => x > 0).ToList();
        var zeros = sample.Count - nonZero.Count;
        if (nonZero.Count < minimumNonZero || nonZero.Count == 0)
        {
            return new MonthFit(sample.Count, zeros, double.NaN, double.NaN);
        }

        var mean = nonZero.Average();
        var a = Math.Log(mean) - nonZero.Average(Math.Log);

        // A = 0 exactly when every value is equal (A ≥ 0 by Jensen): no spread, no distribution to fit.
        if (!(a > 0))
        {
            return new MonthFit(sample.Count, zeros, double.NaN, double.NaN);
        }

        var alpha = (1 + Math.Sqrt(1 + (4 * a / 3))) / (4 * a);
        return new MonthFit(sample.Count, zeros, alpha, mean / alpha);
    }

    /// <summary>
    /// Non-exceedance probability of <paramref name="x"/> under the month's mixed distribution.
    /// </summary>
    /// <remarks>
    /// A zero accumulation gets P = n₀ / (2(n + 1)): the centre of the zero mass, with the mass estimated by the Weibull
    /// plotting position n₀/(n + 1) as Stagge et al. (2015, Int. J. Climatol. 35:4027) recommend and the R package SCI does
    /// (p0.center.mass). The usual P = q puts a dry window at the top of the zero mass, so in a month that is usually dry
    /// a dry window reads as normal, and in a month whose calibration sums are all zero (q = 1) as +∞, i.e. "extremely
    /// wet". With this convention an all-zero month gives n/(2(n + 1)) &lt; ½: a finite, slightly negative SPI
    /// (about −0.001 for 30 years of daily sums), which is honest: dry is normal there. A zero needs no gamma fit, only
    /// <paramref name="minimumCount"/> calibration accumulations of any size. Non-zero values use q = n₀/n unchanged.
    /// </remarks>
    public static double Probability(double x, MonthFit fit, int minimumCount)
    {
        if (double.IsNaN(x) || x < 0)
        {
            return double.NaN;
        }

        if (x == 0)
        {
            return fit.Count < minimumCount ? double.NaN : fit.Zeros / (2.0 * (fit.Count + 1));
        }

        if (double.IsNaN(fit.Alpha))
        {
            return double.NaN;
        }

        var q = fit.ZeroShare;
        return q + ((1 - q) * SpecialFunctions.GammaP(fit.Alpha, x / fit.Beta));
    }
}
