using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Ensembles;

/// <summary>
/// The share of members whose weather meets a hazard's level in one lead day: <see cref="Meeting"/> of
/// <see cref="Members"/> (the members that carried the rule's inputs; a member without them is not counted either way).
/// </summary>
public sealed record LevelProbability(string Hazard, SignalLevel Level, int LeadDay, int Members, int Meeting)
{
    public double Probability => Members == 0 ? double.NaN : (double)Meeting / Members;
}

/// <summary>
/// The level each member reached per hazard and lead day (<see cref="SignalLevel.None"/> when its weather met none), or
/// null where the member lacked the hazard's inputs. Kept per member so a district's levels are the highest over its
/// cells member by member, never a maximum of cell probabilities.
/// </summary>
public sealed class MemberLevels
{
    private readonly Dictionary<string, SignalLevel?[]> _levels = new(StringComparer.Ordinal);

    public MemberLevels(int leadDays) => LeadDays = leadDays;

    public int LeadDays { get; }

    public IEnumerable<string> Hazards => _levels.Keys;

    /// <summary>The level of <paramref name="hazard"/> on <paramref name="leadDay"/>; null when not assessed.</summary>
    public SignalLevel? this[string hazard, int leadDay] => _levels.TryGetValue(hazard, out var l) ? l[leadDay] : null;

    public void Set(string hazard, int leadDay, SignalLevel? level)
    {
        if (!_levels.TryGetValue(hazard, out var levels))
        {
            levels = new SignalLevel?[LeadDays];
            _levels[hazard] = levels;
        }

        levels[leadDay] = level;
    }

    /// <summary>The highest level over several places (a district's cells) for the same member; unassessed only where every place was.</summary>
    public static MemberLevels Highest(IReadOnlyList<MemberLevels> places)
    {
        ArgumentNullException.ThrowIfNull(places);
        var result = new MemberLevels(places.Count == 0 ? 0 : places[0].LeadDays);
        foreach (var hazard in places.SelectMany(p => p.Hazards).Distinct(StringComparer.Ordinal))
        {
            for (var d = 0; d < result.LeadDays; d++)
            {
                var levels = places.Select(p => p[hazard, d]).Where(l => l is not null).ToList();
                result.Set(hazard, d, levels.Count == 0 ? null : levels.Max());
            }
        }

        return result;
    }
}

/// <summary>
/// Runs the same hazard rules the warnings use on each member of an ensemble (or each deterministic model) and counts
/// the members that meet each level. Lead day d is [now + 24·d h, now + 24·(d+1) h): the rule is asked at the start of
/// the day and its signal counts for the day when it begins inside it, so a member meeting the level on day 2 only is
/// not counted on day 1.
/// </summary>
public static class MemberScoring
{
    /// <summary>The rules that can run on hourly member weather: those declaring their <see cref="HazardDefinition.Inputs"/>.</summary>
    public static IReadOnlyList<HazardRule> Scorable(HazardTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return [.. table.Rules.Where(r => r.Definition.Inputs.Count > 0)];
    }

    /// <summary>Every scorable rule on one member's weather at one place.</summary>
    public static MemberLevels Levels(IReadOnlyList<HazardRule> rules, HourlyWeather member, DateTimeOffset now, TimeZoneInfo zone, string? district, int leadDays)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(leadDays);
        var levels = new MemberLevels(leadDays);
        var start = HourlyWeather.TruncateToHour(now);
        foreach (var rule in rules)
        {
            var inputs = rule.Definition.Inputs;
            for (var d = 0; d < leadDays; d++)
            {
                var dayStart = start.AddHours(24 * d);
                if (!HasInputs(member, inputs, dayStart, dayStart.AddHours(24)))
                {
                    levels.Set(rule.Slug, d, null);
                    continue;
                }

                var signal = rule.Assess(new AssessmentWindow(member, dayStart, zone) { District = district });
                levels.Set(rule.Slug, d, signal is not null && signal.From < dayStart.AddHours(24) ? signal.Level : SignalLevel.None);
            }
        }

        return levels;
    }

    /// <summary>
    /// For each hazard, configured level and lead day: how many members met at least that level, of the members that
    /// could be judged. A hazard no member could be judged on is absent (unassessed), never 0 of N.
    /// </summary>
    public static IReadOnlyList<LevelProbability> Probabilities(IReadOnlyList<HazardRule> rules, IReadOnlyList<MemberLevels> members)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(members);
        var result = new List<LevelProbability>();
        if (members.Count == 0)
        {
            return result;
        }

        foreach (var rule in rules)
        {
            for (var d = 0; d < members[0].LeadDays; d++)
            {
                var judged = members.Select(m => m[rule.Slug, d]).Where(l => l is not null).Select(l => l!.Value).ToList();
                if (judged.Count == 0)
                {
                    continue;
                }

                foreach (var level in rule.ConfiguredLevels)
                {
                    result.Add(new LevelProbability(rule.Slug, level, d, judged.Count, judged.Count(l => l >= level)));
                }
            }
        }

        return result;
    }

    /// <summary>Every input has at least one value in [from, to): a member whose column is all null cannot be judged.</summary>
    private static bool HasInputs(HourlyWeather weather, IReadOnlyList<string> inputs, DateTimeOffset from, DateTimeOffset to)
    {
        var i0 = Math.Max(0, weather.IndexOf(from));
        var i1 = Math.Min(weather.Hours, weather.IndexOf(to));
        foreach (var input in inputs)
        {
            var series = weather[input];
            var any = false;
            for (var i = i0; i < i1 && !any; i++)
            {
                any = double.IsFinite(series[i]);
            }

            if (!any)
            {
                return false;
            }
        }

        return true;
    }
}
