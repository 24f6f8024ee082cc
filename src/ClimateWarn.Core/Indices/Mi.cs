namespace ClimateWarn.Core.Indices;

/// <summary>
/// The relative moistening index MI = (P − PET) / PET over a window (GB/T 20481-2017 uses 30 days for the MCI).
/// </summary>
public static class Mi
{
    /// <summary>The MCI's 30-day window.</summary>
    public const int DefaultWindowDays = 30;

    /// <summary>
    /// MI for the window ending on each day, from daily precipitation and daily reference evapotranspiration (mm).
    /// NaN while the window is incomplete, when any day of either series is missing in it, or when the window's PET is
    /// not positive (the ratio means nothing then; it happens only with bad PET data or a frozen winter).
    /// </summary>
    public static double[] Compute(
        IReadOnlyList<DateOnly> days,
        IReadOnlyList<double> dailyPrecipMm,
        IReadOnlyList<double> dailyPetMm,
        int windowDays = DefaultWindowDays)
    {
        DailySeries.Require(days, dailyPrecipMm, nameof(dailyPrecipMm));
        DailySeries.Require(days, dailyPetMm, nameof(dailyPetMm));
        DailySeries.RequireWindow(windowDays, nameof(windowDays));
        var p = DailySeries.WindowSums(dailyPrecipMm, windowDays);
        var pet = DailySeries.WindowSums(dailyPetMm, windowDays, allowNegative: true);
        var mi = new double[p.Length];
        for (var i = 0; i < mi.Length; i++)
        {
            mi[i] = pet[i] > 0 && double.IsFinite(p[i]) ? (p[i] - pet[i]) / pet[i] : double.NaN;
        }

        return mi;
    }
}
