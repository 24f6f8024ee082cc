using ClimateWarn.Core.Weather;
namespace ClimateWarn.Core.Hazards.Frost;

/// <summary>霜冻 (CMA type 11): ground-surface minimum below freezing in the growing seasons; warmer is milder.</summary>
public sealed class FrostHazard : HazardDefinition<FrostThresholds>
{
    public const string Id = "frost";

    public override string Slug => Id;

    /// <summary>OASIS Event Terms List v1.2: "frost".</summary>
    public override string? OetCode => "OET-091";

    public override string Code => "11";

    public override string NameZh => "霜冻";

    public override string NameEn => "frost";

    public override IReadOnlyList<SignalLevel> Levels { get; } = [SignalLevel.Blue, SignalLevel.Yellow, SignalLevel.Orange];

    public override MilderWhen Eases => MilderWhen.Higher;

    public override IReadOnlyList<string> Inputs => [WeatherVariables.Temperature2m];

    public override string Unit => "°C";

    public override HazardSignal? Assess(AssessmentWindow window, FrostThresholds thresholds) => FrostAssessor.Assess(window, thresholds);

    public override string CauseZh(double value) => Zh($"地面最低温度将降至{value:0.0}℃，将出现霜冻");

    public override string CauseEn(double value) => En($"can expect frost, with the ground minimum falling to {value:0.0} °C");
}
