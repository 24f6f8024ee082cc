using System.Globalization;
using ClimateWarn.Server.Ingest.OpenMeteo;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Skill;

/// <summary>
/// OpenMeteo:Model = "auto": the deterministic model the skill table verifies best — the highest critical success index
/// over its lead-day-0 pairs pooled across hazards and levels, among models with at least <see cref="MinPairs"/> of them
/// and at least one event — re-judged every six hours; Open-Meteo's best_match until one qualifies. Any other setting
/// is used as configured.
/// </summary>
public sealed partial class BestVerifiedModel(SkillTable skill, IOptions<OpenMeteoOptions> options, TimeProvider time, ILogger<BestVerifiedModel> logger) : IDrivingModel
{
    public const int MinPairs = 100;
    private static readonly TimeSpan Rejudge = TimeSpan.FromHours(6);
    private (DateTimeOffset At, string Model)? _chosen;

    public async Task<string> ChooseAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Model != ConfiguredDrivingModel.Auto)
        {
            return options.Value.Model;
        }

        var now = time.GetUtcNow();
        if (_chosen is { } c && now - c.At < Rejudge)
        {
            return c.Model;
        }

        var report = await skill.ComputeAsync(90, cancellationToken);
        var (model, why) = Choose(report.Rows);
        LogChosen(logger, model, why);
        _chosen = (now, model);
        return model;
    }

    /// <summary>The best-verified model by pooled lead-day-0 CSI, or best_match with the reason none qualified.</summary>
    public static (string Model, string Why) Choose(IReadOnlyList<SkillRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var candidates = rows.Where(r => r.Kind == "model" && r.LeadDay == 0).GroupBy(r => r.Model, StringComparer.Ordinal)
            .Select(g => (Model: g.Key, Pairs: g.Sum(r => r.Pairs), Hits: g.Sum(r => r.Hits), Misses: g.Sum(r => r.Misses), FalseAlarms: g.Sum(r => r.FalseAlarms)))
            .Where(m => m.Pairs >= MinPairs && m.Hits + m.Misses > 0)
            .Select(m => (m.Model, m.Pairs, Csi: (double)m.Hits / (m.Hits + m.Misses + m.FalseAlarms)))
            .OrderByDescending(m => m.Csi).ThenBy(m => m.Model, StringComparer.Ordinal).ToList();
        return candidates.Count == 0
            ? (ConfiguredDrivingModel.BestMatch, string.Create(CultureInfo.InvariantCulture, $"no model has {MinPairs} verified lead-day-0 pairs with an event yet"))
            : (candidates[0].Model, string.Create(CultureInfo.InvariantCulture, $"CSI {candidates[0].Csi:0.000} over {candidates[0].Pairs} pairs, the best of {candidates.Count}"));
    }

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "OpenMeteo:Model auto: the forecast comes from {Model} ({Why})")]
    private static partial void LogChosen(ILogger logger, string model, string why);
}
