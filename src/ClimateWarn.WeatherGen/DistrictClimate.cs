namespace ClimateWarn.WeatherGen;

/// <summary>
/// The generator's parameters for one district. Monthly arrays run January to December. The calibration targets and
/// where they come from are in docs/weather-generator.md; the values are assumptions fitted to the published city
/// figures, not station normals.
/// </summary>
public sealed record DistrictClimate(
    string District,
    string Name,
    double Latitude,
    double AnnualPrecipitationMm,
    IReadOnlyList<double> MonthlyShare,
    IReadOnlyList<double> WetDayProbability,
    double WetPersistence,
    double AnnualMeanTemperatureC,
    double TemperatureAmplitudeC,
    double DiurnalRangeC,
    Catchment Catchment)
{
    /// <summary>Mean precipitation on a wet day (≥0.1 mm) of the month: the month's total over its expected wet days.</summary>
    public double MeanWetDayAmount(int month) =>
        AnnualPrecipitationMm * MonthlyShare[month - 1] / (DaysIn(month) * WetDayProbability[month - 1]);

    private static double DaysIn(int month) => month == 2 ? 28.25 : month is 4 or 6 or 9 or 11 ? 30 : 31;
}

/// <summary>
/// A linear-reservoir runoff proxy for a small catchment (a flash-flood gully or a tributary reach): SYNTHETIC
/// discharge, never a gauge reading. Areas, coefficients and the flood threshold are assumptions stated in the docs.
/// </summary>
public sealed record Catchment(
    string Name,
    double AreaKm2,
    double BaseFlowM3s,
    double InitialLossMm,
    double RunoffMin,
    double RunoffMax,
    double ApiSaturationMm,
    double ApiDecay,
    double ReservoirRecession,
    double FloodThresholdM3s);
