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
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Ingest.IsdLite;
using ClimateWarn.Server.Store.Ops;

namespace ClimateWarn.Server.Assess.Models;

/// <summary>
/// `train --hazard frost [--isd-lite files…] [--test-from yyyy-MM-dd]`: trains from what the store holds (the stations
/// imported with `import --format isd-lite`), or from the named files; writes models/frost/model.zip, card.json and
/// card.md. Same data and seed, same model (FastTree, one thread).
/// </summary>
public static class TrainCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var paths = services.GetRequiredService<ResolvedPaths>();
        var hazard = StationFiles.Values(args, "--hazard").FirstOrDefault();
        if (hazard is not null && SyntheticHazards.Names.Contains(hazard))
        {
            return await TrainSyntheticAsync(paths, hazard, args, output, cancellationToken);
        }

        if (hazard != "frost")
        {
            await output.WriteLineAsync($"train: unknown hazard '{hazard}': --hazard must be one of frost, {string.Join(", ", SyntheticHazards.Names)}");
            return Commands.Usage;
        }

        var files = StationFiles.Values(args, "--isd-lite").Select(paths.File).ToList();
        if (StationFiles.Missing(files) is { } missing)
        {
            await output.WriteLineAsync($"train: file not found: {missing}");
            return Commands.Usage;
        }

        var testFrom = StationFiles.Values(args, "--test-from").FirstOrDefault() is { } t ? DateOnly.Parse(t, CultureInfo.InvariantCulture) : new DateOnly(2021, 3, 25);
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
                return 1;
            }
        }

        var thresholds = services.GetRequiredService<HazardConfiguration>().Table.Thresholds<FrostThresholds>(FrostHazard.Id);
        var trained = FrostRiskTrainer.Train(records, thresholds, TimeZones.Shanghai, testFrom, source, [.. files.Select(Path.GetFileName).OfType<string>()]);
        await WriteAsync(paths, trained, output, cancellationToken);
        return 0;
    }

    /// <summary>`train --hazard heavy-rain|flood|drought [--seed N] [--years N]`: from the synthetic weather generator.</summary>
    private static async Task<int> TrainSyntheticAsync(ResolvedPaths paths, string hazard, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var seed = SyntheticRun.DefaultSeed;
        var years = SyntheticRun.DefaultYears;
        if ((StationFiles.Values(args, "--seed").FirstOrDefault() is { } s && !int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out seed))
            || (StationFiles.Values(args, "--years").FirstOrDefault() is { } y && !(int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out years) && years is >= 8 and <= 1000)))
        {
            await output.WriteLineAsync("train: --seed takes a non-negative integer and --years an integer from 8 to 1000");
            return Commands.Usage;
        }

        var indices = IndicesConfig.Load(paths.Config);
        var run = SyntheticRun.Create(seed, years, new DroughtIndexSettings(indices.MciWeights, indices.Ka, indices.MinimumNonZeroSums));
        await output.WriteLineAsync($"train: {hazard} from SYNTHETIC weather (seed {seed}, {years} years per district); not observations");
        await WriteAsync(paths, SyntheticHazards.Train(hazard, run), output, cancellationToken);
        return 0;
    }

    private static async Task WriteAsync(ResolvedPaths paths, TrainedModel trained, TextWriter output, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(paths.Models, trained.Card.Hazard);
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "model.zip"), trained.ModelZip, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "card.json"), trained.Card.ToJson() + "\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "card.md"), ModelCardMarkdown.Render(trained.Card), cancellationToken);
        await output.WriteLineAsync($"train: {trained.Card.Hazard} model {trained.Card.Version} written to {folder} ({trained.Card.Data.TrainingCases} training cases, {trained.Card.Data.TestCases} held out)");
    }
}
