using ClimateWarn.Core.Weather;
namespace ClimateWarn.Core.Hazards.FlashFlood;

/// <summary>
/// 山洪灾害气象风险预警 (flash-flood meteorological risk), issued jointly with the water department: blue 可能发生, yellow
/// 可能性较大, orange 可能性大, red 可能性很大, from the effective antecedent rain plus the forecast rain against thresholds the
/// bureau agrees with its water department (<see cref="FlashFloodThresholds"/>; docs/flash-flood.md). Less rain is milder.
/// </summary>
/// <remarks>
/// It is not one of the signals of CMA Order No. 16, so it has no national type code: 91 is the project's, outside CMA's
/// 01–14, so that no consumer of the warning identifiers or CAP event codes mistakes it for a CMA signal.
/// </remarks>
public sealed class FlashFloodHazard : HazardDefinition<FlashFloodThresholds>
{
    public const string Id = "flash-flood";

    public override string Slug => Id;

    /// <summary>OASIS Event Terms List v1.2: "flash flood".</summary>
    public override string? OetCode => "OET-079";

    public override string Code => "91";

    public override string NameZh => "山洪灾害气象风险";

    public override string NameEn => "flash-flood meteorological risk";

    public override IReadOnlyList<SignalLevel> Levels { get; } = [SignalLevel.Blue, SignalLevel.Yellow, SignalLevel.Orange, SignalLevel.Red];

    public override IReadOnlyList<string> Inputs => [WeatherVariables.Precipitation];

    public override string Unit => "mm";

    public override HazardSignal? Assess(AssessmentWindow window, FlashFloodThresholds thresholds) => FlashFloodAssessor.Assess(window, thresholds);

    /// <summary>A joint risk product, not a CMA signal: "发布山洪灾害气象风险黄色预警".</summary>
    public override string ProductZh => "预警";

    public override string ProductEn => "warning";

    public override string EndedZh => "山洪灾害气象风险已降低";

    public override string EndedEn => "the flash-flood risk has eased";

    public override string CauseZh(double value) => Zh($"前期有效降雨量与未来降雨合计可达{value:0.0}毫米");

    public override string CauseEn(double value) => En($"can expect antecedent and forecast rain of {value:0.0} mm in total");

    /// <summary>The rain (when a rule raised it) and the level's likelihood: "…，山洪沟道及低洼地带山洪灾害发生可能性较大".</summary>
    public override string CauseZh(double value, SignalLevel level) =>
        (double.IsFinite(value) ? CauseZh(value) + "，" : string.Empty) + "山洪沟道及低洼地带山洪灾害" + Likelihood(level).Zh;

    public override string CauseEn(double value, SignalLevel level) =>
        (double.IsFinite(value) ? CauseEn(value) : "faces a flash-flood risk") + ": flash floods in its gullies and low ground are " + Likelihood(level).En;

    /// <summary>The product's level words (DOMAIN §2b): blue possible … red very likely.</summary>
    private static (string Zh, string En) Likelihood(SignalLevel level) => level switch
    {
        SignalLevel.Red => ("发生可能性很大", "very likely"),
        SignalLevel.Orange => ("发生可能性大", "likely"),
        SignalLevel.Yellow => ("发生可能性较大", "fairly likely"),
        _ => ("可能发生", "possible"),
    };
}
