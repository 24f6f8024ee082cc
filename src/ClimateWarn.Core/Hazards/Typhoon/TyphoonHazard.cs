namespace ClimateWarn.Core.Hazards.Typhoon;

/// <summary>
/// 台风 (national type 01): registered so the signal set is complete, but typhoons do not reach Ningxia and
/// config/hazards/typhoon.json disables it there (<c>"enabled": false</c>): no rule in force, not assessed, no guidance
/// needed. Where enabled it is a hand-issued signal like thunder: the rule never raises it by itself.
/// </summary>
public sealed class TyphoonHazard : ByHandHazard
{
    public const string Id = "typhoon";

    public override string Slug => Id;

    /// <summary>OASIS Event Terms List v1.2: "typhoon".</summary>
    public override string? OetCode => "OET-204";

    public override string Code => "01";

    public override string NameZh => "台风";

    public override string NameEn => "typhoon";

    public override IReadOnlyList<SignalLevel> Levels { get; } = [SignalLevel.Blue, SignalLevel.Yellow, SignalLevel.Orange, SignalLevel.Red];

    public override string CauseZh(double value) => Zh($"{value:0}小时内可能受台风影响");

    public override string CauseEn(double value) => En($"may be affected by a typhoon within {value:0} h");
}
