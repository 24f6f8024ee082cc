using System.CommandLine;
using System.CommandLine.Parsing;
using ClimateWarn.Core.Hazards.Frost;
using System.Globalization;
using ClimateWarn.Core;
using ClimateWarn.Risk.Cards;
using ClimateWarn.Risk.Frost;
using ClimateWarn.Risk.Models;
using ClimateWarn.Risk.Synthetic;
using ClimateWarn.Server.Assess.Indices;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Ingest.IsdLite;
using ClimateWarn.Server.Store.Ops;

namespace ClimateWarn.Server.Assess.Models;

/// <summary>
/// `train --hazard frost [--isd-lite files…] [--test-from yyyy-MM-dd]`: trains from what the store holds (the stations
/// imported with `import --format isd-lite`), or from the named files; writes models/frost/model.zip, card.json and
/// card.md. Same data and seed, same model (FastTree, one thread).
/// `train --hazard heavy-rain|flood|drought [--seed N] [--years N]`: from the synthetic weather generator.
/// `train --hazard heavy-rain|flood|drought --from-archive`: from the ERA5 days the archive source stored
/// (<see cref="ReanalysisRetrainer"/>), compared with the current model and recorded in the model-trial ledger.
/// </summary>
public static class TrainCommand
{
    private static readonly DateOnly DefaultTestFrom = new(2021, 3, 25);

    public static Command Create(VerbHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        string[] hazards = ["frost", .. SyntheticHazards.Names];
        var hazard = new Option<string>("--hazard") { Description = "The hazard whose model to train", HelpName = string.Join('|', hazards), Required = true };
        hazard.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string>();
            if (!hazards.Contains(value))
            {
                r.AddError($"unknown hazard '{value}': --hazard must be one of {string.Join(", ", hazards)}");
            }
        });
        var files = new Option<string[]>("--isd-lite")
        {
            Description = "frost: train from these ISD-Lite files instead of the stations imported into the store",
            HelpName = "files",
            AllowMultipleArgumentsPerToken = true,
        };
        // DateOnly? with the default in the action: help would print a default DateOnly in the current culture's format.
        var testFrom = new Option<DateOnly?>("--test-from")
        {
            Description = $"frost: the first day held out for the card's skill scores (default {DefaultTestFrom:yyyy-MM-dd})",
            HelpName = "yyyy-MM-dd",
            CustomParser = r => r.Tokens.Count == 0 ? null
                : DateOnly.TryParse(r.Tokens[0].Value, CultureInfo.InvariantCulture, out var day) ? day
                : Refuse<DateOnly?>(r, $"--test-from takes a date, yyyy-MM-dd (got '{r.Tokens[0].Value}')"),
        };
        var seed = new Option<int>("--seed")
        {
            Description = "heavy-rain, flood, drought: the weather generator's seed",
            DefaultValueFactory = _ => SyntheticRun.DefaultSeed,
            CustomParser = r => Integer(r, "--seed takes a non-negative integer", 0, int.MaxValue, SyntheticRun.DefaultSeed),
        };
        var years = new Option<int>("--years")
        {
            Description = "heavy-rain, flood, drought: synthetic years per district",
            DefaultValueFactory = _ => SyntheticRun.DefaultYears,
            CustomParser = r => Integer(r, "--years takes an integer from 8 to 1000", 8, 1000, SyntheticRun.DefaultYears),
        };
        var archive = new Option<bool>("--from-archive")
        {
            Description = "heavy-rain, flood, drought: train on the ERA5 reanalysis days the archive source stored (OpenMeteoArchive), not on synthetic weather; the run goes to the model-trial ledger",
        };
        var command = new Command("train", "Train a hazard's model and write it beside its card under models/") { hazard, files, testFrom, seed, years, archive };
        command.Validators.Add(r =>
        {
            if (r.GetValue(archive) && r.GetValue(hazard) == "frost")
            {
                r.AddError("--from-archive trains heavy-rain, flood or drought; frost trains on station records (--isd-lite or the imported stations)");
            }
        });
        command.SetAction((result, ct) =>
        {
            var output = result.InvocationConfiguration.Output;
            var name = result.GetRequiredValue(hazard);
            return host(
                (services, token) => result.GetValue(archive)
                    ? TrainFromArchiveAsync(services.GetRequiredService<ReanalysisRetrainer>(), name, output, token)
                    : SyntheticHazards.Names.Contains(name)
                    ? TrainSyntheticAsync(services.GetRequiredService<ResolvedPaths>(), name, result.GetValue(seed), result.GetValue(years), output, token)
                    : TrainFrostAsync(services, result.GetValue(files) ?? [], result.GetValue(testFrom) ?? DefaultTestFrom, output, token),
                ct);
        });
        return command;
    }

    /// <summary>Invariant digits only, like the files the bureau edits: no sign, no group separators, whatever the locale.</summary>
    private static int Integer(ArgumentResult result, string rule, int min, int max, int fallback)
    {
        if (result.Tokens.Count == 0)
        {
            return fallback;
        }

        var token = result.Tokens[0].Value;
        return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value : Refuse<int>(result, $"{rule} (got '{token}')");
    }

    private static T Refuse<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }

    private static async Task<int> TrainFrostAsync(IServiceProvider services, string[] names, DateOnly testFrom, TextWriter output, CancellationToken cancellationToken)
    {
        var paths = services.GetRequiredService<ResolvedPaths>();
        var files = names.Select(paths.File).ToList();
        if (StationFiles.Missing(files) is { } missing)
        {
            await output.WriteLineAsync($"train: file not found: {missing}");
            return ExitCodes.Usage;
        }

        IReadOnlyList<ClimateWarn.Core.Stations.StationRecord> records;
        string source;
        if (files.Count > 0)
        {
            (records, var problems) = StationFiles.ReadIsdLite(files);
            foreach (var p in problems.Take(20))
            {
                await output.WriteLineAsync("  rejected " + p);
            }

            source = "NOAA ISD-Lite (3-hourly SYNOP), from files";
        }
        else
        {
            records = await StoreStations.ReadAsync(services.GetRequiredService<ClimateWarn.Core.TimeSeries.ITimeSeriesStore>(), services.GetRequiredService<OpsDatabase>(), cancellationToken);
            source = "NOAA ISD-Lite (3-hourly SYNOP), as imported into the store";
            files = [.. records.Select(r => "station:" + r.Station)];
            if (records.Count == 0)
            {
                await output.WriteLineAsync("train: the store holds no imported station records: import some first (import --format isd-lite data/stations/isd-lite/*.txt) or name files with --isd-lite");
                return ExitCodes.Failure;
            }
        }

        var thresholds = services.GetRequiredService<HazardConfiguration>().Table.Thresholds<FrostThresholds>(FrostHazard.Id);
        TrainedModel trained;
        try
        {
            trained = FrostRiskTrainer.Train(records, thresholds, TimeZones.Shanghai, testFrom, source, [.. files.Select(Path.GetFileName).OfType<string>()]);
        }
        catch (InvalidOperationException ex)
        {
            // Too little to train on: one clear line, the model and card in place untouched.
            await output.WriteLineAsync($"train: {ex.Message}; the model in {Path.Combine(paths.Models, "frost")} is unchanged");
            return ExitCodes.Failure;
        }

        await WriteAsync(paths, trained, output, cancellationToken);
        return ExitCodes.Success;
    }

    private static async Task<int> TrainFromArchiveAsync(ReanalysisRetrainer retrainer, string hazard, TextWriter output, CancellationToken cancellationToken)
    {
        var outcome = await retrainer.RunAsync(hazard, cancellationToken);
        foreach (var note in outcome.Notes)
        {
            await output.WriteLineAsync("  " + note);
        }

        var t = outcome.Trial;
        if (outcome.Card is not { } card)
        {
            await output.WriteLineAsync($"train: {hazard} not trained: {t.Reason}; the model in place is unchanged");
            return ExitCodes.Failure;
        }

        var c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(c, $"train: {hazard} from ERA5 REANALYSIS ({card.Data.From:yyyy-MM-dd}…{card.Data.To:yyyy-MM-dd}, {card.Data.TrainingCases} training cases, {card.Data.TestCases} held out); forecasts drawn with the assumed error"));
        await output.WriteLineAsync(string.Create(c, $"train: held-out Brier, current {t.CurrentVersion} {t.CurrentBrier:0.0000}, challenger {t.ChallengerVersion} {t.ChallengerBrier:0.0000} on {t.HeldOutCases} cases: {(t.Promoted ? "PROMOTED" : "kept the current model")}"));
        await output.WriteLineAsync($"train: {t.Reason}");
        return ExitCodes.Success;
    }

    private static async Task<int> TrainSyntheticAsync(ResolvedPaths paths, string hazard, int seed, int years, TextWriter output, CancellationToken cancellationToken)
    {
        var indices = IndicesConfig.Load(paths.Config);
        var run = SyntheticRun.Create(seed, years, new DroughtIndexSettings(indices.MciWeights, indices.Ka, indices.MinimumNonZeroSums));
        await output.WriteLineAsync($"train: {hazard} from SYNTHETIC weather (seed {seed}, {years} years per district); not observations");
        await WriteAsync(paths, SyntheticHazards.Train(hazard, run), output, cancellationToken);
        return ExitCodes.Success;
    }

    private static async Task WriteAsync(ResolvedPaths paths, TrainedModel trained, TextWriter output, CancellationToken cancellationToken)
    {
        var folder = await ModelFiles.WriteAsync(paths.Models, trained, cancellationToken);
        await output.WriteLineAsync($"train: {trained.Card.Hazard} model {trained.Card.Version} written to {folder} ({trained.Card.Data.TrainingCases} training cases, {trained.Card.Data.TestCases} held out)");
    }
}
