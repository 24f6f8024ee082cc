using ClimateWarn.Core.Weather;
namespace ClimateWarn.Core.Hazards.Haze;

/// <summary>
/// 霾 (national type 13; criteria as revised in 2013): low visibility with dry air, or with humid air and PM2.5, or PM2.5
/// alone at moderate visibility. PM2.5 comes from an air-quality source (Open-Meteo's CAMS <c>pm2_5</c>); where the window
/// lacks it, only the alternative without PM2.5 (visibility with relative humidity below 80 %) can fire. Clearer is milder.
/// </summary>
public sealed class HazeHazard : HazardDefinition<HazeThresholds>
{
    public const string Id = "haze";

    public override string Slug => Id;

    /// <summary>OASIS Event Terms List v1.2: "air quality".</summary>
    public override string? OetCode => "OET-004";

    public override string Code => "13";

    public override string NameZh => "霾";

    public override string NameEn => "haze";

    public override IReadOnlyList<SignalLevel> Levels { get; } = [SignalLevel.Yellow, SignalLevel.Orange, SignalLevel.Red];

    public override MilderWhen Eases => MilderWhen.Higher;

    public override IReadOnlyList<string> Inputs => [WeatherVariables.Visibility, WeatherVariables.RelativeHumidity2m];

    public override string Unit => "m";

    public override HazardSignal? Assess(AssessmentWindow window, HazeThresholds thresholds) => HazeAssessor.Assess(window, thresholds);

    public override string CauseZh(double value) => Zh($"将出现霾，能见度可低至{value:0}米，空气污染较重");

    public override string CauseEn(double value) => En($"can expect haze, with visibility down to {value:0} m and polluted air");
}
