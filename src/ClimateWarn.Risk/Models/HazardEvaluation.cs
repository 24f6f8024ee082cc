using ClimateWarn.Risk.Cards;

namespace ClimateWarn.Risk.Models;

/// <summary>One forecaster in a comparison: the model (with its reliability table) or a baseline.</summary>
public sealed record Forecaster<TCase>(string Name, Func<TCase, double> Probability, bool WithReliability = false);

/// <summary>The model and its baselines on the same held-out cases, per lead time, scored against climatology.</summary>
public static class HazardEvaluation
{
    /// <summary>The models warn at this probability (POD/FAR/CSI); the baselines are 0/1 forecasts or a constant.</summary>
    public const double WarnAt = 0.5;

    public static IReadOnlyList<ForecastSkill> Evaluate<TCase>(IReadOnlyList<TCase> cases, IEnumerable<int> leads, Func<TCase, int> leadOf,
        Func<TCase, bool> outcome, Func<TCase, double> climatology, IReadOnlyList<Forecaster<TCase>> forecasters)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(leads);
        ArgumentNullException.ThrowIfNull(forecasters);
        var result = new List<ForecastSkill>();
        foreach (var lead in leads)
        {
            var set = cases.Where(c => leadOf(c) == lead).ToList();
            if (set.Count == 0)
            {
                continue;
            }

            var observed = set.Select(outcome).ToList();
            var climate = set.Select(climatology).ToList();
            foreach (var f in forecasters)
            {
                result.Add(ForecastSkill.Of(f.Name, lead, [.. set.Select(f.Probability)], observed, climate, WarnAt, f.WithReliability));
            }
        }

        return result;
    }
}
