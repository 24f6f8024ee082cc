using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Risk.Cards;
using ClimateWarn.Server.Assess.Models;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.WeatherGen;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClimateWarn.Server.Tests.Assess.Models;

/// <summary>
/// The ERA5 retraining path end to end: a live server's archive source backfills 30 years from a local upstream, the
/// heavy-rain model retrains on those days, replaces the synthetic one and says so in its card, the scorer and the
/// ledger; the `train --from-archive` verb does the same on the stored days. The upstream's days are CONSTRUCTED: the
/// WeatherGen generator's weather for each Zhongwei district (chosen by the request's latitude), dated 1990 on, served in
/// the archive API's documented shape (<see cref="ConstructedArchive"/>) — not ERA5, not observations.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class ReanalysisTrainingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);
    private static readonly DateTimeOffset Now = new(2021, 11, 15, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly GeneratedFrom = new(1990, 1, 1);

    /// <summary>One generated series per district, indexed by date; the district is the one whose seat is nearest the request's latitude.</summary>
    private static Func<HttpContext, Task> Archive()
    {
        var series = Zhongwei.Districts.ToDictionary(d => d.District, d => WeatherGenerator.Generate(d, GeneratedFrom.Year, 32, seed: 3));
        var seats = TestPlaces.Catalog.Districts.Select(d => (d.Code, d.Seat.Lat, d.Seat.Lon)).ToList();
        return async ctx =>
        {
            var lat = double.Parse(ctx.Request.Query["latitude"].ToString(), CultureInfo.InvariantCulture);
            var lon = double.Parse(ctx.Request.Query["longitude"].ToString(), CultureInfo.InvariantCulture);
            var s = series[seats.MinBy(x => Math.Abs(x.Lat - lat) + Math.Abs(x.Lon - lon)).Code];
            await ConstructedArchive.Answer(d =>
            {
                var i = d.DayNumber - GeneratedFrom.DayNumber;
                return new ConstructedArchive.Day(s.PrecipitationMm[i], s.MaximumC[i], s.MinimumC[i], 3.0);
            })(ctx);
        };
    }

    private static string CopyOfModels()
    {
        var models = Repo.TempDirectory();
        foreach (var hazard in new[] { "frost", "heavy-rain", "flood", "drought" })
        {
            Directory.CreateDirectory(Path.Combine(models, hazard));
            foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "models", hazard)))
            {
                File.Copy(file, Path.Combine(models, hazard, Path.GetFileName(file)));
            }
        }

        return models;
    }

    private static async Task<(int Code, string Output)> TrainAsync(string data, string models, params string[] args)
    {
        var output = new StringWriter();
        var settings = new Dictionary<string, string?> { ["Paths:Models"] = models, ["Paths:Data"] = data };
        var code = await Commands.RunAsync(["train", .. args], c => c.AddInMemoryCollection(settings), output, output);
        return (code, output.ToString());
    }

    [Fact]
    public async Task ArchiveDays_RetrainHeavyRain_ReplacingTheSyntheticModel_LabelledReanalysis_AndLedgered_ThenTheVerbTrainsFlood()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Default = Archive();
        var models = CopyOfModels();
        var data = Repo.TempDirectory();
        var synthetic = await File.ReadAllBytesAsync(Path.Combine(models, "heavy-rain", "model.zip"));
        await using (var server = await RunningServer.StartAsync(replay: false, new Dictionary<string, string?>
        {
            ["Paths:Data"] = data,
            ["Paths:Models"] = models,
            ["OpenMeteo:BaseUrl"] = "http://127.0.0.1:9",
            ["OpenMeteo:RunAtStartup"] = "false",
            ["OpenMeteo:Cron"] = "0 0 0 1 1 ? 2099",
            ["OpenMeteoArchive:Cron"] = "0 0 0 1 1 ? 2099",
            ["OpenMeteoArchive:Enabled"] = "true",
            ["OpenMeteoArchive:BaseUrl"] = upstream.BaseUrl,
            ["OpenMeteoArchive:RunAtStartup"] = "false",
            ["OpenMeteoArchive:HistoryYears"] = "30",
        }, s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now))))
        {
            await server.IngestOnceAsync("open-meteo-archive").WaitAsync(Timeout);
            var retrainer = server.Service<ReanalysisRetrainer>();

            var first = await retrainer.RunAsync("heavy-rain", CancellationToken.None).WaitAsync(Timeout);

            Assert.True(first.Trial.Promoted, first.Trial.Reason);
            // The synthetic model scores worse on the real (here: constructed) held-out years than the one trained on them.
            Assert.True(first.Trial.ChallengerBrier < first.Trial.CurrentBrier, first.Trial.Reason);
            Assert.Contains("challenger's Brier score is lower on the held-out ERA5 years", first.Trial.Reason, StringComparison.Ordinal);
            var card = ModelCard.FromJson(await File.ReadAllTextAsync(Path.Combine(models, "heavy-rain", "card.json")));
            Assert.Equal(first.Card!.Version, card.Version);
            Assert.False(card.Data.Synthetic);
            Assert.True(card.Data.Reanalysis);
            Assert.StartsWith("REANALYSIS", card.Data.Source, StringComparison.Ordinal);
            // 30 years back from the day before "now": 1991-11-14 to 2021-11-14, the last 30/4 = 7 years held out.
            Assert.Equal((new DateOnly(1991, 11, 14), new DateOnly(2021, 11, 14), new DateOnly(2015, 1, 1)), (card.Data.From, card.Data.To, card.Data.TestFrom));
            Assert.Contains(card.Data.Files, f => f.StartsWith("open-meteo-archive era5:640522 1991-11-14…2021-11-14", StringComparison.Ordinal));
            Assert.NotNull(card.Use);
            Assert.NotEqual(synthetic, await File.ReadAllBytesAsync(Path.Combine(models, "heavy-rain", "model.zip")));
            Assert.Equal(card.Version, server.App.Services.GetServices<IRiskScorer>().Single(s => s.Model == "heavy-rain").Version);

            // The same days again give the same model: it does not beat itself, so nothing is replaced.
            var second = await retrainer.RunAsync("heavy-rain", CancellationToken.None).WaitAsync(Timeout);
            Assert.False(second.Trial.Promoted);
            Assert.Equal(second.Trial.CurrentBrier, second.Trial.ChallengerBrier);
            Assert.Contains("does not beat", second.Trial.Reason, StringComparison.Ordinal);

            var http = await server.OperatorHttpAsync();
            var ops = await http.GetFromJsonAsync<JsonElement>("/api/ops/models");
            var model = ops.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("hazard").GetString() == "heavy-rain");
            Assert.True(model.GetProperty("reanalysis").GetBoolean());
            Assert.False(model.GetProperty("synthetic").GetBoolean());
            var trials = ops.GetProperty("trials").EnumerateArray().Where(t => t.GetProperty("hazard").GetString() == "heavy-rain").ToList();
            Assert.Equal(2, trials.Count);
            Assert.Single(trials, t => t.GetProperty("promoted").GetBoolean());
            Assert.All(trials, t => Assert.StartsWith("ERA5 reanalysis 1991-11-14…2021-11-14", t.GetProperty("reason").GetString(), StringComparison.Ordinal));
        }

        // The verb on the same stored days: flood, whose districts' catchments come from config/districts.json.
        var (code, output) = await TrainAsync(data, models, "--hazard", "flood", "--from-archive");
        Assert.True(code == 0, output);
        Assert.Contains("train: flood from ERA5 REANALYSIS (1991-11-14…2021-11-14", output, StringComparison.Ordinal);
        Assert.Contains("PROMOTED", output, StringComparison.Ordinal);
        var flood = ModelCard.FromJson(await File.ReadAllTextAsync(Path.Combine(models, "flood", "card.json")));
        Assert.True(flood.Data.Reanalysis);
        Assert.Equal(TestPlaces.Catalog.Districts.Where(d => d.Catchment is not null).Select(d => d.Code), flood.Data.Stations);
    }

    [Fact]
    public async Task TrainFromArchive_WithoutStoredDays_SaysWhy_AndLeavesTheModel_AndFrostIsRefused()
    {
        var models = CopyOfModels();
        var before = await File.ReadAllBytesAsync(Path.Combine(models, "drought", "model.zip"));

        var (code, output) = await TrainAsync(Repo.TempDirectory(), models, "--hazard", "drought", "--from-archive");

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("ERA5 days stored, the longest complete stretch 0; left out", output, StringComparison.Ordinal);
        Assert.Contains("train: drought not trained: ERA5 reanalysis: no district has a daily record to train on; the model in place is unchanged", output, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(Path.Combine(models, "drought", "model.zip")));
        var (usage, why) = await TrainAsync(Repo.TempDirectory(), models, "--hazard", "frost", "--from-archive");
        Assert.Equal(ExitCodes.Usage, usage);
        Assert.Contains("--from-archive trains heavy-rain, flood or drought", why, StringComparison.Ordinal);
    }
}
