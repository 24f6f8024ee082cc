using System.Globalization;
using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core.Stations;
using ClimateWarn.Risk.Cards;
using ClimateWarn.Risk.Models;

namespace ClimateWarn.Risk.Frost;

/// <summary>
/// Trains the frost model with a time-ordered split: training cases are those whose target day lies before
/// <c>testFrom</c> (all months: the physics of a cold night is learned year-round); held-out cases are issued from
/// <c>testFrom</c> on, inside the frost season. FastTree, one thread, fixed seed: the same data gives the same model.
/// </summary>
public static class FrostRiskTrainer
{
    public const int Seed = 20_210_320;

    private static readonly FastTreeSettings Settings = new(Trees: 100, Leaves: 8, MinimumExampleCountPerLeaf: 10, LearningRate: 0.1, Seed);

    private static double Rate(IEnumerable<FrostCase> cases) => cases.Select(c => c.Event ? 1.0 : 0.0).DefaultIfEmpty(double.NaN).Average();

    public static TrainedModel Train(IReadOnlyList<StationRecord> records, FrostThresholds thresholds, TimeZoneInfo zone, DateOnly testFrom,
        string source, IReadOnlyList<string> files)
    {
        ArgumentNullException.ThrowIfNull(records);
        var all = records.SelectMany(r => FrostCases.From(r, thresholds, zone).Select(c => (Record: r, Case: c))).ToList();
        var training = all.Where(c => c.Case.TargetDay < testFrom).Select(c => c.Case).ToList();
        var test = all.Where(c => FrostCases.LocalDate(c.Case.IssueTime, zone) >= testFrom && c.Case.InSeason).ToList();
        if (training.Count(c => c.Event) < 5 || training.Count(c => !c.Event) < 5)
        {
            throw new InvalidOperationException($"too little to train on: {training.Count} cases, {training.Count(c => c.Event)} events before {testFrom:yyyy-MM-dd}");
        }

        var fitted = ModelFitting.Fit(training.Select(c => c.Input), FrostRiskInput.FeatureNames, Settings);
        var bytes = fitted.ModelZip;
        var skill = FrostEvaluation.Evaluate(test, fitted.Predict, new FrostBaselines(training, thresholds, zone));
        IReadOnlyList<SplitSkill> splits = [.. FrostSplits.LeaveOneStationOut(all, thresholds, zone, Settings, testFrom: null),
            .. FrostSplits.LeaveOneStationOut(all, thresholds, zone, Settings, testFrom)];
        var use = FrostSplits.Decide(splits);

        var card = new ModelCard(
            "frost",
            ModelZip.Version(bytes),
            $"estimated ground minimum (2 m minimum {thresholds.GroundMinimum.AirOffsetC:+0.0;-0.0} °C) below {thresholds.Levels.Blue?.GroundMinBelowC ?? 0} °C on the target day (Beijing day), forecast at 20:00 for 24 h (tomorrow) and 48 h; verified inside the frost seasons only",
            new CardData(source, Synthetic: false, [.. records.Select(r => r.Station)], files,
                FrostCases.LocalDate(records.Min(r => r.Readings[0].Time), zone), FrostCases.LocalDate(records.Max(r => r.Readings[^1].Time), zone),
                testFrom, training.Count, training.Count(c => c.Event), test.Count, test.Count(c => c.Case.Event)),
            FrostRiskInput.FeatureNames,
            FastTreeSettings.Trainer,
            Settings.Parameters,
            $"time-ordered: train on target days before {testFrom:yyyy-MM-dd}, test on issues from {testFrom:yyyy-MM-dd} in season; features use only readings up to the issue time",
            "The rule sets the warning colour from the forecast ground minimum. The model's probability for the next day (24 h lead, highest over the district's grid cells) is shown beside it on the warning and on /api/risk, with the model version; it never changes the colour. A probability of 0.6 or more within 48 h where the rule gives no signal raises a watch (关注, GET /api/watches) for the bureau's attention; it is not a warning.",
            skill,
            [
                "Trained on the only local record available offline: 3-hourly ISD-Lite of Zhongning 53705 and three neighbours, 1 Jan – 20 Apr 2021. Far too short for stable skill: retrain on multi-year history (GSOD / CMA daily import) before operational use.",
                "3-hourly readings overstate the true minimum by 1–3 °C, so the event is defined on those readings, not on a thermometer minimum.",
                string.Create(CultureInfo.InvariantCulture,
                    $"The training cases are mostly winter nights (event rate {Rate(training):0.00}) while the held-out spring has {Rate(test.Select(c => c.Case)):0.00}: the model over-forecasts there (see the reliability tables), and climatology from the training months is a weak baseline."),
                use.Used ? $"Out of sample (each station held out in turn) it is used where it beats persistence: {use.ReasonEn}." : $"NOT USED by the server: {use.ReasonEn}.",
            ],
            splits,
            use);
        return new TrainedModel(bytes, card);
    }
}
