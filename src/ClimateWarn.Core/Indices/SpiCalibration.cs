using System.Globalization;

namespace ClimateWarn.Core.Indices;

/// <summary>
/// The climatology the SPI-type indices are standardised against: the accumulations whose day lies in
/// [<paramref name="From"/>, <paramref name="To"/>] (both inclusive), fitted separately for each calendar month.
/// </summary>
/// <param name="From">First day of the calibration period.</param>
/// <param name="To">Last day of the calibration period; about 30 years are needed for stable parameters.</param>
/// <param name="MinimumNonZeroSums">
/// A calendar month needs at least this many non-zero calibration accumulations before a gamma distribution is fitted
/// to them; below it the month's non-zero accumulations get NaN (unknown), never a guess. A zero accumulation needs no
/// fit, only this many calibration accumulations of any size. Counted in daily accumulations, which overlap, so the
/// default of 10 is a floor against nonsense, not a statistical guarantee.
/// </param>
public sealed record SpiCalibration(DateOnly From, DateOnly To, int MinimumNonZeroSums = SpiCalibration.DefaultMinimumNonZeroSums)
{
    /// <summary>The default minimum number of non-zero calibration accumulations per calendar month.</summary>
    public const int DefaultMinimumNonZeroSums = 10;

    public bool Contains(DateOnly day) => day >= From && day <= To;

    internal void Validate()
    {
        if (To < From)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The calibration period ends ({To:yyyy-MM-dd}) before it starts ({From:yyyy-MM-dd})."),
                nameof(To));
        }

        if (MinimumNonZeroSums < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumNonZeroSums), MinimumNonZeroSums, "At least one non-zero sum is needed to fit a gamma distribution.");
        }
    }
}
