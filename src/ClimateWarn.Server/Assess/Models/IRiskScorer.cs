using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Risk.Synthetic;

namespace ClimateWarn.Server.Assess.Models;

/// <summary>What a scorer may read for one grid cell at the run time.</summary>
/// <param name="Hourly">The cell's stored hours: observations up to now, the forecast after it.</param>
/// <param name="View">The cell's daily view (forecast windows, past precipitation, drought indices), where it can be built.</param>
public sealed record ScoringInput(string Cell, string District, DateTimeOffset Now, IReadOnlyList<TimeSeriesValue> Hourly, IssueView? View);

/// <summary>
/// One model scored beside the rules: every scorer (frost on the cell's hours, the synthetic-trained models on the
/// daily view) implements this, and the assessment runs them all. A scorer holds its model through a
/// <see cref="ModelSlot{TModel}"/>: loaded once, reloaded when replaced, refused at start-up when its schema does not match.
/// </summary>
public interface IRiskScorer
{
    /// <summary>The model's name, which is also its folder under models/.</summary>
    string Model { get; }

    string Version { get; }

    bool Reload();

    /// <summary>The official rule and level whose event the model forecasts (frost: frost blue), where there is one: what its probabilities are verified against.</summary>
    (string Hazard, ClimateWarn.Core.Hazards.SignalLevel Level)? RuleEvent => null;

    IReadOnlyList<RiskScore> Score(ScoringInput input);
}
