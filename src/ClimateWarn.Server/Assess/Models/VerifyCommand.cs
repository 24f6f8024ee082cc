using ClimateWarn.Core.Hazards.Frost;
using System.Globalization;
using System.Text.Json;
using ClimateWarn.Core;
using ClimateWarn.Risk.Cards;
using ClimateWarn.Risk.Frost;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Ingest.IsdLite;

namespace ClimateWarn.Server.Assess.Models;

/// <summary>
/// `verify --hazard frost --isd-lite files… [--json]`: replays station records through the model and the baselines,
/// each forecast made from the readings up to its issue time, and prints per lead time the contingency table, POD,
/// FAR, CSI, Brier score and BSS against climatology (the event frequency of the record's cases before the model's
/// held-out period), persistence and the rule applied to persistence.
/// </summary>
public static class VerifyCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var paths = services.GetRequiredService<ResolvedPaths>();
        var hazard = StationFiles.Values(args, "--hazard").FirstOrDefault();
        if (hazard is not null && ClimateWarn.Risk.Synthetic.SyntheticHazards.Names.Contains(hazard))
        {
            await output.WriteLineAsync($"verify: {hazard} was trained on SYNTHETIC weather and there is no real {hazard} record to verify it against offline; its held-out skill on synthetic data is in models/{hazard}/card.md");
            return Commands.Usage;
        }

        if (hazard != "frost")
        {
            await output.WriteLineAsync($"verify: unknown hazard '{hazard}': only frost has a model so far");
            return Commands.Usage;
        }

        var files = StationFiles.Values(args, "--isd-lite").Select(paths.File).ToList();
        if (files.Count == 0 || StationFiles.Missing(files) is not null)
        {
            await output.WriteLineAsync(files.Count == 0 ? "verify: name the station records: --isd-lite <files…>" : $"verify: file not found: {StationFiles.Missing(files)}");
            return Commands.Usage;
        }

        var folder = Path.Combine(paths.Models, "frost");
        var model = FrostModel.Load(Path.Combine(folder, "model.zip"));
        var card = ModelCard.FromJson(await File.ReadAllTextAsync(Path.Combine(folder, "card.json"), cancellationToken));
        var thresholds = services.GetRequiredService<HazardConfiguration>().Table.Thresholds<FrostThresholds>(FrostHazard.Id);
        var (records, problems) = StationFiles.ReadIsdLite(files);
        var cases = records.SelectMany(r => FrostCases.From(r, thresholds, TimeZones.Shanghai).Select(c => (Record: r, Case: c))).ToList();
        if (!cases.Any(c => c.Case.InSeason))
        {
            await output.WriteLineAsync($"verify: no verifiable case: the records hold no in-season day with a 20:00 reading and ≥4 readings the next day ({problems.Count} rows rejected)");
            return 1;
        }

        // Climatology from the cases before the model's held-out period: what a forecaster knew then.
        var before = cases.Where(c => c.Case.TargetDay < card.Data.TestFrom).Select(c => c.Case).ToList();
        var skill = FrostEvaluation.Evaluate(cases, i => model.Probability(i), new FrostBaselines(before.Count > 0 ? before : [.. cases.Select(c => c.Case)], thresholds, TimeZones.Shanghai));
        var overlap = cases.Count(c => c.Case.InSeason && c.Case.TargetDay < card.Data.TestFrom);
        if (args.Contains("--json"))
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new { hazard, modelVersion = model.Version, casesInTrainingPeriod = overlap, rejectedRows = problems.Count, skill }, ModelCard.Json));
            return 0;
        }

        await output.WriteLineAsync($"verify frost: model {model.Version}; {records.Count} stations; {problems.Count} rows rejected; {overlap} in-season cases fall in the model's training period (before {card.Data.TestFrom:yyyy-MM-dd})");
        await output.WriteLineAsync("lead | forecaster          | cases | events | hits | f.alarms | misses | c.neg | POD   | FAR   | CSI   | Brier | BSS");
        foreach (var s in skill)
        {
            var t = s.Table;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{s.LeadHours,4} | {s.Forecaster,-19} | {s.Cases,5} | {s.Events,6} | {t.Hits,4} | {t.FalseAlarms,8} | {t.Misses,6} | {t.CorrectNegatives,5} | {F(s.Pod)} | {F(s.Far)} | {F(s.Csi)} | {F(s.Brier)} | {F(s.BrierSkillVsClimatology)}"));
        }

        return 0;
    }

    private static string F(double v) => double.IsNaN(v) ? "  —  " : v.ToString("0.000", CultureInfo.InvariantCulture).PadLeft(5);
}
