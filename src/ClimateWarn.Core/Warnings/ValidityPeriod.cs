using System.Globalization;
using ClimateWarn.Core.Hazards;

namespace ClimateWarn.Core.Warnings;

/// <param name="Minimum">No warning is valid for less than this (a bureau does not publish a one-hour frost).</param>
/// <param name="Overnight">The hazard is warned for whole nights: from the evening before to the morning after (frost).</param>
/// <param name="NightStartsAt">The evening hour a night begins, Beijing time.</param>
/// <param name="NightEndsAt">The morning hour it ends.</param>
public sealed record ValidityRules(TimeSpan Minimum, bool Overnight, int NightStartsAt = 20, int NightEndsAt = 8);

/// <summary>
/// Warnings cover whole operational periods, not the hours a rule happened to flag: an overnight hazard from the evening
/// before its first hour to the morning after its last (unless it lasts into the day), and every warning at least
/// <see cref="ValidityRules.Minimum"/>. Applied to the signal before the lifecycle sees it, so the periods stay stable
/// from one forecast run to the next and an hour's shift inside the night is no reason to extend.
/// </summary>
public static class ValidityPeriod
{
    private static readonly CultureInfo Zh = CultureInfo.GetCultureInfo("zh-CN");

    public static HazardSignal Widen(HazardSignal signal, ValidityRules rules, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(rules);
        var from = signal.From;
        var to = signal.To;
        if (rules.Overnight)
        {
            from = NightStart(from, rules, zone);
            to = MorningAfter(to, rules, zone);
        }

        if (to - from < rules.Minimum)
        {
            to = from + rules.Minimum;
        }

        return from == signal.From && to == signal.To ? signal : signal with { From = from, To = to };
    }

    /// <summary>The period in the bureau's words, e.g. "今天夜间到明天早晨", relative to the day of <paramref name="now"/>.</summary>
    public static string WordsZh(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var start = TimeZoneInfo.ConvertTime(from, zone);
        // The end is named by the hour before it: a period that ends at 08:00 ends in the early morning.
        var end = TimeZoneInfo.ConvertTime(to.AddMinutes(-1), zone);
        var first = Day(start, today) + Part(start.Hour);
        var last = Day(end, today) + Part(end.Hour);
        return first == last ? first : $"{first}到{(Day(end, today) == Day(start, today) ? Part(end.Hour) : last)}";
    }

    private static string Day(DateTimeOffset local, DateOnly today) => (DateOnly.FromDateTime(local.DateTime).DayNumber - today.DayNumber) switch
    {
        -1 => "昨天",
        0 => "今天",
        1 => "明天",
        2 => "后天",
        _ => local.ToString("M月d日", Zh),
    };

    private static string Part(int hour) => hour switch
    {
        < 5 => "凌晨",
        < 8 => "早晨",
        < 11 => "上午",
        < 13 => "中午",
        < 17 => "下午",
        < 20 => "傍晚",
        _ => "夜间",
    };

    /// <summary>The evening (NightStartsAt, local) at or before <paramref name="t"/>.</summary>
    private static DateTimeOffset NightStart(DateTimeOffset t, ValidityRules rules, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(t, zone);
        var evening = At(local.Date, rules.NightStartsAt, zone);
        return evening <= t ? evening : At(local.Date.AddDays(-1), rules.NightStartsAt, zone);
    }

    /// <summary>The morning (NightEndsAt, local) at or after <paramref name="t"/> when <paramref name="t"/> falls in the night; a daytime end stands.</summary>
    private static DateTimeOffset MorningAfter(DateTimeOffset t, ValidityRules rules, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(t, zone);
        var morning = At(local.Date, rules.NightEndsAt, zone);
        var evening = At(local.Date, rules.NightStartsAt, zone);
        return t <= morning ? morning : t >= evening ? At(local.Date.AddDays(1), rules.NightEndsAt, zone) : t;
    }

    private static DateTimeOffset At(DateTime date, int hour, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(date.AddHours(hour), DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
