using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Warn;

/// <summary>Reads config/guidance/*.json; every level a hazard's table has must have guidance in both languages.</summary>
public static class GuidanceLoader
{
    public static GuidanceCatalog Load(string configDirectory, HazardTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var problems = new List<string>();
        var texts = new Dictionary<(HazardKind, SignalLevel), GuidanceText>();
        foreach (var hazard in Enum.GetValues<HazardKind>())
        {
            var slug = HazardNames.Slug(hazard);
            var path = Path.Combine(configDirectory, "guidance", slug + ".json");
            var file = JsonConfig.Read<GuidanceFile>(path, problems);
            if (file is null)
            {
                continue;
            }

            foreach (var (levelName, text) in file.Levels)
            {
                if (!Enum.TryParse<SignalLevel>(levelName, ignoreCase: true, out var level) || level == SignalLevel.None)
                {
                    problems.Add($"{path}: levels.{levelName} is not a signal level (blue, yellow, orange, red)");
                    continue;
                }

                if (text.Zh.Count == 0 || text.En.Count == 0)
                {
                    problems.Add($"{path}: levels.{levelName} needs guidance in zh and en");
                }

                texts[(hazard, level)] = new GuidanceText(text.Zh, text.En);
            }

            foreach (var level in LevelsOf(table, hazard).Where(l => !texts.ContainsKey((hazard, l))))
            {
                problems.Add($"{path}: levels.{HazardNames.LevelEn(level)} is missing, but the {slug} thresholds have that level");
            }
        }

        return problems.Count > 0 ? throw new StartupConfigurationException(problems) : new GuidanceCatalog(texts);
    }

    private static IEnumerable<SignalLevel> LevelsOf(HazardTable t, HazardKind hazard) => hazard switch
    {
        HazardKind.Rainstorm => t.Rainstorm.Levels.Ascending().Select(l => l.Level),
        HazardKind.ColdWave => t.ColdWave.Levels.Ascending().Select(l => l.Level),
        HazardKind.Gale => t.Gale.Levels.Ascending().Select(l => l.Level),
        HazardKind.Heat => t.Heat.Levels.Ascending().Select(l => l.Level),
        HazardKind.Frost => t.Frost.Levels.Ascending().Select(l => l.Level),
        _ => [],
    };

    private sealed record GuidanceFile(string Hazard, string Note, Dictionary<string, LevelText> Levels);

    private sealed record LevelText(IReadOnlyList<string> Zh, IReadOnlyList<string> En);
}
