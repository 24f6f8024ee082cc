using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Bureau;

/// <summary>One piece of advice in both languages.</summary>
public sealed record AdviceText(string Zh, string En);

/// <summary>A crop or a group of people, with its advice per hazard slug and level name.</summary>
public sealed record AdviceSubject(string NameZh, string NameEn, IReadOnlyDictionary<string, IReadOnlyDictionary<string, AdviceText>> Advice);

/// <summary>A hazard's name in both languages, for hazards advised on before they have a rule (drought, sandstorm).</summary>
public sealed record HazardName(string Zh, string En);

/// <summary>config/advice/crops.json and health.json as served to the pages (/api/advice).</summary>
public sealed record AdviceCatalog(string CropsNote, IReadOnlyDictionary<string, AdviceSubject> Crops, string HealthNote, IReadOnlyDictionary<string, AdviceSubject> Groups)
{
    /// <summary>Names of the advised hazards that have no rule in force (the registered ones are named by GET /api/hazards).</summary>
    public IReadOnlyDictionary<string, HazardName> HazardNames { get; init; } = new Dictionary<string, HazardName>();
}

/// <summary>
/// Reads the advice texts a bureau edits. The crops and the groups of people are the bureau's: whatever the files list
/// (at least one of each; keys are lower-case slugs). Like the guidance files, a gap refuses start-up with a message naming
/// the file, the crop or group, the hazard and the level: a farmer should never see an empty advice box.
/// </summary>
public static class AdviceLoader
{
    private static readonly string[] LevelNames = ["blue", "yellow", "orange", "red"];

    public static AdviceCatalog Load(string configDirectory, GuidanceCatalog guidance)
    {
        ArgumentNullException.ThrowIfNull(guidance);
        var problems = new List<string>();
        var names = new Dictionary<string, HazardName>(StringComparer.Ordinal);
        var crops = Read(Path.Combine(configDirectory, "advice", "crops.json"), f => f.Crops, "crops", guidance, names, problems);
        var health = Read(Path.Combine(configDirectory, "advice", "health.json"), f => f.Groups, "groups", guidance, names, problems);
        return problems.Count > 0
            ? throw new StartupConfigurationException(problems)
            : new AdviceCatalog(crops.Note, crops.Subjects, health.Note, health.Subjects) { HazardNames = names };
    }

    private static (string Note, IReadOnlyDictionary<string, AdviceSubject> Subjects) Read(
        string path, Func<AdviceFile, Dictionary<string, AdviceSubject>?> pick, string member,
        GuidanceCatalog guidance, Dictionary<string, HazardName> names, List<string> problems)
    {
        var file = JsonConfig.Read<AdviceFile>(path, problems);
        if (file is null)
        {
            return ("", new Dictionary<string, AdviceSubject>());
        }

        if (string.IsNullOrWhiteSpace(file.Note))
        {
            problems.Add($"{path}: note is empty; say whose wording the texts are");
        }

        if (file.Hazards.Count == 0)
        {
            problems.Add($"{path}: hazards is empty; list the hazards the file advises on");
        }

        foreach (var (hazard, levels) in file.Hazards)
        {
            CheckLevels(path, hazard, levels, guidance, problems);
            // A hazard with a rule in force is named by its definition; one advised on before it has a rule needs its name here.
            var ruled = Enum.GetValues<SignalLevel>().Any(l => guidance.Has(hazard, l));
            if (file.Names?.GetValueOrDefault(hazard) is { } name && !string.IsNullOrWhiteSpace(name.Zh) && !string.IsNullOrWhiteSpace(name.En))
            {
                names[hazard] = name;
            }
            else if (!ruled)
            {
                problems.Add($"{path}: hazards.{hazard} has no rule in force, so names.{hazard} needs zh and en");
            }
        }

        var subjects = pick(file) ?? [];
        if (subjects.Count == 0)
        {
            problems.Add($"{path}: {member} is empty; list at least one, each with nameZh, nameEn and advice");
        }

        foreach (var (key, subject) in subjects)
        {
            var at = $"{path}: {member}.{key}";
            if (key.Length is 0 or > 32 || !key.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '-'))
            {
                problems.Add($"{at}: a key is a slug of 1–32 lower-case letters, digits or '-' (it travels in subscriptions and URLs)");
            }

            if (string.IsNullOrWhiteSpace(subject.NameZh) || string.IsNullOrWhiteSpace(subject.NameEn))
            {
                problems.Add($"{at} needs nameZh and nameEn");
            }

            foreach (var (hazard, levels) in file.Hazards)
            {
                foreach (var level in levels)
                {
                    var text = subject.Advice.GetValueOrDefault(hazard)?.GetValueOrDefault(level);
                    if (text is null || string.IsNullOrWhiteSpace(text.Zh) || string.IsNullOrWhiteSpace(text.En))
                    {
                        problems.Add($"{at}.advice.{hazard}.{level} needs zh and en text");
                    }
                }
            }
        }

        return (file.Note, subjects);
    }

    /// <summary>Level names must be real; for a hazard with thresholds, every level its table has needs advice.</summary>
    private static void CheckLevels(string path, string hazard, IReadOnlyList<string> levels, GuidanceCatalog guidance, List<string> problems)
    {
        foreach (var level in levels.Where(l => !LevelNames.Contains(l)))
        {
            problems.Add($"{path}: hazards.{hazard} lists '{level}', not a signal level (blue, yellow, orange, red)");
        }

        // Hazards without thresholds here (drought, sandstorm are advised on before they have rules) have no guidance.
        foreach (var level in Enum.GetValues<SignalLevel>().Where(l => l != SignalLevel.None && guidance.Has(hazard, l)))
        {
            var name = SignalLevels.En(level);
            if (!levels.Contains(name))
            {
                problems.Add($"{path}: hazards.{hazard} lacks '{name}', but the {hazard} thresholds have that level");
            }
        }
    }

    private sealed record AdviceFile(
        string Note,
        Dictionary<string, IReadOnlyList<string>> Hazards,
        Dictionary<string, HazardName>? Names = null,
        Dictionary<string, AdviceSubject>? Crops = null,
        Dictionary<string, AdviceSubject>? Groups = null);
}
