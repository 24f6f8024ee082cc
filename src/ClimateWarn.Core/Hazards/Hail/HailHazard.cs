namespace ClimateWarn.Core.Hazards.Hail;

/// <summary>
/// 冰雹 (CMA type 10): issued by the forecaster's hand; numerical guidance may only propose it, so the rule never raises
/// a signal (DOMAIN §2b). Orange within 6 h, red within 2 h; no blue or yellow.
/// </summary>
public sealed class HailHazard : ByHandHazard
{
    public const string Id = "hail";

    public override string Slug => Id;

    /// <summary>OASIS Event Terms List v1.2: "hail".</summary>
    public override string? OetCode => "OET-095";

    public override string Code => "10";

    public override string NameZh => "冰雹";

    public override string NameEn => "hail";

    public override IReadOnlyList<SignalLevel> Levels { get; } = [SignalLevel.Orange, SignalLevel.Red];

    public override string CauseZh(double value) => Zh($"{value:0}小时内可能出现冰雹天气，并可能造成雹灾");

    public override string CauseEn(double value) => En($"can expect hail within {value:0} h, with possible damage");
}
