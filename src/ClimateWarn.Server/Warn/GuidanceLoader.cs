using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Warn;

/// <summary>Reads config/guidance/&lt;slug&gt;.json of every hazard in force; every level a hazard's table has must have guidance in both languages.</summary>
public static class GuidanceLoader
{
    public static GuidanceCatalog Load(string configDirectory, HazardTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var problems = new List<string>();
        var texts = new Dictionary<(string, SignalLevel), GuidanceText>();
        foreach (var rule in table.Rules)
        {
            var slug = rule.Slug;
            var path = Path.Combine(configDirectory, rule.Definition.GuidanceFile);
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

                texts[(slug, level)] = new GuidanceText(text.Zh, text.En);
            }

            foreach (var level in rule.ConfiguredLevels.Where(l => !texts.ContainsKey((slug, l))))
            {
                problems.Add($"{path}: levels.{SignalLevels.En(level)} is missing, but the {slug} thresholds have that level");
            }
        }

        return problems.Count > 0 ? throw new StartupConfigurationException(problems) : new GuidanceCatalog(texts);
    }

    private sealed record GuidanceFile(string Hazard, string Note, Dictionary<string, LevelText> Levels);

    private sealed record LevelText(IReadOnlyList<string> Zh, IReadOnlyList<string> En);
}
