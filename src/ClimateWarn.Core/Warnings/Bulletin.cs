using System.Globalization;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;

namespace ClimateWarn.Core.Warnings;

/// <summary>One bulletin (预警信息汇总) for a set of districts: every warning in force there, in one text.</summary>
public sealed record Bulletin(
    IReadOnlyList<string> Districts,
    IReadOnlyList<string> Hazards,
    IReadOnlyList<string> WarningIds,
    DateTimeOffset UpdatedAt,
    string TextZh,
    string TextEn);

/// <summary>
/// Several hazards for the same districts read as one bulletin in the bureau's wording, most severe first:
/// "中卫市气象台：目前中宁县霜冻橙色、大风蓝色预警信号正在生效……". Warnings covering the same district set combine;
/// each district set gets its own bulletin.
/// </summary>
public static class BulletinComposer
{
    public static IReadOnlyList<Bulletin> Combine(IEnumerable<Warning> active, PlaceCatalog places, HazardRegistry hazards, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(active);
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(hazards);
        return [.. active.Where(w => w.IsActive)
            .GroupBy(w => string.Join(',', w.Districts.Order(StringComparer.Ordinal)), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Compose([.. g.OrderByDescending(w => w.Level).ThenBy(w => Order(hazards, w.Hazard))], places, hazards, zone))];
    }

    /// <summary>Same level: registration order (rainstorm before frost), as the bureau lists them.</summary>
    private static int Order(HazardRegistry hazards, string slug)
    {
        var all = hazards.All;
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Slug == slug)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static Bulletin Compose(IReadOnlyList<Warning> warnings, PlaceCatalog places, HazardRegistry hazards, TimeZoneInfo zone)
    {
        var districts = warnings[0].Districts.Select(places.GetDistrict).ToList();
        var updated = warnings.Max(w => w.UpdatedAt);
        var local = TimeZoneInfo.ConvertTime(updated, zone);
        // Signals alone share one "预警信号"; beside a product that is not a signal (flash-flood risk 预警) each names its own.
        var definitions = warnings.Select(w => hazards.Get(w.Hazard)).ToList();
        var mixed = definitions.Select(h => h.ProductZh).Distinct(StringComparer.Ordinal).Count() > 1;
        var signalsZh = string.Join("、", warnings.Zip(definitions, (w, h) => h.NameZh + SignalLevels.Zh(w.Level) + (mixed ? h.ProductZh : string.Empty)));
        var signalsEn = string.Join(", ", warnings.Zip(definitions, (w, h) => $"{SignalLevels.En(w.Level)} {h.NameEn}{(mixed ? " " + h.ProductEn : string.Empty)}"));
        var (productZh, productEn) = mixed ? (string.Empty, "warning") : (definitions[0].ProductZh, definitions[0].ProductEn);
        var guidanceZh = string.Join(string.Empty, warnings.Where(w => w.GuidanceZh.Count > 0).Select(w => w.GuidanceZh[0]).Distinct().Select(g => g.TrimEnd('。') + "。"));
        var textZh = string.Create(CultureInfo.GetCultureInfo("zh-CN"),
            $"{places.City.ObservatoryZh}{local:M月d日HH时mm分}：目前{string.Join("、", districts.Select(d => d.NameZh))}{signalsZh}{productZh}正在生效（共{warnings.Count}项）。{guidanceZh}");
        var textEn = string.Create(CultureInfo.InvariantCulture,
            $"{places.City.ObservatoryEn}, {local:yyyy-MM-dd HH:mm} (Beijing time): {warnings.Count} {productEn}(s) in force for {string.Join(", ", districts.Select(d => d.NameEn))}: {signalsEn}.");
        return new Bulletin([.. districts.Select(d => d.Code)], [.. warnings.Select(w => w.Hazard)], [.. warnings.Select(w => w.Id)], updated, textZh, textEn);
    }
}
