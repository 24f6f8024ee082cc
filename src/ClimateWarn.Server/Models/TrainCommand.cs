using ClimateWarn.Core;
using ClimateWarn.Risk.Cards;
using ClimateWarn.Risk.Frost;
using ClimateWarn.Server.Hazards;
using ClimateWarn.Server.Hosting;

namespace ClimateWarn.Server.Models;

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
        if (hazard != "frost")
        {
            await output.WriteLineAsync($"train: --hazard must be frost (got '{hazard}'); the heavy-rain, flood and drought models are not built yet");
            return Commands.Usage;
        }

        var files = StationFiles.Values(args, "--isd-lite").Select(paths.File).ToList();
        if (StationFiles.Missing(files) is { } missing)
        {
            await output.WriteLineAsync($"train: file not found: {missing}");
            return Commands.Usage;
        }

        var testFrom = StationFiles.Values(args, "--test-from").FirstOrDefault() is { } t ? DateOnly.Parse(t, System.Globalization.CultureInfo.InvariantCulture) : new DateOnly(2021, 3, 25);
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
            records = await StoreStations.ReadAsync(services.GetRequiredService<ClimateWarn.Core.TimeSeries.ITimeSeriesStore>(), services.GetRequiredService<Storage.Ops.OpsDatabase>(), cancellationToken);
            source = "NOAA ISD-Lite (3-hourly SYNOP), as imported into the store";
            files = [.. records.Select(r => "station:" + r.Station)];
            if (records.Count == 0)
            {
                await output.WriteLineAsync("train: the store holds no imported station records: import some first (import --format isd-lite data/stations/isd-lite/*.txt) or name files with --isd-lite");
                return 1;
            }
        }

        var thresholds = services.GetRequiredService<HazardConfiguration>().Table.Frost;
        var trained = FrostRiskTrainer.Train(records, thresholds, TimeZones.Shanghai, testFrom, source, [.. files.Select(Path.GetFileName).OfType<string>()]);
        var folder = Path.Combine(paths.Models, "frost");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "model.zip"), trained.ModelZip, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "card.json"), trained.Card.ToJson() + "\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "card.md"), ModelCardMarkdown.Render(trained.Card), cancellationToken);
        await output.WriteLineAsync($"train: frost model {trained.Card.Version} written to {folder} ({trained.Card.Data.TrainingCases} training cases, {trained.Card.Data.TestCases} held out)");
        return 0;
    }
}
