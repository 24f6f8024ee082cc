using ClimateWarn.Core.Weather;
namespace ClimateWarn.Core.Hazards.Sandstorm;

/// <summary>
/// 沙尘暴 (CMA type 06): visibility below the level's distance (yellow 1000 m in 12 h, orange 500 m in 6 h, red 50 m in
/// 6 h) with evidence that it is dust (<see cref="DustEvidence"/>). Open-Meteo's forecast visibility is not a dust
/// forecast, and without PM10 the wind-and-dry-air test is a proxy: it says dust could be raised, not that it will be.
/// Clearer is milder. No blue.
/// </summary>
public sealed class SandstormHazard : HazardDefinition<SandstormThresholds>
{
    public const string Id = "sandstorm";

    public override string Slug => Id;

    /// <summary>OASIS Event Terms List v1.2: "sandstorm".</summary>
    public override string? OetCode => "OET-170";

    public override string Code => "06";

    public override string NameZh => "沙尘暴";

    public override string NameEn => "sandstorm";

    public override IReadOnlyList<SignalLevel> Levels { get; } = [SignalLevel.Yellow, SignalLevel.Orange, SignalLevel.Red];

    public override MilderWhen Eases => MilderWhen.Higher;

    public override IReadOnlyList<string> Inputs => [WeatherVariables.Visibility];

    public override string Unit => "m";

    public override HazardSignal? Assess(AssessmentWindow window, SandstormThresholds thresholds) => SandstormAssessor.Assess(window, thresholds);

    public override string CauseZh(double value) => Zh($"将出现沙尘暴天气，能见度可低至{value:0}米");

    public override string CauseEn(double value) => En($"can expect a sandstorm, with visibility down to {value:0} m");
}
