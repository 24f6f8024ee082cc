using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Assess.Rules;

public sealed class HazardOptions
{
    public const string Section = "Hazards";

    /// <summary>Which table of each config/hazards file is in force; a hazard without it falls back to "national".</summary>
    public string Table { get; set; } = "ningxia";
}

/// <summary>
/// The registered hazards, the thresholds in force and which audiences each hazard concerns. A hazard its file disables
/// (<c>"enabled": false</c>, typhoon in Ningxia) is registered but has no rule in <see cref="Table"/>: it is not assessed,
/// needs no guidance, is not offered for issuing and GET /api/hazards lists it as inForce false; <see cref="Disabled"/> names it.
/// </summary>
public sealed record HazardConfiguration(HazardRegistry Registry, HazardTable Table, IReadOnlyDictionary<string, IReadOnlyList<string>> Audiences)
{
    public IReadOnlyList<string> Disabled { get; init; } = [];
}

/// <summary>
/// Reads config/hazards/&lt;slug&gt;.json for every registered hazard into that hazard's thresholds record; an impossible
/// threshold refuses start-up, naming file, field and value.
/// </summary>
public static class HazardConfigLoader
{
    public static readonly IReadOnlySet<string> KnownAudiences = new HashSet<string>(StringComparer.Ordinal) { "agriculture", "health", "emergency" };

    /// <summary>Loads the tables of <paramref name="registry"/>'s hazards (default: the hazards ClimateWarn ships).</summary>
    public static HazardConfiguration Load(string configDirectory, string table, HazardRegistry? registry = null)
    {
        registry ??= new HazardRegistry(BuiltInHazards.All);
        var problems = new List<string>();
        var audiences = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var rules = new List<HazardRule>();
        var disabled = new List<string>();
        foreach (var hazard in registry.All)
        {
            if (Read(hazard, configDirectory, table, problems) is { } read)
            {
                audiences[hazard.Slug] = read.Audiences;
                if (read.Rule is { } rule)
                {
                    rules.Add(rule);
                }
                else
                {
                    disabled.Add(hazard.Slug);
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new StartupConfigurationException(problems);
        }

        var result = new HazardTable(rules);
        var invalid = result.Validate();
        if (invalid.Count > 0)
        {
            throw new StartupConfigurationException([.. invalid.Select(e => Locate(e, result))]);
        }

        return new HazardConfiguration(registry, result, audiences) { Disabled = disabled };
    }

    /// <summary>The hazard's rule from its file, or a null rule when the file disables the hazard; null when the file is wrong.</summary>
    private static (HazardRule? Rule, IReadOnlyList<string> Audiences)? Read(HazardDefinition hazard, string configDirectory, string table, List<string> problems)
    {
        var path = Path.Combine(configDirectory, hazard.ConfigFile);
        var file = JsonConfig.Read<HazardFile>(path, problems);
        if (file is null)
        {
            return null;
        }

        var count = problems.Count;
        if (file.Hazard != hazard.Slug)
        {
            problems.Add($"{path}: hazard = '{file.Hazard}' but the file is for '{hazard.Slug}'");
        }

        foreach (var a in file.Audiences.Where(a => !KnownAudiences.Contains(a)))
        {
            problems.Add($"{path}: audiences contains '{a}', which is not one of {string.Join(", ", KnownAudiences)}");
        }

        if (!file.Enabled)
        {
            return problems.Count > count ? null : (null, file.Audiences);
        }

        var chosen = file.Tables.ContainsKey(table) ? table : "national";
        if (!file.Tables.TryGetValue(chosen, out var element))
        {
            problems.Add($"{path}: tables has neither '{table}' nor 'national'");
            return null;
        }

        try
        {
            if (element.Deserialize(hazard.ThresholdsType, JsonConfig.Strict) is not IHazardThresholds thresholds)
            {
                problems.Add($"{path}: tables.{chosen} is null");
                return null;
            }

            return problems.Count > count ? null : (hazard.Bind(thresholds, $"{file.Version}/{chosen}"), file.Audiences);
        }
        catch (JsonException ex)
        {
            problems.Add($"{path}: tables.{chosen}: {ex.Message}");
            return null;
        }
    }

    /// <summary>
    /// A table with parts for named districts (flash-flood thresholds per catchment) may name only the bureau's districts:
    /// refused at start-up naming the file, the field and the districts there are.
    /// </summary>
    public static void CheckDistricts(HazardConfiguration configuration, PlaceCatalog places)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(places);
        var problems = configuration.Table.Rules
            .Where(r => r.Thresholds is IDistrictScoped)
            .SelectMany(r => ((IDistrictScoped)r.Thresholds).Districts.Where(d => !places.TryGetDistrict(d, out _))
                .Select(d => $"config/{r.Definition.ConfigFile.Replace('\\', '/')} tables.{r.Version.Split('/')[1]}: {((IDistrictScoped)r.Thresholds).DistrictsField} names {d}, which is not a configured district ({places.DistrictCodes})"))
            .ToList();
        if (problems.Count > 0)
        {
            throw new StartupConfigurationException(problems);
        }
    }

    /// <summary>Turns "frost.levels.orange…" into "config/hazards/frost.json tables.ningxia: levels.orange…".</summary>
    private static string Locate(string problem, HazardTable table)
    {
        foreach (var rule in table.Rules.OrderByDescending(r => r.Slug.Length))
        {
            if (problem.StartsWith(rule.Slug + ".", StringComparison.Ordinal))
            {
                return $"config/{rule.Definition.ConfigFile.Replace('\\', '/')} tables.{rule.Version.Split('/')[1]}: {problem[(rule.Slug.Length + 1)..]}";
            }
        }

        return "config/hazards: " + problem;
    }

    /// <summary>A file may set <c>"enabled": false</c> (default true) where the hazard cannot occur; its tables are then not read.</summary>
    private sealed record HazardFile(string Hazard, string Version, string Source, IReadOnlyList<string> Audiences, Dictionary<string, JsonElement> Tables, bool Enabled = true);
}
