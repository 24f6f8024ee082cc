using ClimateWarn.Core.Stations;
using ClimateWarn.Risk.Cards;
using ClimateWarn.Risk.Models;

namespace ClimateWarn.Risk.Frost;

/// <summary>Model and baselines on the same in-season cases, per lead time (the shared <see cref="HazardEvaluation"/>).</summary>
public static class FrostEvaluation
{
    /// <summary>The model warns at this probability (POD/FAR/CSI); the baselines are 0/1 forecasts or a constant.</summary>
    public const double WarnAt = HazardEvaluation.WarnAt;

    public static IReadOnlyList<ForecastSkill> Evaluate(IReadOnlyList<(StationRecord Record, FrostCase Case)> cases, Func<FrostRiskInput, double> model, FrostBaselines baselines)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(baselines);
        return HazardEvaluation.Evaluate(
            [.. cases.Where(c => c.Case.InSeason)],
            FrostCases.Leads,
            c => c.Case.LeadHours,
            c => c.Case.Event,
            c => baselines.Climatology(c.Case),
            [
                new("model", c => model(c.Case.Input), WithReliability: true),
                new("climatology", c => baselines.Climatology(c.Case)),
                new("persistence", c => baselines.Persistence(c.Case) ? 1.0 : 0.0),
                new("rule on persistence", c => baselines.RuleOnPersistence(c.Record, c.Case) ? 1.0 : 0.0),
            ]);
    }
}
