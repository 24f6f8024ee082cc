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

    public override string Code => "91";

    public override string NameZh => "山洪灾害气象风险";

    public override string NameEn => "flash-flood meteorological risk";

    public override IReadOnlyList<SignalLevel> Levels { get; } = [SignalLevel.Blue, SignalLevel.Yellow, SignalLevel.Orange, SignalLevel.Red];

    public override string Unit => "mm";

    public override HazardSignal? Assess(AssessmentWindow window, FlashFloodThresholds thresholds) => FlashFloodAssessor.Assess(window, thresholds);

    public override string ByHandCauseZh => "山洪沟道及低洼地带有发生山洪灾害的风险";

    public override string ByHandCauseEn => "gullies and low ground are at risk of flash floods";

    public override string CauseZh(double value) => Zh($"前期有效降雨量与未来降雨合计可达{value:0.0}毫米，山洪沟道及低洼地带发生山洪灾害的风险较高");

    public override string CauseEn(double value) => En($"antecedent and forecast rain may total {value:0.0} mm, raising the risk of flash floods in gullies and low ground");
}
