using System.Globalization;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;

namespace ClimateWarn.Core.Warnings;

/// <summary>Turns a district's signal into bulletin text in the bureau's wording (DOMAIN §2), its own templates first.</summary>
public sealed class WarningComposer(PlaceCatalog places, GuidanceCatalog guidance, HazardRegistry hazards, TimeZoneInfo zone, MessageTemplates? templates = null)
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    public Warning Compose(string id, long sequence, WarningAction action, SignalLevel? previous, HazardSignal signal,
        IReadOnlyList<string> districtCodes, DateTimeOffset issuedAt, DateTimeOffset now, IReadOnlyList<string> audiences,
        IReadOnlyList<string>? townships = null)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(districtCodes);
        var districts = districtCodes.Select(places.GetDistrict).ToList();
        townships = townships is { Count: > 0 } ? townships : null;
        // Narrowed to townships: "中宁县（宁安镇、鸣沙镇）"; townships have Chinese names only, so English shows them too.
        List<string> Named(District d) => townships is null ? [] : [.. d.Townships.Where(t => townships.Contains(t.Code)).Select(t => t.Name)];
        var namesZh = string.Join("、", districts.Select(d => Named(d) is { Count: > 0 } n ? $"{d.NameZh}（{string.Join("、", n)}）" : d.NameZh));
        var namesEn = string.Join(", ", districts.Select(d => Named(d) is { Count: > 0 } n ? $"{d.NameEn} ({string.Join(", ", n)})" : d.NameEn));
        var hazard = hazards.Get(signal.Hazard);
        var hazardZh = hazard.NameZh;
        var hazardEn = hazard.NameEn;
        var levelZh = SignalLevels.Zh(signal.Level);
        var levelEn = SignalLevels.En(signal.Level);
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
        // A forecaster's signal has no rule value behind it: the hazard says the cause without a number.
        var causeZh = hazard.CauseZh(signal.Value, signal.Level);
        var causeEn = hazard.CauseEn(signal.Value, signal.Level);
        var productZh = hazard.ProductZh;
        var periodZh = ValidityPeriod.WordsZh(signal.From, signal.To, now, zone);
        var descriptionZh = lifted
            ? $"{observatoryZh}{timeZh}{verbZh}{hazardZh}{levelZh}{productZh}：{namesZh}{hazard.EndedZh}。"
            : $"{observatoryZh}{timeZh}{verbZh}{hazardZh}{levelZh}{productZh}：预计{periodZh}（{fromZh}至{toZh}），{namesZh}{causeZh}，请注意防范。";
        var descriptionEn = lifted
            ? $"The {levelEn} {hazardEn} {hazard.ProductEn} for {namesEn} is {(action == WarningAction.Expired ? "expired" : "lifted")}: {hazard.EndedEn}."
            : $"Between {fromEn} and {toEn} (Beijing time), {namesEn} {causeEn}. Take precautions.";
        if (!lifted && templates?.For(signal.Hazard, signal.Level) is { } template)
        {
            descriptionZh = MessageTemplates.Fill(template.Zh, new Dictionary<string, string>
            {
                ["observatory"] = observatoryZh, ["time"] = timeZh, ["verb"] = verbZh, ["hazard"] = hazardZh, ["level"] = levelZh,
                ["period"] = periodZh, ["from"] = fromZh, ["to"] = toZh, ["districts"] = namesZh, ["cause"] = causeZh,
            });
            descriptionEn = MessageTemplates.Fill(template.En, new Dictionary<string, string>
            {
                ["observatory"] = places.City.ObservatoryEn, ["time"] = timeEn, ["verb"] = verbEn, ["hazard"] = hazardEn, ["level"] = levelEn,
                ["period"] = $"{fromEn} to {toEn}", ["from"] = fromEn, ["to"] = toEn, ["districts"] = namesEn, ["cause"] = causeEn,
            });
        }
        return new Warning(
            id, sequence, action, signal.Hazard, signal.Level, districtCodes, issuedAt, now, signal.From, signal.To,
            HeadlineZh: $"{observatoryZh}{timeZh}{verbZh}{hazardZh}{levelZh}{productZh}",
            HeadlineEn: $"{places.City.ObservatoryEn} {verbEn} {(levelEn.StartsWith('o') ? "an" : "a")} {levelEn} {hazardEn} {hazard.ProductEn} at {timeEn} (Beijing time)",
            DescriptionZh: descriptionZh,
            DescriptionEn: descriptionEn,
            text.Zh, text.En, WithEmergency(audiences, signal.Level), signal.Basis)
        {
            SignalValue = double.IsFinite(signal.Value) ? Math.Round(signal.Value, 2) : null,
            Townships = townships,
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
}
