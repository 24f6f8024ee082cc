using System.Text.RegularExpressions;
using ClimateWarn.Core.Hazards;

namespace ClimateWarn.Core.Warnings;

/// <summary>A message text with placeholders, in both languages.</summary>
public sealed record MessageTemplate(string Zh, string En);

/// <summary>
/// The bureau's own wording of a warning's text per hazard (and, where it differs, per level), from config/templates/:
/// "{observatory}{time}{verb}{hazard}{level}预警信号：受冷空气影响，预计{period}（{from}至{to}），{districts}{cause}…". A hazard
/// without a template is worded by <see cref="WarningComposer"/>'s own sentence.
/// </summary>
public sealed partial class MessageTemplates(IReadOnlyDictionary<(string Hazard, SignalLevel Level), MessageTemplate> byLevel, IReadOnlyDictionary<string, MessageTemplate> byHazard)
{
    /// <summary>What a template may name: the observatory, the issue time, the verb (发布, 升级…), the hazard, the level, the period in words, its start and end, the districts and the cause.</summary>
    public static readonly IReadOnlyList<string> Placeholders = ["observatory", "time", "verb", "hazard", "level", "period", "from", "to", "districts", "cause"];

    public static MessageTemplates None { get; } = new(new Dictionary<(string, SignalLevel), MessageTemplate>(), new Dictionary<string, MessageTemplate>());

    public MessageTemplate? For(string hazard, SignalLevel level) => byLevel.GetValueOrDefault((hazard, level)) ?? byHazard.GetValueOrDefault(hazard);

    public static string Fill(string template, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
    }

    /// <summary>The placeholders a template names that are not among <see cref="Placeholders"/>.</summary>
    public static IEnumerable<string> Unknown(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups[1].Value).Where(n => !Placeholders.Contains(n)).Distinct();

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}
