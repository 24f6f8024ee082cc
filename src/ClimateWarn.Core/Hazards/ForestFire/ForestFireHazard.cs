namespace ClimateWarn.Core.Hazards.ForestFire;

/// <summary>
/// 森林草原火险 (forest and grassland fire danger): the daily fire-weather grade (一级 low … 五级 extremely high, QX/T 77-2007)
/// of each district, shown on the dashboards everywhere and raised as a signal (yellow/orange/red from the grades its
/// table names) only in the districts its file lists. Like drought it is the district's, rated per day, not a cell's
/// hourly rule: <see cref="Assess"/> finds nothing and the district assessment calls <see cref="ForestFireAssessor"/>.
/// </summary>
/// <remarks>Not a CMA Order No. 16 signal: 92 is the project's code, outside CMA's 01–14 (flash-flood risk is 91).</remarks>
public sealed class ForestFireHazard : HazardDefinition<ForestFireThresholds>
{
    public const string Id = "forest-fire";

    public override string Slug => Id;

    /// <summary>OASIS Event Terms List v1.2: "forest fire".</summary>
    public override string? OetCode => "OET-086";

    public override string Code => "92";

    public override string NameZh => "森林草原火险";

    public override string NameEn => "forest and grassland fire danger";

    public override IReadOnlyList<SignalLevel> Levels { get; } = [SignalLevel.Yellow, SignalLevel.Orange, SignalLevel.Red];

    public override string Unit => "grade";

    public override string? NotVerifiableFromHourlyObservations => "a daily fire-weather rating: verified against fire reports, not the hourly record";

    public override HazardSignal? Assess(AssessmentWindow window, ForestFireThresholds thresholds) => null;

    public override string ByHandCauseZh => "森林草原火险气象等级较高，林区、草原野外用火易引发火灾";

    public override string ByHandCauseEn => "forest and grassland fire danger is high: open fire in woods or grassland may spread";

    public override string CauseZh(double value) => Zh($"森林草原火险气象等级将达{FireDangerIndex.GradeName((int)value).Zh}，林区、草原野外用火极易引发火灾");

    public override string CauseEn(double value) => En($"can expect forest and grassland fire danger of {FireDangerIndex.GradeName((int)value).En}: any open fire in woods or grassland may spread");
}
