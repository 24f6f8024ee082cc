namespace ClimateWarn.Core.Indices;

/// <summary>
/// Standardised precipitation index on daily data (McKee et al. 1993, as DOMAIN §3 specifies it): rolling precipitation
/// sums, a gamma distribution per calendar month fitted by Thom's estimator over the calibration period, Φ⁻¹, ±3.09.
/// </summary>
public static class Spi
{
    /// <summary>
    /// SPI of the <paramref name="windowDays"/>-day precipitation sum ending on each day (the day included).
    /// </summary>
    /// <param name="days">Consecutive days; a missing day is present with NaN precipitation.</param>
    /// <param name="dailyPrecipMm">Daily precipitation, mm; NaN (or a negative value) marks a missing day.</param>
    /// <param name="windowDays">Accumulation window, e.g. 30, 90 or 150.</param>
    /// <param name="calibration">The period and minimum sample the monthly fits use.</param>
    /// <returns>
    /// One value per day. NaN where the window is incomplete (the first windowDays − 1 days), where any day in the window
    /// is missing, and for non-zero sums of a calendar month with fewer than
    /// <see cref="SpiCalibration.MinimumNonZeroSums"/> non-zero calibration sums (no fit is attempted). A zero sum is
    /// placed at the centre of the month's zero mass (see <c>GammaStandardizer.Probability</c>), so a month that is
    /// always dry gives a finite, slightly negative value rather than +3.09.
    /// </returns>
    public static double[] Compute(IReadOnlyList<DateOnly> days, IReadOnlyList<double> dailyPrecipMm, int windowDays, SpiCalibration calibration)
    {
        DailySeries.Require(days, dailyPrecipMm, nameof(dailyPrecipMm));
        DailySeries.RequireWindow(windowDays, nameof(windowDays));
        ArgumentNullException.ThrowIfNull(calibration);
        calibration.Validate();
        return GammaStandardizer.Standardize(days, DailySeries.WindowSums(dailyPrecipMm, windowDays), calibration);
    }
}
