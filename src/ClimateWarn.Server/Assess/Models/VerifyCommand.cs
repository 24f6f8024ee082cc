using System.CommandLine;
using ClimateWarn.Core.Hazards.Frost;
using System.Globalization;
using System.Text.Json;
using ClimateWarn.Core;
using ClimateWarn.Risk.Cards;
using ClimateWarn.Risk.Frost;
using ClimateWarn.Risk.Synthetic;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Configuration;
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
    public static Command Create(VerbHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var hazard = new Option<string>("--hazard") { Description = "The hazard whose model to verify (frost: the only model with a real record)", HelpName = "frost", Required = true };
        hazard.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string>();
            if (SyntheticHazards.Names.Contains(value))
            {
                r.AddError($"{value} was trained on SYNTHETIC weather and there is no real {value} record to verify it against offline; its held-out skill on synthetic data is in models/{value}/card.md");
            }
            else if (value != "frost")
            {
                r.AddError($"unknown hazard '{value}': only frost has a model so far");
            }
        });
        var files = new Option<string[]>("--isd-lite")
        {
            Description = "The ISD-Lite station records to verify against (required)",
            HelpName = "files",
            AllowMultipleArgumentsPerToken = true,
        };
        var json = new Option<bool>("--json") { Description = "Print the scores as JSON" };
        var command = new Command("verify", "Score the model and its baselines on station records, per lead time") { hazard, files, json };
        // Not Required = true on the option: this says which records are meant, where the generic message would not.
        // (A command validator runs before the options' checks, so it reads whether the option is there, not its value.)
        command.Validators.Add(r =>
        {
            if (r.GetResult(files) is null)
            {
                r.AddError("name the station records: --isd-lite <files…>");
            }
        });
        command.SetAction((result, ct) => host(
            (services, token) => RunAsync(services, result.GetRequiredValue(files), result.GetValue(json), result.InvocationConfiguration.Output, token),
            ct));
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, string[] names, bool asJson, TextWriter output, CancellationToken cancellationToken)
    {
        const string hazard = "frost";
        var paths = services.GetRequiredService<ResolvedPaths>();
        var files = names.Select(paths.File).ToList();
        if (StationFiles.Missing(files) is { } missing)
        {
            await output.WriteLineAsync($"verify: file not found: {missing}");
            return ExitCodes.Usage;
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
            return ExitCodes.Failure;
        }

        // Climatology from the cases before the model's held-out period: what a forecaster knew then.
        var before = cases.Where(c => c.Case.TargetDay < card.Data.TestFrom).Select(c => c.Case).ToList();
        var skill = FrostEvaluation.Evaluate(cases, i => model.Probability(i), new FrostBaselines(before.Count > 0 ? before : [.. cases.Select(c => c.Case)], thresholds, TimeZones.Shanghai));
        var overlap = cases.Count(c => c.Case.InSeason && c.Case.TargetDay < card.Data.TestFrom);
        if (asJson)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new { hazard, modelVersion = model.Version, casesInTrainingPeriod = overlap, rejectedRows = problems.Count, skill }, ModelCard.Json));
            return ExitCodes.Success;
        }

        await output.WriteLineAsync($"verify frost: model {model.Version}; {records.Count} stations; {problems.Count} rows rejected; {overlap} in-season cases fall in the model's training period (before {card.Data.TestFrom:yyyy-MM-dd})");
        await output.WriteLineAsync("lead | forecaster          | cases | events | hits | f.alarms | misses | c.neg | POD   | FAR   | CSI   | Brier | BSS");
        foreach (var s in skill)
        {
            var t = s.Table;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{s.LeadHours,4} | {s.Forecaster,-19} | {s.Cases,5} | {s.Events,6} | {t.Hits,4} | {t.FalseAlarms,8} | {t.Misses,6} | {t.CorrectNegatives,5} | {F(s.Pod)} | {F(s.Far)} | {F(s.Csi)} | {F(s.Brier)} | {F(s.BrierSkillVsClimatology)}"));
        }

        return ExitCodes.Success;
    }

    private static string F(double v) => double.IsNaN(v) ? "  —  " : v.ToString("0.000", CultureInfo.InvariantCulture).PadLeft(5);
}
