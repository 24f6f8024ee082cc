using ClimateWarn.Core.Weather;
namespace ClimateWarn.Core.Hazards.ColdWave;

/// <summary>寒潮 (CMA type 04): a fall of the daily minimum with strong wind; the quantity is the fall, smaller is milder.</summary>
public sealed class ColdWaveHazard : HazardDefinition<ColdWaveThresholds>
{
    public const string Id = "cold-wave";

    public override string Slug => Id;

    /// <summary>OASIS Event Terms List v1.2: "cold".</summary>
    public override string? OetCode => "OET-043";

    public override string Code => "04";

    public override string NameZh => "寒潮";

    public override string NameEn => "cold wave";

    public override IReadOnlyList<SignalLevel> Levels { get; } = [SignalLevel.Blue, SignalLevel.Yellow, SignalLevel.Orange, SignalLevel.Red];

    public override IReadOnlyList<string> Inputs => [WeatherVariables.Temperature2m];

    public override string Unit => "°C";

    public override HazardSignal? Assess(AssessmentWindow window, ColdWaveThresholds thresholds) => ColdWaveAssessor.Assess(window, thresholds);

    public override string CauseZh(double value) => Zh($"受冷空气影响，最低气温将下降{value:0.0}℃，并伴有大风");

    public override string CauseEn(double value) => En($"can expect a cold wave: the minimum temperature falls {value:0.0} °C with strong wind");
}
