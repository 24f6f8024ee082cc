using ClimateWarn.Core.Hazards;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Assess;

public sealed class WatchOptions
{
    public const string Section = "Risk:Watch";

    /// <summary>A model probability at or above this, where the rule is silent, raises a watch (关注).</summary>
    [Range(0.0, 1.0)]
    public double Probability { get; set; } = 0.6;

    /// <summary>Only leads up to this many hours raise a watch.</summary>
    [Range(1, 240)]
    public int MaxLeadHours { get; set; } = 48;

    /// <summary>Off by default: a model trained on synthetic weather must not prompt operational attention.</summary>
    public bool FromSyntheticModels { get; set; }
}

/// <summary>A model's prompt where the official rule gives no signal: not a warning, changes no colour, needs no approval.</summary>
public sealed record Watch(string District, string Model, string? Hazard, int LeadHours, DateOnly TargetDay, double Probability, string ModelVersion, bool Synthetic)
{
    /// <summary>The model learned from ERA5 reanalysis (real weather, assumed forecast error), not station observations.</summary>
    public bool Reanalysis { get; init; }
}

/// <summary>
/// How rules and models combine (the models' cards say the same): the rule sets any warning's colour; a model whose
/// probability reaches <see cref="WatchOptions.Probability"/> where the rule for its hazard is silent raises a watch for
/// the bureau's attention, shown on the dashboards and at GET /api/watches.
/// </summary>
public sealed class Watches(RiskBoard board, IOptions<WatchOptions> options)
{
    public IReadOnlyList<Watch> For(IEnumerable<string> districts) =>
        [.. districts.Select(board.For).OfType<DistrictAssessment>().SelectMany(a => Raise(a, options.Value))];

    public static IEnumerable<Watch> Raise(DistrictAssessment assessment, WatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(options);
        return assessment.DistrictScores()
            .Select(x => x.Score)
            .Where(s => s.Probability >= options.Probability && s.LeadHours <= options.MaxLeadHours && (!s.Synthetic || options.FromSyntheticModels))
            .Where(s => s.RuleHazard is not { } h || assessment.Signals.All(signal => signal.Hazard != h))
            .GroupBy(s => s.Model, StringComparer.Ordinal)
            .Select(g => g.MaxBy(s => s.Probability)!)
            .Select(s => new Watch(assessment.District, s.Model, s.RuleHazard, s.LeadHours, s.TargetDay,
                Math.Round(s.Probability, 3), s.ModelVersion, s.Synthetic) { Reanalysis = s.Reanalysis });
    }
}
