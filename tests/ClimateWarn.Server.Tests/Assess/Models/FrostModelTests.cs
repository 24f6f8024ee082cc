using ClimateWarn.Core;
using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core.Stations;
using ClimateWarn.Risk.Frost;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Ingest.IsdLite;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace ClimateWarn.Server.Tests.Assess.Models;

/// <summary>
/// The frost model on the committed real record (read with the Server's ISD-Lite reader): no look-ahead, reproducible, made
/// by the `train` verb, thread-safe scoring. Its card and schema check are tested in ClimateWarn.Risk.Tests.
/// </summary>
public sealed class FrostModelTests
{
    private static readonly FrostThresholds Thresholds = HazardConfigLoader.Load(Repo.Config, "ningxia").Table.Thresholds<FrostThresholds>(FrostHazard.Id);
    private static readonly string[] Files = [.. Directory.GetFiles(Path.Combine(Repo.Root, "data", "stations", "isd-lite"), "isdlite_*-99999-*.txt").Order(StringComparer.Ordinal)];
    private static readonly string ModelPath = Path.Combine(Repo.Root, "models", "frost", "model.zip");

    private static StationRecord Zhongning() => StationFiles.ReadIsdLite([Files.Single(f => f.Contains("537050", StringComparison.Ordinal))]).Records[0];

    [Fact]
    public void Features_DoNotChangeWhenLaterReadingsAreAltered()
    {
        var record = Zhongning();
        var issue = new DateTimeOffset(2021, 3, 20, 20, 0, 0, TimeSpan.FromHours(8));
        var altered = new StationRecord(record.Station, record.Readings.Select(r => r.Time > issue ? r with { Temperature = r.Temperature + 50, DewPoint = -80, WindSpeed = 30 } : r));
        var earlier = new StationRecord(record.Station, record.Readings.Select(r => r.Time == issue.AddHours(-3) ? r with { Temperature = r.Temperature - 20 } : r));

        var a = FrostFeatures.Build(record, issue, 24, new DateOnly(2021, 3, 21), TimeZones.Shanghai)!;
        var b = FrostFeatures.Build(altered, issue, 24, new DateOnly(2021, 3, 21), TimeZones.Shanghai)!;
        var c = FrostFeatures.Build(earlier, issue, 24, new DateOnly(2021, 3, 21), TimeZones.Shanghai)!;

        Assert.Equivalent(a, b, strict: true);
        Assert.NotEqual(a.MinimumToday, c.MinimumToday); // the check can fail: an earlier reading does count
    }

    [Fact]
    public void Train_SameDataAndSeed_GivesTheSameModel()
    {
        var records = StationFiles.ReadIsdLite(Files).Records;

        var first = FrostRiskTrainer.Train(records, Thresholds, TimeZones.Shanghai, new DateOnly(2021, 3, 25), "test", []);
        var second = FrostRiskTrainer.Train(records, Thresholds, TimeZones.Shanghai, new DateOnly(2021, 3, 25), "test", []);

        Assert.Equal(first.ModelZip, second.ModelZip);
        Assert.Equal(first.Card.ToJson(), second.Card.ToJson());
    }

    private static async Task<(int Code, string Output)> RunAsync(string verb, Dictionary<string, string?> settings, params string[] args)
    {
        var output = new StringWriter();
        var code = await Commands.RunAsync([verb, .. args], c => c.AddInMemoryCollection(settings), output, output);
        return (code, output.ToString());
    }

    [Fact]
    public async Task CommittedModel_IsWhatTheTrainCommandMakesFromTheCommittedData()
    {
        var models = Repo.TempDirectory();

        var (code, _) = await RunAsync("train", new() { ["Paths:Models"] = models, ["Paths:Data"] = Repo.TempDirectory() }, ["--hazard", "frost", "--isd-lite", .. Files]);

        Assert.Equal(0, code);
        Assert.Equal(await File.ReadAllBytesAsync(ModelPath), await File.ReadAllBytesAsync(Path.Combine(models, "frost", "model.zip")));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(Repo.Root, "models", "frost", "card.json")), await File.ReadAllTextAsync(Path.Combine(models, "frost", "card.json")));
    }

    [Fact]
    public async Task TrainFromTheStore_AfterImportingTheSameRecords_GivesTheSameModel()
    {
        var settings = new Dictionary<string, string?> { ["Paths:Models"] = Repo.TempDirectory(), ["Paths:Data"] = Repo.TempDirectory() };
        var (empty, message) = await RunAsync("train", settings, "--hazard", "frost");
        Assert.Equal(1, empty);
        Assert.Contains("the store holds no imported station records", message, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync("import", settings, ["--format", "isd-lite", .. Files])).Code);
        var (code, _) = await RunAsync("train", settings, "--hazard", "frost");

        Assert.Equal(0, code);
        Assert.Equal(await File.ReadAllBytesAsync(ModelPath), await File.ReadAllBytesAsync(Path.Combine(settings["Paths:Models"]!, "frost", "model.zip")));
    }

    [Fact]
    public async Task Scoring_64ThreadsAtOnce_MatchesOneThread()
    {
        var model = FrostModel.Load(ModelPath);
        var inputs = FrostCases.From(Zhongning(), Thresholds, TimeZones.Shanghai).Select(c => c.Input).ToList();
        var expected = inputs.Select(model.Probability).ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => inputs.Select(model.Probability).ToList())));

        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
