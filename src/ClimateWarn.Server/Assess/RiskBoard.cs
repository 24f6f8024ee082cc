using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;

namespace ClimateWarn.Server.Assess;

public sealed record CellAssessment(GridCell Cell, bool HasData, IReadOnlyList<HazardSignal> Signals)
{
    /// <summary>Model probabilities for this cell, beside the rule's signals.</summary>
    public IReadOnlyList<RiskScore> Scores { get; init; } = [];
}

/// <summary>A district's latest assessment: per hazard the highest level over its cells, and each cell's levels.</summary>
public sealed record DistrictAssessment(string District, DateTimeOffset AssessedAt, IReadOnlyList<HazardSignal> Signals, IReadOnlyList<CellAssessment> Cells)
{
    public static readonly IReadOnlySet<string> AllAssessed = new HashSet<string>(StringComparer.Ordinal);

    public bool HasData => Cells.Any(c => c.HasData);

    /// <summary>Hazards whose inputs are missing or stale here (drought without current indices): the warning engine leaves them alone, so no data never reads as "no hazard".</summary>
    public IReadOnlySet<string> Unassessed { get; init; } = AllAssessed;

    /// <summary>The highest probability over the district's cells for a hazard and lead, or null without a score.</summary>
    public RiskScore? MaxScore(string hazard, int leadHours) =>
        Cells.SelectMany(c => c.Scores).Where(s => s.Hazard == hazard && s.LeadHours == leadHours).MaxBy(s => s.Probability);

    /// <summary>Per model and lead, the highest probability over the district's cells (the district's score), and the cell that has it.</summary>
    public IReadOnlyList<(RiskScore Score, string Cell)> DistrictScores() =>
        [.. Cells.SelectMany(c => c.Scores.Select(s => (Score: s, Cell: c.Cell.Id)))
            .GroupBy(x => (x.Score.Model, x.Score.LeadHours))
            .Select(g => g.MaxBy(x => x.Score.Probability))
            .OrderBy(x => x.Score.Model, StringComparer.Ordinal).ThenBy(x => x.Score.LeadHours)];

    public static DistrictAssessment Aggregate(string district, DateTimeOffset now, IReadOnlyList<CellAssessment> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var signals = cells.SelectMany(c => c.Signals)
            .GroupBy(s => s.Hazard, StringComparer.Ordinal)
            .Select(g =>
            {
                var top = g.Max(s => s.Level);
                var atTop = g.Where(s => s.Level == top).ToList();
                var first = atTop.OrderBy(s => s.From).First();
                return first with { From = atTop.Min(s => s.From), To = atTop.Max(s => s.To) };
            })
            .OrderBy(s => s.Hazard, StringComparer.Ordinal)
            .ToList();
        return new DistrictAssessment(district, now, signals, cells);
    }
}

/// <summary>The latest assessment of every district, for /api/risk and the pages.</summary>
public sealed class RiskBoard
{
    private volatile IReadOnlyDictionary<string, DistrictAssessment> _latest = new Dictionary<string, DistrictAssessment>();

    public DistrictAssessment? For(string district) => _latest.GetValueOrDefault(district);

    public void Publish(IEnumerable<DistrictAssessment> assessments) =>
        _latest = assessments.ToDictionary(a => a.District, StringComparer.Ordinal);
}
