using ClimateWarn.Core.Weather;
namespace ClimateWarn.Core.Hazards.RoadIcing;

/// <summary>
/// 道路结冰 (CMA type 14): precipitation at or below freezing (ground or air), the level by how soon: yellow 12 h, orange 6 h,
/// red 2 h. No blue. The quantity is the coldest ground or air temperature of the icing hours; warmer is milder.
/// </summary>
public sealed class RoadIcingHazard : HazardDefinition<RoadIcingThresholds>
{
    public const string Id = "road-icing";

    public override string Slug => Id;

    /// <summary>OASIS Event Terms List v1.2: "ice".</summary>
    public override string? OetCode => "OET-107";

    public override string Code => "14";

    public override string NameZh => "道路结冰";

    public override string NameEn => "road icing";

    public override IReadOnlyList<SignalLevel> Levels { get; } = [SignalLevel.Yellow, SignalLevel.Orange, SignalLevel.Red];

    public override MilderWhen Eases => MilderWhen.Higher;

    public override IReadOnlyList<string> Inputs => [WeatherVariables.Temperature2m, WeatherVariables.Precipitation];

    public override string Unit => "°C";

    public override HazardSignal? Assess(AssessmentWindow window, RoadIcingThresholds thresholds) => RoadIcingAssessor.Assess(window, thresholds);

    public override string CauseZh(double value) => Zh($"将出现降水，地面或气温低至{value:0.0}℃，路面将出现结冰");

    public override string CauseEn(double value) => En($"can expect icy roads, with precipitation and ground or air temperatures down to {value:0.0} °C");
}
