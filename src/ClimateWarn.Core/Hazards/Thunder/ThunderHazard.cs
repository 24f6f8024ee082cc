namespace ClimateWarn.Core.Hazards.Thunder;

/// <summary>
/// 雷电 (national type 09): issued by the forecaster's hand; numerical guidance (weather codes 95–99, CAPE, lightning
/// potential) may only propose it, so the rule never raises a signal (DOMAIN §2b). Yellow within 6 h, orange and red within 2 h.
/// </summary>
public sealed class ThunderHazard : ByHandHazard
{
    public const string Id = "thunder";

    public override string Slug => Id;

    /// <summary>OASIS Event Terms List v1.2: "thunderstorm".</summary>
    public override string? OetCode => "OET-194";

    public override string Code => "09";

    public override string NameZh => "雷电";

    public override string NameEn => "thunder";

    public override IReadOnlyList<SignalLevel> Levels { get; } = [SignalLevel.Yellow, SignalLevel.Orange, SignalLevel.Red];

    public override string CauseZh(double value) => Zh($"{value:0}小时内可能发生雷电活动，可能会造成雷电灾害事故");

    public override string CauseEn(double value) => En($"can expect thunderstorms within {value:0} h, with a risk of lightning accidents");
}
