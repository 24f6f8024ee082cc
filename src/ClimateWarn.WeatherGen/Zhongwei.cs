namespace ClimateWarn.WeatherGen;

/// <summary>
/// The three Zhongwei districts, calibrated to the city's published climate figures (14th five-year climate plan,
/// DOMAIN.md §1): annual precipitation 180–367 mm, most of it in June–September, the irrigated north (Shapotou,
/// Zhongning) at the dry end and rain-fed Haiyuan in the south at the wet end; mean temperature 7.3–9.5 °C.
/// The split of the range among districts, the monthly shares and the wet-day frequencies are assumptions
/// (docs/weather-generator.md), not station normals.
/// </summary>
public static class Zhongwei
{
    /// <summary>70 % of the year's precipitation in June–September.</summary>
    private static readonly double[] Share = [0.005, 0.008, 0.03, 0.06, 0.10, 0.13, 0.21, 0.22, 0.14, 0.07, 0.02, 0.007];

    private static readonly double[] NorthWet = [0.05, 0.06, 0.08, 0.11, 0.15, 0.18, 0.24, 0.24, 0.20, 0.12, 0.06, 0.04];

    private static readonly double[] SouthWet = [0.08, 0.10, 0.14, 0.18, 0.24, 0.28, 0.36, 0.36, 0.32, 0.20, 0.09, 0.06];

    public static DistrictClimate Shapotou { get; } = new("640502", "Shapotou", 37.51, 185, Share, NorthWet, 0.25, 9.5, 14.5, 15.0,
        new Catchment("Shapotou flash-flood gullies (proxy)", 250, 0.2, 6, 0.05, 0.40, 60, 0.90, 0.55, 4));

    public static DistrictClimate Zhongning { get; } = new("640521", "Zhongning", 37.49, 210, Share, NorthWet, 0.25, 9.3, 14.5, 15.0,
        new Catchment("Honglinggou / Zhongning gullies (proxy)", 400, 0.3, 6, 0.05, 0.40, 60, 0.90, 0.60, 6));

    public static DistrictClimate Haiyuan { get; } = new("640522", "Haiyuan", 36.56, 365, Share, SouthWet, 0.30, 7.3, 13.0, 13.0,
        new Catchment("upper Qingshui He reach (proxy)", 1000, 0.8, 5, 0.08, 0.45, 80, 0.90, 0.70, 28));

    public static IReadOnlyList<DistrictClimate> Districts { get; } = [Shapotou, Zhongning, Haiyuan];
}
