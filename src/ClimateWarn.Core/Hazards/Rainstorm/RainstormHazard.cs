using ClimateWarn.Core.Weather;
namespace ClimateWarn.Core.Hazards.Rainstorm;

/// <summary>暴雨 (CMA type 02): rain totals over windows of hours; less rain is milder.</summary>
public sealed class RainstormHazard : HazardDefinition<RainstormThresholds>
{
    public const string Id = "rainstorm";

    public override string Slug => Id;

    /// <summary>OASIS Event Terms List v1.2: "rain".</summary>
    public override string? OetCode => "OET-159";

    public override string Code => "02";

    public override string NameZh => "暴雨";

    public override string NameEn => "rainstorm";

    public override IReadOnlyList<SignalLevel> Levels { get; } = [SignalLevel.Blue, SignalLevel.Yellow, SignalLevel.Orange, SignalLevel.Red];

    public override IReadOnlyList<string> Inputs => [WeatherVariables.Precipitation];

    public override string Unit => "mm";

    public override HazardSignal? Assess(AssessmentWindow window, RainstormThresholds thresholds) => RainstormAssessor.Assess(window, thresholds);

    public override string CauseZh(double value) => Zh($"将出现强降雨，累计雨量可达{value:0.0}毫米，谨防山洪、泥石流等灾害");

    public override string CauseEn(double value) => En($"can expect heavy rain of up to {value:0.0} mm; beware of flash floods and debris flows");
}
