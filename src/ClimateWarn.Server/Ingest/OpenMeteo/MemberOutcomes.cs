using ClimateWarn.Core;
using ClimateWarn.Core.Ensembles;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Server.Ingest.OpenMeteo;

/// <summary>Each member's levels at one place (a grid cell, or the district: the highest over its cells member by member).</summary>
public sealed record PlaceLevels(string Place, IReadOnlyDictionary<string, MemberLevels> Members);

/// <summary>
/// The warning rules on every member (or model) of an answer, cell by cell, then the district's: a member meets a level in
/// the district when it does in any of its cells. Cells run in parallel; each member's rules are independent.
/// </summary>
public static class MemberOutcomes
{
    public static IReadOnlyList<PlaceLevels> Score(IReadOnlyList<HazardRule> rules, District district, MemberAnswer answer, IReadOnlyCollection<string> members,
        DateTimeOffset now, int leadDays)
    {
        ArgumentNullException.ThrowIfNull(district);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(members);
        var empty = new HourlyWeather(string.Empty, now, 0);
        var cells = new PlaceLevels[district.Cells.Count];
        Parallel.For(0, district.Cells.Count, i =>
        {
            var byMember = new Dictionary<string, MemberLevels>(StringComparer.Ordinal);
            foreach (var member in members)
            {
                var weather = answer.Locations[i].Members.GetValueOrDefault(member) ?? empty;
                byMember[member] = MemberScoring.Levels(rules, weather, now, TimeZones.Shanghai, district.Code, leadDays);
            }

            cells[i] = new PlaceLevels(district.Cells[i].Id, byMember);
        });
        var whole = members.ToDictionary(m => m, m => MemberLevels.Highest([.. cells.Select(c => c.Members[m])]), StringComparer.Ordinal);
        return [.. cells, new PlaceLevels(district.Code, whole)];
    }
}
