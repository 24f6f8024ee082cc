using System.Globalization;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;

namespace ClimateWarn.Core.Warnings;

/// <summary>Turns a district's signal into bulletin text in the bureau's wording (DOMAIN §2).</summary>
public sealed class WarningComposer(PlaceCatalog places, GuidanceCatalog guidance, TimeZoneInfo zone)
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    public Warning Compose(string id, long sequence, WarningAction action, SignalLevel? previous, HazardSignal signal,
        IReadOnlyList<string> districtCodes, DateTimeOffset issuedAt, DateTimeOffset now, IReadOnlyList<string> audiences)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(districtCodes);
        var districts = districtCodes.Select(places.GetDistrict).ToList();
        var namesZh = string.Join("、", districts.Select(d => d.NameZh));
        var namesEn = string.Join(", ", districts.Select(d => d.NameEn));
        var hazardZh = HazardNames.Zh(signal.Hazard);
        var hazardEn = HazardNames.En(signal.Hazard);
        var levelZh = HazardNames.LevelZh(signal.Level);
        var levelEn = HazardNames.LevelEn(signal.Level);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var timeZh = local.ToString("yyyy年M月d日HH时mm分", Zh);
        var timeEn = local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var (verbZh, verbEn) = Verb(action, previous, signal.Level);
        var observatoryZh = places.City.ObservatoryZh;
        var text = guidance.For(signal.Hazard, signal.Level);
        var fromZh = TimeZoneInfo.ConvertTime(signal.From, zone).ToString("M月d日H时", Zh);
        var toZh = TimeZoneInfo.ConvertTime(signal.To, zone).ToString("M月d日H时", Zh);
        var fromEn = TimeZoneInfo.ConvertTime(signal.From, zone).ToString("MMM d HH:mm", CultureInfo.InvariantCulture);
        var toEn = TimeZoneInfo.ConvertTime(signal.To, zone).ToString("MMM d HH:mm", CultureInfo.InvariantCulture);

        var lifted = action is WarningAction.Lifted or WarningAction.Expired;
        var descriptionZh = lifted
            ? $"{observatoryZh}{timeZh}{verbZh}{hazardZh}{levelZh}预警信号：{namesZh}{hazardZh}天气已减弱或结束。"
            : $"{observatoryZh}{timeZh}{verbZh}{hazardZh}{levelZh}预警信号：预计{fromZh}至{toZh}，{namesZh}{CauseZh(signal)}，请注意防范。";
        var descriptionEn = lifted
            ? $"The {levelEn} {hazardEn} warning signal for {namesEn} is {(action == WarningAction.Expired ? "expired" : "lifted")}: the {hazardEn} has weakened or ended."
            : $"Between {fromEn} and {toEn} (Beijing time), {namesEn} {CauseEn(signal)}. Take precautions.";
        return new Warning(
            id, sequence, action, signal.Hazard, signal.Level, districtCodes, issuedAt, now, signal.From, signal.To,
            HeadlineZh: $"{observatoryZh}{timeZh}{verbZh}{hazardZh}{levelZh}预警信号",
            HeadlineEn: $"{places.City.ObservatoryEn} {verbEn} {(levelEn.StartsWith('o') ? "an" : "a")} {levelEn} {hazardEn} warning signal at {timeEn} (Beijing time)",
            DescriptionZh: descriptionZh,
            DescriptionEn: descriptionEn,
            text.Zh, text.En, WithEmergency(audiences, signal.Level), signal.Basis)
        {
            SignalValue = double.IsFinite(signal.Value) ? Math.Round(signal.Value, 2) : null,
        };
    }

    /// <summary>Orange and red concern the emergency watch whatever the hazard's audiences: watch officers acknowledge them.</summary>
    private static IReadOnlyList<string> WithEmergency(IReadOnlyList<string> audiences, SignalLevel level) =>
        level >= SignalLevel.Orange && !audiences.Contains("emergency") ? [.. audiences, "emergency"] : audiences;

    /// <summary>The verb in the bureau's wording; <paramref name="previous"/> is kept for callers that only know the levels.</summary>
    public static (string Zh, string En) Verb(WarningAction action, SignalLevel? previous, SignalLevel level) => action switch
    {
        WarningAction.Issued => ("发布", "issued"),
        WarningAction.Lifted => ("解除", "lifted"),
        WarningAction.Expired => ("到期解除", "let expire"),
        WarningAction.Upgraded => ("升级", "upgraded to"),
        WarningAction.Downgraded => ("降级", "downgraded to"),
        WarningAction.Extended => ("延长", "extended"),
        _ when previous is { } p && level > p => ("升级", "upgraded to"),
        _ when previous is { } p && level < p => ("降级", "downgraded to"),
        _ => ("继续发布", "continued"),
    };

    private static string CauseZh(HazardSignal s) => s.Hazard switch
    {
        HazardKind.Frost => string.Create(Zh, $"地面最低温度将降至{s.Value:0.0}℃，将出现霜冻"),
        HazardKind.ColdWave => string.Create(Zh, $"受冷空气影响，最低气温将下降{s.Value:0.0}℃，并伴有大风"),
        HazardKind.Gale => string.Create(Zh, $"将出现大风天气，最大风速可达{s.Value:0.0}米/秒"),
        HazardKind.Rainstorm => string.Create(Zh, $"将出现强降雨，累计雨量可达{s.Value:0.0}毫米，谨防山洪、泥石流等灾害"),
        HazardKind.Heat => string.Create(Zh, $"最高气温将达{s.Value:0.0}℃以上"),
        _ => "将出现灾害性天气",
    };

    private static string CauseEn(HazardSignal s) => s.Hazard switch
    {
        HazardKind.Frost => string.Create(CultureInfo.InvariantCulture, $"can expect frost, with the ground minimum falling to {s.Value:0.0} °C"),
        HazardKind.ColdWave => string.Create(CultureInfo.InvariantCulture, $"can expect a cold wave: the minimum temperature falls {s.Value:0.0} °C with strong wind"),
        HazardKind.Gale => string.Create(CultureInfo.InvariantCulture, $"can expect gales of up to {s.Value:0.0} m/s"),
        HazardKind.Rainstorm => string.Create(CultureInfo.InvariantCulture, $"can expect heavy rain of up to {s.Value:0.0} mm; beware of flash floods and debris flows"),
        HazardKind.Heat => string.Create(CultureInfo.InvariantCulture, $"can expect a maximum temperature of {s.Value:0.0} °C or more"),
        _ => "can expect severe weather",
    };
}
