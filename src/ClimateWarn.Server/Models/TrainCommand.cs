using ClimateWarn.Core;
using ClimateWarn.Risk.Cards;
using ClimateWarn.Risk.Frost;
using ClimateWarn.Server.Hazards;
using ClimateWarn.Server.Hosting;

namespace ClimateWarn.Server.Models;

/// <summary>
/// `train --hazard frost [--isd-lite files…] [--test-from yyyy-MM-dd]`: trains from station records (by default the
/// committed ISD-Lite records of data/stations/isd-lite), writes models/frost/model.zip, card.json and card.md.
/// Same data and seed, same model (FastTree, one thread).
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
        if (files.Count == 0)
        {
            files = [.. Directory.GetFiles(paths.Replay, "isdlite_*-99999-*.txt").Order(StringComparer.Ordinal)];
        }

        if (StationFiles.Missing(files) is { } missing)
        {
            await output.WriteLineAsync($"train: file not found: {missing}");
            return Commands.Usage;
        }

        var testFrom = StationFiles.Values(args, "--test-from").FirstOrDefault() is { } t ? DateOnly.Parse(t, System.Globalization.CultureInfo.InvariantCulture) : new DateOnly(2021, 3, 25);
        var (records, problems) = StationFiles.ReadIsdLite(files);
        foreach (var p in problems.Take(20))
        {
            await output.WriteLineAsync("  rejected " + p);
        }

        var thresholds = HazardConfigLoader.Load(paths.Config, services.GetRequiredService<IConfiguration>()["Hazards:Table"] ?? "ningxia").Table.Frost;
        var trained = FrostRiskTrainer.Train(records, thresholds, TimeZones.Shanghai, testFrom, "NOAA ISD-Lite (3-hourly SYNOP)", [.. files.Select(Path.GetFileName).OfType<string>()]);
        var folder = Path.Combine(paths.Models, "frost");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "model.zip"), trained.ModelZip, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "card.json"), trained.Card.ToJson() + "\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "card.md"), ModelCardMarkdown.Render(trained.Card), cancellationToken);
        await output.WriteLineAsync($"train: frost model {trained.Card.Version} written to {folder} ({trained.Card.Data.TrainingCases} training cases, {trained.Card.Data.TestCases} held out)");
        return 0;
    }
}
