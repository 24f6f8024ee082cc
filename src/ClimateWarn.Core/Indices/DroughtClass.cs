namespace ClimateWarn.Core.Indices;

/// <summary>Meteorological drought classes of GB/T 20481-2017.</summary>
public enum DroughtClass
{
    /// <summary>No index value (missing data): deliberately the default, and never "no drought".</summary>
    Unknown = 0,

    /// <summary>无旱.</summary>
    None,

    /// <summary>轻旱.</summary>
    Light,

    /// <summary>中旱.</summary>
    Moderate,

    /// <summary>重旱.</summary>
    Severe,

    /// <summary>特旱.</summary>
    Extreme,
}

/// <summary>Classifying index values; every lower bound is open and every upper bound closed, as the standard writes them.</summary>
public static class DroughtClasses
{
    /// <summary>
    /// Class of an MCI, SPI or SPIW value: 无旱 &gt; −0.5; 轻旱 (−1.0, −0.5]; 中旱 (−1.5, −1.0]; 重旱 (−2.0, −1.5];
    /// 特旱 ≤ −2.0; NaN → <see cref="DroughtClass.Unknown"/>.
    /// </summary>
    public static DroughtClass OfIndex(double value) => Classify(value, -0.5, -1.0, -1.5, -2.0);

    /// <summary>
    /// Class of an MI value: 无旱 &gt; −0.40; 轻旱 (−0.65, −0.40]; 中旱 (−0.80, −0.65]; 重旱 (−0.95, −0.80]; 特旱 ≤ −0.95;
    /// NaN → <see cref="DroughtClass.Unknown"/>.
    /// </summary>
    public static DroughtClass OfMi(double value) => Classify(value, -0.40, -0.65, -0.80, -0.95);

    /// <summary>The class's Chinese name as used in bulletins.</summary>
    public static string ChineseName(this DroughtClass droughtClass) => droughtClass switch
    {
        DroughtClass.None => "无旱",
        DroughtClass.Light => "轻旱",
        DroughtClass.Moderate => "中旱",
        DroughtClass.Severe => "重旱",
        DroughtClass.Extreme => "特旱",
        _ => "未知",
    };

    /// <summary>The class's English name.</summary>
    public static string EnglishName(this DroughtClass droughtClass) => droughtClass switch
    {
        DroughtClass.None => "No drought",
        DroughtClass.Light => "Light drought",
        DroughtClass.Moderate => "Moderate drought",
        DroughtClass.Severe => "Severe drought",
        DroughtClass.Extreme => "Extreme drought",
        _ => "Unknown (no data)",
    };

    private static DroughtClass Classify(double value, double light, double moderate, double severe, double extreme) =>
        double.IsNaN(value) ? DroughtClass.Unknown
        : value <= extreme ? DroughtClass.Extreme
        : value <= severe ? DroughtClass.Severe
        : value <= moderate ? DroughtClass.Moderate
        : value <= light ? DroughtClass.Light
        : DroughtClass.None;
}
