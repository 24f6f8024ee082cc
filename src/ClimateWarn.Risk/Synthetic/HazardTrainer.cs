using System.Globalization;
using ClimateWarn.Risk.Cards;
using ClimateWarn.Risk.Models;

namespace ClimateWarn.Risk.Synthetic;

/// <summary>
/// Trains any <see cref="IHazardDefinition{TInput}"/> on a training run (<see cref="SyntheticRun"/> or
/// <see cref="Reanalysis.ReanalysisRun"/>) with a time-ordered split: training cases end (their target day) before the
/// held-out years begin, held-out cases are issued inside them. The card states what the data are, in its
/// data.synthetic and data.reanalysis flags and in words, and measures the model against climatology and the
/// official-threshold rule on the same held-out cases.
/// </summary>
public static class HazardTrainer
{
    public const string NotOperational = "Trained on SYNTHETIC weather from the ClimateWarn.WeatherGen stochastic generator, not on observations: the skill below is skill on made-up weather with an assumed forecast error. It must be retrained on real history before operational use (station precipitation, gauged or modelled discharge, archived forecasts).";

    public const string ForecastsAssumed = "The forecasts the model learned from are synthetic too: the truth with an assumed error (timing slips, misses, false alarms, log-normal amounts growing with lead). Real forecast errors differ; the rule baseline sees the same synthetic forecast.";

    /// <summary>Every held-out case of the run, as the trainer splits it (for comparing another model on the same cases).</summary>
    public static IReadOnlyList<HazardCase<TInput>> HeldOut<TInput>(IHazardDefinition<TInput> hazard, ITrainingRun run)
        where TInput : class, IRiskInput, new() => [.. Cases(hazard, run).Where(c => c.IssueDay >= run.TestFrom)];

    private static IEnumerable<HazardCase<TInput>> Cases<TInput>(IHazardDefinition<TInput> hazard, ITrainingRun run)
        where TInput : class, IRiskInput, new() =>
        run.Districts.Where(d => run.Takes(hazard.Hazard, d)).SelectMany(d => SyntheticRun.Cases(hazard, d));

    public static TrainedModel Train<TInput>(IHazardDefinition<TInput> hazard, ITrainingRun run)
        where TInput : class, IRiskInput, new()
    {
        ArgumentNullException.ThrowIfNull(hazard);
        ArgumentNullException.ThrowIfNull(run);
        var all = Cases(hazard, run).ToList();
        var training = all.Where(c => c.TargetDay < run.TestFrom).ToList();
        var test = all.Where(c => c.IssueDay >= run.TestFrom).ToList();
        if (training.Count(c => c.Event) < 5 || training.Count(c => !c.Event) < 5)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"too little to train {hazard.Hazard} on: {training.Count} cases, {training.Count(c => c.Event)} events before {run.TestFrom:yyyy-MM-dd}; {(run.Synthetic ? "generate more years (--years)" : "a longer record is needed")}"));
        }

        var fitted = ModelFitting.Fit(training.Select(c => c.Input), hazard.FeatureNames, hazard.Settings);
        var climatology = new MonthlyClimatology(training.Select(c => (c.TargetDay.Month, c.Event)));
        var skill = HazardEvaluation.Evaluate(test, hazard.Leads, c => c.LeadHours, c => c.Event, c => climatology.For(c.TargetDay.Month),
        [
            new("model", c => fitted.Predict(c.Input), WithReliability: true),
            new("climatology", c => climatology.For(c.TargetDay.Month)),
            new("official threshold rule", c => c.Rule ? 1.0 : 0.0),
        ]);
        var c = CultureInfo.InvariantCulture;
        var card = new ModelCard(
            hazard.Hazard,
            ModelZip.Version(fitted.ModelZip),
            hazard.EventFor([.. run.Districts.Where(d => run.Takes(hazard.Hazard, d)).Select(d => d.Series.Climate)]),
            new CardData(
                run.Source,
                run.Synthetic,
                [.. run.Districts.Where(d => run.Takes(hazard.Hazard, d)).Select(d => d.Series.Climate.District)],
                run.Files,
                run.FirstDay, run.LastDay, run.TestFrom, training.Count, training.Count(x => x.Event), test.Count, test.Count(x => x.Event))
            {
                Reanalysis = run.Reanalysis,
            },
            hazard.FeatureNames,
            FastTreeSettings.Trainer,
            hazard.Settings.Parameters,
            string.Create(c, $"time-ordered: train on cases whose target day is before {run.TestFrom:yyyy-MM-dd}, test on issues from {run.TestFrom:yyyy-MM-dd} ({run.HeldOutWords}); features use only the days before the issue and the forecast issued then; drought indices calibrated on the training years only. Official threshold rule: {hazard.Rule}"),
            hazard.Combination,
            skill,
            [
                .. run.Caveats,
                string.Create(c, $"Event rate: training {Rate(training):0.0000}, held out {Rate(test):0.0000}."),
                .. hazard.Caveats,
            ]);
        // A model on real truth is used only where it earns it; a synthetic one never is (its card carries no decision).
        return new TrainedModel(fitted.ModelZip, run.Synthetic ? card : card with { Use = Reanalysis.ReanalysisRun.Decide(skill, hazard.Leads) });
    }

    private static double Rate<TInput>(List<HazardCase<TInput>> cases) => cases.Count == 0 ? double.NaN : cases.Average(x => x.Event ? 1.0 : 0.0);
}
