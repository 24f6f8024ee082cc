namespace ClimateWarn.Core.Verification;

/// <summary>Warned / not warned against happened / not (DOMAIN §4): hits a, false alarms b, misses c, correct negatives d.</summary>
public readonly record struct Contingency(int Hits, int FalseAlarms, int Misses, int CorrectNegatives)
{
    public int Total => Hits + FalseAlarms + Misses + CorrectNegatives;

    /// <summary>Probability of detection a/(a+c); NaN when nothing happened.</summary>
    public double Pod => Ratio(Hits, Hits + Misses);

    /// <summary>False-alarm ratio b/(a+b); NaN when nothing was warned.</summary>
    public double Far => Ratio(FalseAlarms, Hits + FalseAlarms);

    /// <summary>Critical success index a/(a+b+c).</summary>
    public double Csi => Ratio(Hits, Hits + FalseAlarms + Misses);

    /// <summary>Frequency bias (a+b)/(a+c).</summary>
    public double Bias => Ratio(Hits + FalseAlarms, Hits + Misses);

    public static Contingency Of(IEnumerable<(bool Warned, bool Happened)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        int a = 0, b = 0, c = 0, d = 0;
        foreach (var (warned, happened) in pairs)
        {
            _ = (warned, happened) switch
            {
                (true, true) => a++,
                (true, false) => b++,
                (false, true) => c++,
                _ => d++,
            };
        }

        return new Contingency(a, b, c, d);
    }

    private static double Ratio(int n, int d) => d == 0 ? double.NaN : (double)n / d;
}

public sealed record ReliabilityBin(double From, double To, int Count, double MeanForecast, double ObservedFrequency);

/// <summary>Scores of probability forecasts against binary outcomes.</summary>
public static class ProbabilityScores
{
    public static double Brier(IReadOnlyList<double> p, IReadOnlyList<bool> o)
    {
        Check(p, o);
        return p.Count == 0 ? double.NaN : p.Select((x, i) => Math.Pow(x - (o[i] ? 1 : 0), 2)).Average();
    }

    /// <summary>1 − BS/BS_ref; against climatology the reference forecasts the base rate every time.</summary>
    public static double BrierSkill(double brier, double reference) => reference == 0 ? double.NaN : 1 - (brier / reference);

    /// <summary>ROC area by the rank-sum (Mann–Whitney) statistic, ties counted half; NaN without both outcomes.</summary>
    public static double RocAuc(IReadOnlyList<double> p, IReadOnlyList<bool> o)
    {
        Check(p, o);
        var positives = o.Count(x => x);
        var negatives = o.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        var ranked = p.Select((x, i) => (x, o[i])).OrderBy(t => t.x).ToList();
        double rankSum = 0;
        for (var i = 0; i < ranked.Count;)
        {
            var j = i;
            while (j < ranked.Count && ranked[j].x == ranked[i].x)
            {
                j++;
            }

            var meanRank = ((i + 1) + j) / 2.0;
            rankSum += meanRank * ranked.Skip(i).Take(j - i).Count(t => t.Item2);
            i = j;
        }

        return (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>Ten equal bins of forecast probability: how often the event happened when it was forecast so.</summary>
    public static IReadOnlyList<ReliabilityBin> Reliability(IReadOnlyList<double> p, IReadOnlyList<bool> o, int bins = 10)
    {
        Check(p, o);
        return [.. Enumerable.Range(0, bins).Select(b =>
        {
            var from = (double)b / bins;
            var to = (double)(b + 1) / bins;
            var members = p.Select((x, i) => (x, o[i])).Where(t => t.x >= from && (t.x < to || (b == bins - 1 && t.x <= to))).ToList();
            return new ReliabilityBin(from, to, members.Count,
                members.Count == 0 ? double.NaN : members.Average(t => t.x),
                members.Count == 0 ? double.NaN : members.Average(t => t.Item2 ? 1.0 : 0.0));
        })];
    }

    private static void Check(IReadOnlyList<double> p, IReadOnlyList<bool> o)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(o);
        if (p.Count != o.Count)
        {
            throw new ArgumentException($"{p.Count} forecasts for {o.Count} outcomes");
        }
    }
}

/// <summary>
/// Everything the skill table says of one set of forecast–outcome pairs (DOMAIN §4): the contingency table of "warned"
/// (probability at least <see cref="WarnAt"/>) against "happened", POD, FAR, CSI and bias through it, and for the
/// probabilities themselves the Brier score, its skill against the sample's own base rate (climatology), the ROC area and
/// the reliability table. A deterministic forecast enters as 0 or 1.
/// </summary>
public sealed record Skill(int Pairs, int Events, Contingency Table, double Brier, double BrierSkill, double RocArea, IReadOnlyList<ReliabilityBin> Reliability)
{
    public const double WarnAt = 0.5;

    public double BaseRate => Pairs == 0 ? double.NaN : (double)Events / Pairs;

    public static Skill Of(IReadOnlyList<double> p, IReadOnlyList<bool> o)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(o);
        var events = o.Count(x => x);
        var brier = ProbabilityScores.Brier(p, o);
        var rate = o.Count == 0 ? double.NaN : (double)events / o.Count;
        return new Skill(p.Count, events, Contingency.Of(p.Select((x, i) => (x >= WarnAt, o[i]))), brier,
            ProbabilityScores.BrierSkill(brier, rate * (1 - rate)), ProbabilityScores.RocAuc(p, o), ProbabilityScores.Reliability(p, o));
    }
}
