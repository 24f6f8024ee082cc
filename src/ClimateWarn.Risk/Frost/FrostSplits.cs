using System.Globalization;
using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core.Stations;
using ClimateWarn.Risk.Cards;
using ClimateWarn.Risk.Models;

namespace ClimateWarn.Risk.Frost;

/// <summary>
/// The frost model out of sample (issue 14): trained on all stations but one and tried on that one, for every station,
/// over the whole record ("loso") and with the seasons apart as well (train on the other stations' winter, try on the
/// held-out station's spring: "loso-season"); persistence, the rule on persistence and climatology on the same cases.
/// Each split's pooled skill (every held-out station together) decides where the model is used (<see cref="Decide"/>).
/// </summary>
public static class FrostSplits
{
    public const string Loso = "loso";
    public const string LosoSeason = "loso-season";
    public const string Pooled = "all stations pooled";

    /// <param name="testFrom">Null: the whole record of the held-out station; a date: train before it, try the held-out station from it on.</param>
    public static IReadOnlyList<SplitSkill> LeaveOneStationOut(IReadOnlyList<(StationRecord Record, FrostCase Case)> all, FrostThresholds thresholds, TimeZoneInfo zone,
        FastTreeSettings settings, DateOnly? testFrom)
    {
        ArgumentNullException.ThrowIfNull(all);
        var name = testFrom is null ? Loso : LosoSeason;
        var result = new List<SplitSkill>();
        var pooled = new List<(StationRecord Record, FrostCase Case, double Model, double Climate)>();
        var pooledTraining = 0;
        foreach (var station in all.Select(c => c.Case.Station).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var (training, test) = Partition(all, station, zone, testFrom);
            if (training.Count(c => c.Event) < 5 || training.Count(c => !c.Event) < 5 || test.Count == 0)
            {
                continue;
            }

            var fitted = ModelFitting.Fit(training.Select(c => c.Input), FrostRiskInput.FeatureNames, settings);
            var baselines = new FrostBaselines(training, thresholds, zone);
            var scored = test.Select(c => (c.Record, c.Case, Model: fitted.Predict(c.Case.Input), Climate: baselines.Climatology(c.Case))).ToList();
            pooled.AddRange(scored);
            pooledTraining += training.Count;
            result.Add(new SplitSkill(name, station, training.Count, test.Count, Evaluate(scored, baselines, withReliability: false)));
        }

        if (pooled.Count > 0)
        {
            // Persistence and the rule on persistence need no training; climatology is each case's own split's.
            var persistence = new FrostBaselines([], thresholds, zone);
            result.Add(new SplitSkill(name, Pooled, pooledTraining / Math.Max(1, result.Count), pooled.Count, Evaluate(pooled, persistence, withReliability: true)));
        }

        return result;
    }

    /// <summary>
    /// One fold: training is every case of the other stations (before <paramref name="testFrom"/> when given), never one of
    /// <paramref name="station"/>'s; the test is <paramref name="station"/>'s in-season cases (issued from <paramref name="testFrom"/> on when given).
    /// </summary>
    public static (List<FrostCase> Training, List<(StationRecord Record, FrostCase Case)> Test) Partition(IReadOnlyList<(StationRecord Record, FrostCase Case)> all,
        string station, TimeZoneInfo zone, DateOnly? testFrom)
    {
        ArgumentNullException.ThrowIfNull(all);
        var training = all.Where(c => c.Case.Station != station && (testFrom is null || c.Case.TargetDay < testFrom)).Select(c => c.Case).ToList();
        var test = all.Where(c => c.Case.Station == station && c.Case.InSeason && (testFrom is null || FrostCases.LocalDate(c.Case.IssueTime, zone) >= testFrom)).ToList();
        return (training, test);
    }

    /// <summary>
    /// Used for a lead only where the model's Brier score is below persistence's in every pooled split; otherwise not used,
    /// and the reason names the split and the two scores.
    /// </summary>
    public static ModelUse Decide(IReadOnlyList<SplitSkill> splits)
    {
        ArgumentNullException.ThrowIfNull(splits);
        var pooled = splits.Where(s => s.HeldOut == Pooled).ToList();
        if (pooled.Count == 0)
        {
            return new ModelUse(false, [], "没有站点外检验，不使用", "no out-of-sample split to judge it on: not used");
        }

        var used = new List<int>();
        var lost = new List<(string Split, int Lead, double Model, double Persistence)>();
        foreach (var lead in pooled.SelectMany(s => s.Skill).Select(k => k.LeadHours).Distinct().Order())
        {
            var losses = pooled.Select(s => (s.Split, Model: Brier(s, "model", lead), Persistence: Brier(s, "persistence", lead)))
                .Where(x => !(x.Model < x.Persistence)).ToList();
            if (losses.Count == 0)
            {
                used.Add(lead);
            }
            else
            {
                lost.AddRange(losses.Select(x => (x.Split, lead, x.Model, x.Persistence)));
            }
        }

        string Lost(string format) => string.Join("; ", lost.Select(l => string.Format(CultureInfo.InvariantCulture, format, l.Lead, l.Split, l.Model, l.Persistence)));
        return used.Count > 0 && lost.Count == 0
            ? new ModelUse(true, used, "在每种站点外检验中，各预报时效的Brier评分均优于持续性预报", "beats persistence (a lower Brier score) at every lead in every out-of-sample split")
            : used.Count > 0
                ? new ModelUse(true, used, $"仅用于{string.Join("、", used)}小时时效；其余时效不优于持续性预报：{Lost("{0}小时 {1} 模型{2:0.000} 持续性{3:0.000}")}",
                    $"used at {string.Join(", ", used)} h only; elsewhere it does not beat persistence: {Lost("{0} h {1}: model {2:0.000}, persistence {3:0.000}")}")
                : new ModelUse(false, [], $"不使用：站点外检验中不优于持续性预报（Brier评分）：{Lost("{0}小时 {1} 模型{2:0.000} 持续性{3:0.000}")}",
                    $"not used: out of sample it does not beat persistence (Brier score): {Lost("{0} h {1}: model {2:0.000}, persistence {3:0.000}")}");
    }

    private static double Brier(SplitSkill split, string forecaster, int lead) =>
        split.Skill.FirstOrDefault(k => k.Forecaster == forecaster && k.LeadHours == lead)?.Brier ?? double.NaN;

    private static IReadOnlyList<ForecastSkill> Evaluate(IReadOnlyList<(StationRecord Record, FrostCase Case, double Model, double Climate)> cases, FrostBaselines baselines, bool withReliability) =>
        HazardEvaluation.Evaluate(cases, FrostCases.Leads, c => c.Case.LeadHours, c => c.Case.Event, c => c.Climate,
        [
            new("model", c => c.Model, withReliability),
            new("climatology", c => c.Climate),
            new("persistence", c => baselines.Persistence(c.Case) ? 1.0 : 0.0),
            new("rule on persistence", c => baselines.RuleOnPersistence(c.Record, c.Case) ? 1.0 : 0.0),
        ]);
}
