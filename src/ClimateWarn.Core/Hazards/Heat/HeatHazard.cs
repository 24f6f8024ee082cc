using ClimateWarn.Core.Weather;
namespace ClimateWarn.Core.Hazards.Heat;

/// <summary>高温 (CMA type 07): daily maxima on consecutive days; cooler is milder. No blue level.</summary>
public sealed class HeatHazard : HazardDefinition<HeatThresholds>
{
    public const string Id = "heat";

    public override string Slug => Id;

    /// <summary>OASIS Event Terms List v1.2: "heat".</summary>
    public override string? OetCode => "OET-098";

    public override string Code => "07";

    public override string NameZh => "高温";

    public override string NameEn => "heat";

    public override IReadOnlyList<SignalLevel> Levels { get; } = [SignalLevel.Yellow, SignalLevel.Orange, SignalLevel.Red];

    public override IReadOnlyList<string> Inputs => [WeatherVariables.Temperature2m];

    public override string Unit => "°C";

    public override HazardSignal? Assess(AssessmentWindow window, HeatThresholds thresholds) => HeatAssessor.Assess(window, thresholds);

    public override string CauseZh(double value) => Zh($"最高气温将达{value:0.0}℃以上");

    public override string CauseEn(double value) => En($"can expect a maximum temperature of {value:0.0} °C or more");
}
