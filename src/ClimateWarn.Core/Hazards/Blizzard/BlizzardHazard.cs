using ClimateWarn.Core.Weather;
namespace ClimateWarn.Core.Hazards.Blizzard;

/// <summary>
/// 暴雪 (CMA type 03): snowfall over windows of hours, as water equivalent (mm); less snow is milder. Open-Meteo gives
/// snowfall as cm of fresh snow; the rule converts it with the API's own 7:1 snow-to-water ratio, mm = cm × 10 / 7
/// (1 cm ≈ 1.43 mm). Dry, cold snow is lighter than 7:1 and wet snow heavier, so the amount is an estimate.
/// </summary>
public sealed class BlizzardHazard : HazardDefinition<BlizzardThresholds>
{
    public const string Id = "blizzard";

    public override string Slug => Id;

    /// <summary>OASIS Event Terms List v1.2: "snowstorm".</summary>
    public override string? OetCode => "OET-183";

    public override string Code => "03";

    public override string NameZh => "暴雪";

    public override string NameEn => "blizzard";

    public override IReadOnlyList<SignalLevel> Levels { get; } = [SignalLevel.Blue, SignalLevel.Yellow, SignalLevel.Orange, SignalLevel.Red];

    public override IReadOnlyList<string> Inputs => [WeatherVariables.Snowfall];

    public override string Unit => "mm";

    public override HazardSignal? Assess(AssessmentWindow window, BlizzardThresholds thresholds) => BlizzardAssessor.Assess(window, thresholds);

    public override string CauseZh(double value) => Zh($"将出现较强降雪，累计降雪量（折合降水量）可达{value:0.0}毫米，注意防范雪灾和道路结冰");

    public override string CauseEn(double value) => En($"can expect heavy snow of up to {value:0.0} mm water equivalent; beware of snow damage and icy roads");
}
