using System.Globalization;
using System.Text;

namespace ClimateWarn.Risk.Cards;

/// <summary>The card as operators read it (card.md beside card.json).</summary>
public static class ModelCardMarkdown
{
    public static string Render(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        sb.AppendLine(c, $"# Model card: {card.Hazard} (version {card.Version})").AppendLine();
        foreach (var caveat in card.Caveats)
        {
            sb.AppendLine(c, $"> **{caveat}**");
        }

        sb.AppendLine().AppendLine(c, $"**Event.** {card.Event}").AppendLine();
        var d = card.Data;
        sb.AppendLine(c, $"**Data.** {d.Source} ({(d.Synthetic ? "SYNTHETIC" : d.Reanalysis ? "REANALYSIS, not station observations" : "real observations")}); {(d.Reanalysis ? "districts" : "stations")} {string.Join(", ", d.Stations)}; {d.From:yyyy-MM-dd} to {d.To:yyyy-MM-dd}; files: {string.Join(", ", d.Files)}.");
        sb.AppendLine(c, $"Training: {d.TrainingCases} cases ({d.TrainingEvents} events). Held out from {d.TestFrom:yyyy-MM-dd}: {d.TestCases} in-season cases ({d.TestEvents} events).").AppendLine();
        sb.AppendLine(c, $"**Split.** {card.Split}").AppendLine();
        sb.AppendLine(c, $"**Features.** {string.Join(", ", card.Features)}").AppendLine();
        sb.AppendLine(c, $"**Trainer.** {card.Trainer}: {string.Join(", ", card.Parameters.Select(p => $"{p.Key} = {p.Value}"))}").AppendLine();
        sb.AppendLine(c, $"**With the rule.** {card.Combination}").AppendLine();
        if (card.Use is { } use)
        {
            sb.AppendLine(c, $"**Used by the server:** {(use.Used ? "yes, at " + string.Join(", ", use.Leads.Select(l => l + " h")) : "NO")}. {use.ReasonEn} / {use.ReasonZh}").AppendLine();
        }

        sb.AppendLine("## Held-out skill").AppendLine();
        Table(sb, card.HeldOut);
        foreach (var split in card.Splits ?? [])
        {
            sb.AppendLine().AppendLine(c, $"## Out of sample: {split.Split}, held out {split.HeldOut} ({split.TestCases} cases; trained on {split.TrainingCases})").AppendLine();
            Table(sb, split.Skill);
        }

        foreach (var s in card.HeldOut.Where(s => s.Reliability is not null))
        {
            sb.AppendLine().AppendLine(c, $"### Reliability, {s.Forecaster}, {s.LeadHours} h").AppendLine();
            sb.AppendLine("| forecast bin | cases | mean forecast | observed frequency |").AppendLine("|---|---|---|---|");
            foreach (var b in s.Reliability!)
            {
                sb.AppendLine(c, $"| {b.From:0.0}–{b.To:0.0} | {b.Count} | {F(b.MeanForecast)} | {F(b.ObservedFrequency)} |");
            }
        }

        return sb.ToString();
    }

    private static void Table(StringBuilder sb, IReadOnlyList<ForecastSkill> skill)
    {
        var c = CultureInfo.InvariantCulture;
        sb.AppendLine("| forecaster | lead h | cases | events | hits | false alarms | misses | correct neg. | POD | FAR | CSI | Brier | BSS vs climatology | ROC AUC |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var s in skill)
        {
            var t = s.Table;
            sb.AppendLine(c, $"| {s.Forecaster} | {s.LeadHours} | {s.Cases} | {s.Events} | {t.Hits} | {t.FalseAlarms} | {t.Misses} | {t.CorrectNegatives} | {F(s.Pod)} | {F(s.Far)} | {F(s.Csi)} | {F(s.Brier)} | {F(s.BrierSkillVsClimatology)} | {F(s.RocAuc)} |");
        }
    }

    private static string F(double v) => double.IsNaN(v) ? "—" : v.ToString("0.000", CultureInfo.InvariantCulture);
}
