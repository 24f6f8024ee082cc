using System.Globalization;

namespace ClimateWarn.Core.Indices;

/// <summary>The MCI weights a, b, c, d of SPIW60, MI30, SPI90 and SPI150.</summary>
public sealed record MciWeights(double A, double B, double C, double D)
{
    /// <summary>GB/T 20481-2017's set for north and north-west China (Ningxia included): 0.3, 0.5, 0.3, 0.2.</summary>
    public static MciWeights NorthAndNorthWest { get; } = new(0.3, 0.5, 0.3, 0.2);
}

/// <summary>
/// The meteorological drought composite index of GB/T 20481-2017:
/// MCI = Ka·(a·SPIW60 + b·MI30 + c·SPI90 + d·SPI150).
/// </summary>
/// <remarks>
/// Ka, the monthly seasonal factor, is an argument on purpose: its Ningxia row is not confirmed. One published set is
/// Jan–Dec 0, 0, 0, 0.6, 1.0, 1.2, 1.2, 1.0, 0.9, 0.4, 0, 0; it belongs in versioned configuration, documented as
/// uncertain, never in code. The index also overstates drought on the irrigated Yellow River plain (DOMAIN §3), so it
/// is reported per district and the bureau weighs irrigated against rain-fed land.
/// </remarks>
public static class Mci
{
    /// <summary>
    /// MCI for one day. Any missing component gives NaN, even where Ka is 0: missing data must stay unknown and never
    /// read as "no drought". With all components present a month whose Ka is 0 gives 0 (无旱), as the standard intends.
    /// </summary>
    /// <param name="month">Calendar month 1–12, selecting the Ka value.</param>
    /// <param name="spiw60">SPIW60 of the day.</param>
    /// <param name="mi30">MI30 of the day.</param>
    /// <param name="spi90">SPI90 of the day.</param>
    /// <param name="spi150">SPI150 of the day.</param>
    /// <param name="weights">The a, b, c, d weights.</param>
    /// <param name="ka">Twelve monthly seasonal factors, January first.</param>
    public static double Compute(int month, double spiw60, double mi30, double spi90, double spi150, MciWeights weights, IReadOnlyList<double> ka)
    {
        ArgumentNullException.ThrowIfNull(weights);
        RequireKa(ka);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        var sum = (weights.A * spiw60) + (weights.B * mi30) + (weights.C * spi90) + (weights.D * spi150);
        return double.IsNaN(sum) ? double.NaN : ka[month - 1] * sum;
    }

    /// <summary>MCI for each day of aligned daily series (the day's month selects Ka).</summary>
    public static double[] Compute(
        IReadOnlyList<DateOnly> days,
        IReadOnlyList<double> spiw60,
        IReadOnlyList<double> mi30,
        IReadOnlyList<double> spi90,
        IReadOnlyList<double> spi150,
        MciWeights weights,
        IReadOnlyList<double> ka)
    {
        DailySeries.Require(days, spiw60, nameof(spiw60));
        DailySeries.Require(days, mi30, nameof(mi30));
        DailySeries.Require(days, spi90, nameof(spi90));
        DailySeries.Require(days, spi150, nameof(spi150));
        var mci = new double[days.Count];
        for (var i = 0; i < mci.Length; i++)
        {
            mci[i] = Compute(days[i].Month, spiw60[i], mi30[i], spi90[i], spi150[i], weights, ka);
        }

        return mci;
    }

    private static void RequireKa(IReadOnlyList<double> ka)
    {
        ArgumentNullException.ThrowIfNull(ka);
        if (ka.Count != 12 || ka.Any(k => !(k >= 0) || double.IsPositiveInfinity(k)))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Ka needs 12 finite non-negative monthly factors (January first); got {ka.Count} values."), nameof(ka));
        }
    }
}
