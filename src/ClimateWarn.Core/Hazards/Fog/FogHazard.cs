using ClimateWarn.Core.Weather;
namespace ClimateWarn.Core.Hazards.Fog;

/// <summary>大雾 (national type 12): visibility from Open-Meteo's <c>visibility</c> (m); clearer is milder. No blue.</summary>
public sealed class FogHazard : HazardDefinition<FogThresholds>
{
    public const string Id = "fog";

    public override string Slug => Id;

    /// <summary>OASIS Event Terms List v1.2: "dense fog".</summary>
    public override string? OetCode => "OET-058";

    public override string Code => "12";

    public override string NameZh => "大雾";

    public override string NameEn => "fog";

    public override IReadOnlyList<SignalLevel> Levels { get; } = [SignalLevel.Yellow, SignalLevel.Orange, SignalLevel.Red];

    public override MilderWhen Eases => MilderWhen.Higher;

    public override IReadOnlyList<string> Inputs => [WeatherVariables.Visibility, WeatherVariables.RelativeHumidity2m];

    public override string Unit => "m";

    public override HazardSignal? Assess(AssessmentWindow window, FogThresholds thresholds) => FogAssessor.Assess(window, thresholds);

    public override string CauseZh(double value) => Zh($"将出现大雾，能见度可低至{value:0}米");

    public override string CauseEn(double value) => En($"can expect fog, with visibility down to {value:0} m");
}
