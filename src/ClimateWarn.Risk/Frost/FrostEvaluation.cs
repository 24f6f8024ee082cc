using ClimateWarn.Core.Stations;
using ClimateWarn.Risk.Cards;

namespace ClimateWarn.Risk.Frost;

/// <summary>Model and baselines on the same in-season cases, per lead time.</summary>
public static class FrostEvaluation
{
    /// <summary>The model warns at this probability (POD/FAR/CSI); the baselines are 0/1 forecasts or a constant.</summary>
    public const double WarnAt = 0.5;

    public static IReadOnlyList<ForecastSkill> Evaluate(IReadOnlyList<(StationRecord Record, FrostCase Case)> cases, Func<FrostRiskInput, double> model, FrostBaselines baselines)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(baselines);
        var result = new List<ForecastSkill>();
        foreach (var lead in FrostCases.Leads)
        {
            var set = cases.Where(c => c.Case.LeadHours == lead && c.Case.InSeason).ToList();
            if (set.Count == 0)
            {
                continue;
            }

            var outcome = set.Select(c => c.Case.Event).ToList();
            var climate = set.Select(c => baselines.Climatology(c.Case)).ToList();
            result.Add(ForecastSkill.Of("model", lead, [.. set.Select(c => model(c.Case.Input))], outcome, climate, WarnAt, withReliability: true));
            result.Add(ForecastSkill.Of("climatology", lead, climate, outcome, climate, WarnAt, withReliability: false));
            result.Add(ForecastSkill.Of("persistence", lead, [.. set.Select(c => baselines.Persistence(c.Case) ? 1.0 : 0.0)], outcome, climate, WarnAt, withReliability: false));
            result.Add(ForecastSkill.Of("rule on persistence", lead, [.. set.Select(c => baselines.RuleOnPersistence(c.Record, c.Case) ? 1.0 : 0.0)], outcome, climate, WarnAt, withReliability: false));
        }

        return result;
    }
}
