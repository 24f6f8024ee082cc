using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Warn;

/// <summary>
/// Reads config/templates/&lt;slug&gt;.json, the bureau's wording of warning texts (optional: a hazard without a file is
/// worded by the composer's own sentence). A template for a hazard not in force, a level the hazard lacks, a text in
/// only one language or an unknown placeholder refuses start-up naming the file and the field.
/// </summary>
public static class TemplateLoader
{
    public static MessageTemplates Load(string configDirectory, HazardTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var folder = Path.Combine(configDirectory, "templates");
        if (!Directory.Exists(folder))
        {
            return MessageTemplates.None;
        }

        var problems = new List<string>();
        var byHazard = new Dictionary<string, MessageTemplate>(StringComparer.Ordinal);
        var byLevel = new Dictionary<(string, SignalLevel), MessageTemplate>();
        foreach (var path in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var file = JsonConfig.Read<TemplateFile>(path, problems);
            if (file is null)
            {
                continue;
            }

            var rule = table.Rules.FirstOrDefault(r => r.Slug == file.Hazard);
            if (rule is null || Path.GetFileNameWithoutExtension(path) != file.Hazard)
            {
                problems.Add($"{path}: hazard '{file.Hazard}' must be a hazard in force ({string.Join(", ", table.Rules.Select(r => r.Slug))}) named like its file");
                continue;
            }

            if (Check(path, "text", file.Text, problems))
            {
                byHazard[file.Hazard] = new MessageTemplate(file.Text!.Zh!, file.Text.En!);
            }

            foreach (var (name, text) in file.Levels ?? [])
            {
                if (!Enum.TryParse<SignalLevel>(name, ignoreCase: true, out var level) || !rule.ConfiguredLevels.Contains(level))
                {
                    problems.Add($"{path}: levels.{name}: the {file.Hazard} thresholds have {string.Join(", ", rule.ConfiguredLevels.Select(SignalLevels.En))}");
                }
                else if (Check(path, $"levels.{name}", text, problems))
                {
                    byLevel[(file.Hazard, level)] = new MessageTemplate(text.Zh!, text.En!);
                }
            }
        }

        return problems.Count > 0 ? throw new StartupConfigurationException(problems) : new MessageTemplates(byLevel, byHazard);
    }

    private static bool Check(string path, string field, TextFile? text, List<string> problems)
    {
        if (text is null)
        {
            return false;
        }

        var ok = true;
        foreach (var (lang, value) in new[] { ("zh", text.Zh), ("en", text.En) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{path}: {field}.{lang} is empty; a template needs both languages");
                ok = false;
                continue;
            }

            foreach (var unknown in MessageTemplates.Unknown(value))
            {
                problems.Add($"{path}: {field}.{lang} names {{{unknown}}}, not a placeholder ({string.Join(", ", MessageTemplates.Placeholders.Select(p => "{" + p + "}"))})");
                ok = false;
            }
        }

        return ok;
    }

    private sealed record TemplateFile(string Hazard, string Note, TextFile? Text = null, Dictionary<string, TextFile>? Levels = null);

    private sealed record TextFile(string? Zh = null, string? En = null);
}
