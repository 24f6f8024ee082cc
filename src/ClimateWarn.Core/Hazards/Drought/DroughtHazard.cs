namespace ClimateWarn.Core.Hazards.Drought;

/// <summary>
/// 干旱 (CMA type 08): the district's meteorological drought composite index (MCI, GB/T 20481-2017); a higher MCI is
/// milder. Orange and red only. The rule reads the daily indices, not hourly weather: <see cref="Assess(AssessmentWindow, DroughtThresholds)"/>
/// finds nothing, and the district assessment calls <see cref="DroughtAssessor"/> with the district's latest indices.
/// </summary>
public sealed class DroughtHazard : HazardDefinition<DroughtThresholds>
{
    public const string Id = "drought";

    public override string Slug => Id;

    /// <summary>OASIS Event Terms List v1.2: "drought".</summary>
    public override string? OetCode => "OET-063";

    public override string Code => "08";

    public override string NameZh => "干旱";

    public override string NameEn => "drought";

    public override IReadOnlyList<SignalLevel> Levels { get; } = [SignalLevel.Orange, SignalLevel.Red];

    public override MilderWhen Eases => MilderWhen.Higher;

    public override string Unit => "MCI";

    /// <summary>An hourly window holds no drought index: the signal comes from <see cref="DroughtAssessor.Assess"/>.</summary>
    public override HazardSignal? Assess(AssessmentWindow window, DroughtThresholds thresholds) => null;

    public override string CauseZh(double value) => Zh($"气象干旱综合指数（MCI）已降至{value:0.00}，达{(value <= -2.0 ? "特旱" : "重旱")}等级");

    public override string CauseEn(double value) => En($"the meteorological drought composite index (MCI) has fallen to {value:0.00}, {(value <= -2.0 ? "extreme" : "severe")} drought");
}
