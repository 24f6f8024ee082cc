using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.ColdWave;
using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core.Hazards.Gale;
using ClimateWarn.Core.Hazards.Heat;
using ClimateWarn.Core.Hazards.Rainstorm;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Assess.Rules;

public sealed class HazardOptions
{
    public const string Section = "Hazards";

    /// <summary>Which table of each config/hazards file is in force; a hazard without it falls back to "national".</summary>
    public string Table { get; set; } = "ningxia";
}

/// <summary>The thresholds in force and which audiences each hazard concerns.</summary>
public sealed record HazardConfiguration(HazardTable Table, IReadOnlyDictionary<HazardKind, IReadOnlyList<string>> Audiences);

/// <summary>Reads config/hazards/*.json; an impossible threshold refuses start-up, naming file, field and value.</summary>
public static class HazardConfigLoader
{
    public static readonly IReadOnlySet<string> KnownAudiences = new HashSet<string>(StringComparer.Ordinal) { "agriculture", "health", "emergency" };

    public static HazardConfiguration Load(string configDirectory, string table)
    {
        var problems = new List<string>();
        var audiences = new Dictionary<HazardKind, IReadOnlyList<string>>();
        var versions = new Dictionary<HazardKind, string>();
        T? Read<T>(HazardKind hazard)
            where T : class
        {
            var slug = HazardNames.Slug(hazard);
            var path = Path.Combine(configDirectory, "hazards", slug + ".json");
            var file = JsonConfig.Read<HazardFile>(path, problems);
            if (file is null)
            {
                return null;
            }

            if (file.Hazard != slug)
            {
                problems.Add($"{path}: hazard = '{file.Hazard}' but the file is for '{slug}'");
            }

            foreach (var a in file.Audiences.Where(a => !KnownAudiences.Contains(a)))
            {
                problems.Add($"{path}: audiences contains '{a}', which is not one of {string.Join(", ", KnownAudiences)}");
            }

            audiences[hazard] = file.Audiences;
            var chosen = file.Tables.ContainsKey(table) ? table : "national";
            if (!file.Tables.TryGetValue(chosen, out var element))
            {
                problems.Add($"{path}: tables has neither '{table}' nor 'national'");
                return null;
            }

            versions[hazard] = $"{file.Version}/{chosen}";
            try
            {
                var value = element.Deserialize<T>(JsonConfig.Strict);
                if (value is null)
                {
                    problems.Add($"{path}: tables.{chosen} is null");
                }

                return value;
            }
            catch (JsonException ex)
            {
                problems.Add($"{path}: tables.{chosen}: {ex.Message}");
                return null;
            }
        }

        var rainstorm = Read<RainstormThresholds>(HazardKind.Rainstorm);
        var coldWave = Read<ColdWaveThresholds>(HazardKind.ColdWave);
        var gale = Read<GaleThresholds>(HazardKind.Gale);
        var heat = Read<HeatThresholds>(HazardKind.Heat);
        var frost = Read<FrostThresholds>(HazardKind.Frost);
        if (problems.Count > 0 || rainstorm is null || coldWave is null || gale is null || heat is null || frost is null)
        {
            throw new StartupConfigurationException(problems);
        }

        var result = new HazardTable(rainstorm, coldWave, gale, heat, frost, versions);
        var invalid = result.Validate();
        if (invalid.Count > 0)
        {
            throw new StartupConfigurationException([.. invalid.Select(e => Locate(e, versions))]);
        }

        return new HazardConfiguration(result, audiences);
    }

    /// <summary>Turns "frost.levels.orange…" into "config/hazards/frost.json tables.ningxia: levels.orange…".</summary>
    private static string Locate(string problem, Dictionary<HazardKind, string> versions)
    {
        foreach (var (hazard, version) in versions)
        {
            var slug = HazardNames.Slug(hazard);
            if (problem.StartsWith(slug + ".", StringComparison.Ordinal))
            {
                return $"config/hazards/{slug}.json tables.{version.Split('/')[1]}: {problem[(slug.Length + 1)..]}";
            }
        }

        return "config/hazards: " + problem;
    }

    private sealed record HazardFile(string Hazard, string Version, string Source, IReadOnlyList<string> Audiences, Dictionary<string, JsonElement> Tables);
}
