using ClimateWarn.Core.Verification;

namespace ClimateWarn.Risk.Cards;

/// <summary>One forecaster's skill on one lead time: the contingency at the warning threshold and the probability scores.</summary>
public sealed record ForecastSkill(
    string Forecaster,
    int LeadHours,
    int Cases,
    int Events,
    Contingency Table,
    double Pod,
    double Far,
    double Csi,
    double Brier,
    double BrierSkillVsClimatology,
    double RocAuc,
    IReadOnlyList<ReliabilityBin>? Reliability)
{
    public static ForecastSkill Of(string forecaster, int lead, IReadOnlyList<double> p, IReadOnlyList<bool> o, IReadOnlyList<double> climatology,
        double warnAt, bool withReliability)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(o);
        var table = Contingency.Of(p.Select((x, i) => (x >= warnAt, o[i])));
        var brier = ProbabilityScores.Brier(p, o);
        return new ForecastSkill(forecaster, lead, p.Count, o.Count(x => x), table, table.Pod, table.Far, table.Csi, brier,
            ProbabilityScores.BrierSkill(brier, ProbabilityScores.Brier(climatology, o)), ProbabilityScores.RocAuc(p, o),
            withReliability ? ProbabilityScores.Reliability(p, o) : null);
    }
}

/// <summary>One evaluation split of a model: which cases were held out, how many it trained on, and the skill of the model and its baselines there.</summary>
public sealed record SplitSkill(string Split, string HeldOut, int TrainingCases, int TestCases, IReadOnlyList<ForecastSkill> Skill);

/// <summary>
/// Whether the server uses the model, decided by committed code from its splits: per lead, only where it beats persistence
/// (a lower Brier score) in every pooled out-of-sample split; otherwise not used, with the reason in both languages.
/// </summary>
public sealed record ModelUse(bool Used, IReadOnlyList<int> Leads, string ReasonZh, string ReasonEn);
