namespace ClimateWarn.Core.Indices;

/// <summary>
/// SPIW60, the standardised weighted precipitation index of GB/T 20481-2017 (气象干旱等级), the first term of the MCI.
/// </summary>
/// <remarks>
/// Formula followed as the standard publishes it (after Lu 2009's weighted average of precipitation, WAP):
/// WAP = Σ_{n=0}^{59} aⁿ·P_n, where P_n is the precipitation n days before the day (n = 0 is the day itself) and a = 0.9
/// is the standard's contribution parameter; WAP is then standardised exactly like the SPI (gamma per calendar month,
/// Thom's estimator, zero mass, Φ⁻¹, ±3.09). Lu's normalising factor (1 − a) is left out on purpose: the gamma fit is
/// scale-free (β absorbs it), so the index is identical with or without it.
/// Uncertain: the text of the standard was not at hand to confirm whether the sum stops at n = 59 or n = 60; the extra
/// term weighs a⁶⁰ ≈ 0.0018 and cannot move a class. The decay and the window are arguments so configuration can change
/// them. With a = 0.9 half of the weight lies in the last 7 days and 88 % in the last 20.
/// </remarks>
public static class Spiw
{
    /// <summary>The standard's contribution parameter a.</summary>
    public const double DefaultDecay = 0.9;

    /// <summary>The standard's 60-day window.</summary>
    public const int DefaultWindowDays = 60;

    /// <summary>SPIW for each day; NaN under the same rules as <see cref="Spi.Compute"/>.</summary>
    public static double[] Compute(
        IReadOnlyList<DateOnly> days,
        IReadOnlyList<double> dailyPrecipMm,
        SpiCalibration calibration,
        double decay = DefaultDecay,
        int windowDays = DefaultWindowDays)
    {
        DailySeries.Require(days, dailyPrecipMm, nameof(dailyPrecipMm));
        DailySeries.RequireWindow(windowDays, nameof(windowDays));
        ArgumentNullException.ThrowIfNull(calibration);
        calibration.Validate();
        if (!(decay > 0 && decay <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "The decay a must lie in (0, 1]; 1 gives the plain SPI sum.");
        }

        return GammaStandardizer.Standardize(days, WeightedPrecipitation(dailyPrecipMm, decay, windowDays), calibration);
    }

    /// <summary>WAP = Σ aⁿ·P_n over the window ending on each day; NaN while incomplete or when a day is missing.</summary>
    public static double[] WeightedPrecipitation(IReadOnlyList<double> dailyPrecipMm, double decay = DefaultDecay, int windowDays = DefaultWindowDays)
    {
        ArgumentNullException.ThrowIfNull(dailyPrecipMm);
        DailySeries.RequireWindow(windowDays, nameof(windowDays));
        return DailySeries.WindowSums(dailyPrecipMm, windowDays, decay);
    }
}
