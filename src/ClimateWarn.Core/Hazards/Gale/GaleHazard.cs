using ClimateWarn.Core.Weather;
namespace ClimateWarn.Core.Hazards.Gale;

/// <summary>大风 (CMA type 05): mean wind or gusts; weaker is milder.</summary>
public sealed class GaleHazard : HazardDefinition<GaleThresholds>
{
    public const string Id = "gale";

    public override string Slug => Id;

    /// <summary>OASIS Event Terms List v1.2: "wind".</summary>
    public override string? OetCode => "OET-218";

    public override string Code => "05";

    public override string NameZh => "大风";

    public override string NameEn => "gale";

    public override IReadOnlyList<SignalLevel> Levels { get; } = [SignalLevel.Blue, SignalLevel.Yellow, SignalLevel.Orange, SignalLevel.Red];

    public override IReadOnlyList<string> Inputs => [WeatherVariables.WindSpeed10m];

    public override string Unit => "m/s";

    public override HazardSignal? Assess(AssessmentWindow window, GaleThresholds thresholds) => GaleAssessor.Assess(window, thresholds);

    public override string CauseZh(double value) => Zh($"将出现大风天气，最大风速可达{value:0.0}米/秒");

    public override string CauseEn(double value) => En($"can expect gales of up to {value:0.0} m/s");
}
