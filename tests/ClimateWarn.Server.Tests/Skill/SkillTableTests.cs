using System.Text.Json;
using ClimateWarn.Core.Ensembles;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClimateWarn.Server.Tests.Skill;

/// <summary>
/// GET /api/skill against a hand-worked case: three archived runs for Haiyuan (an ensemble's gale shares and one model's
/// gale levels for lead day 0) and observations in which a gale blew on the first day only, plus a warning that verified
/// and one that did not. The archive and the observations are CONSTRUCTED here; the numbers below are worked by hand.
/// </summary>
public sealed class SkillTableTests
{
    private static readonly DateTimeOffset T0 = BoardDriver.T0;

    [Fact]
    public async Task SkillTable_MatchesTheHandWorkedContingency_AndJudgesEachWarning()
    {
        await using var server = await RunningServer.StartAsync(replay: false, TestAccounts.Settings(new()
        {
            ["OpenMeteo:BaseUrl"] = "http://127.0.0.1:9",
            ["OpenMeteo:RunAtStartup"] = "false",
            ["OpenMeteo:Cron"] = "0 0 0 1 1 ? 2099",
            ["OpenMeteoEnsemble:Models"] = "ecmwf_ifs025:51",
            ["OpenMeteoModels:Models"] = "cma_grapes_global",
            ["Warnings:ApprovalFrom:gale"] = "None",
        }), s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(T0.AddDays(5))));
        var store = server.Service<ITimeSeriesStore>();
        var haiyuan = TestPlaces.Catalog.GetDistrict("640522");
        var zhongning = TestPlaces.Zhongning;

        // Observed: 3 m/s every hour at each seat from three days before T0 to four days after; 12 m/s (gale blue) at T0+11 h in Haiyuan.
        var observations = new List<TimeSeriesPoint>();
        foreach (var district in new[] { haiyuan, zhongning })
        {
            for (var h = -72; h < 96; h++)
            {
                var wind = district.Code == haiyuan.Code && h == 11 ? 12.0 : 3.0;
                observations.Add(new TimeSeriesPoint(Measurements.Observation,
                    new Dictionary<string, string> { [Tags.Place] = district.SeatCell.Id, [Tags.Source] = "test" },
                    new Dictionary<string, double> { [WeatherVariables.WindSpeed10m] = wind }, T0.AddHours(h)));
            }
        }

        await store.WriteAsync(observations, CancellationToken.None);

        // The archive: runs at T0, T0+1 d, T0+2 d, lead day 0 only.
        (double Blue, double Yellow, int Model)[] runs = [(0.8, 0.3, 0), (0.6, 0.0, 1), (0.1, 0.0, 0)];
        var archive = runs.SelectMany((r, i) => new[]
        {
            new TimeSeriesPoint(ArchiveFields.Ensemble, new Dictionary<string, string> { [Tags.Place] = haiyuan.Code, [Tags.Source] = "test" },
                new Dictionary<string, double>
                {
                    [ArchiveFields.Judged("ecmwf_ifs025", "gale", 0)] = 51,
                    [ArchiveFields.Probability("ecmwf_ifs025", "gale", SignalLevel.Blue, 0)] = r.Blue,
                    [ArchiveFields.Probability("ecmwf_ifs025", "gale", SignalLevel.Yellow, 0)] = r.Yellow,
                    [ArchiveFields.Probability("ecmwf_ifs025", "gale", SignalLevel.Orange, 0)] = 0,
                    [ArchiveFields.Probability("ecmwf_ifs025", "gale", SignalLevel.Red, 0)] = 0,
                }, T0.AddDays(i)),
            new TimeSeriesPoint(ArchiveFields.Models, new Dictionary<string, string> { [Tags.Place] = haiyuan.Code, [Tags.Source] = "test" },
                new Dictionary<string, double> { [ArchiveFields.Level("cma_grapes_global", "gale", 0)] = r.Model }, T0.AddDays(i)),
        }).ToList();
        await store.WriteAsync(archive, CancellationToken.None);

        // Two gale warnings valid T0+10 h to T0+14 h, issued at T0: Haiyuan's verifies (12 m/s at T0+11 h), Zhongning's does not.
        var board = server.Service<WarningBoard>();
        await board.StepAsync(0, SignalLevel.Blue, value: 12, district: haiyuan, hazard: "gale");
        await board.StepAsync(0, SignalLevel.Blue, value: 12, district: zhongning, hazard: "gale");

        using var doc = JsonDocument.Parse(await server.Http.GetStringAsync("/api/skill?days=30"));
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        JsonElement Row(string kind, string level) => rows.Single(r => r.GetProperty("kind").GetString() == kind && r.GetProperty("hazard").GetString() == "gale"
            && r.GetProperty("level").GetString() == level && r.GetProperty("leadDay").GetInt32() == 0);

        // Ensemble, blue: (0.8, gale) hit, (0.6, calm) false alarm, (0.1, calm) correct negative.
        var blue = Row("ensemble", "blue");
        Assert.Equal((3, 1, 1, 1, 0, 1), Counts(blue));
        Assert.Equal(1.0, blue.GetProperty("pod").GetDouble());
        Assert.Equal(0.5, blue.GetProperty("far").GetDouble());
        Assert.Equal(0.5, blue.GetProperty("csi").GetDouble());
        Assert.Equal(Math.Round((0.04 + 0.36 + 0.01) / 3, 4), blue.GetProperty("brier").GetDouble());
        // Yellow never happened: three correct negatives, no POD (null, not 1).
        var yellow = Row("ensemble", "yellow");
        Assert.Equal((3, 0, 0, 0, 0, 3), Counts(yellow));
        Assert.Equal(JsonValueKind.Null, yellow.GetProperty("pod").ValueKind);
        // The model's rule: none on the gale day (miss), blue on a calm day (false alarm), none (correct negative).
        Assert.Equal((3, 1, 0, 1, 1, 1), Counts(Row("model", "blue")));

        var warnings = doc.RootElement.GetProperty("warnings").EnumerateArray().ToList();
        var verified = warnings.Single(w => w.GetProperty("district").GetString() == haiyuan.Code);
        Assert.True(verified.GetProperty("verified").GetBoolean());
        Assert.Equal(11.0, verified.GetProperty("leadHours").GetDouble());
        var missed = warnings.Single(w => w.GetProperty("district").GetString() == zhongning.Code);
        Assert.False(missed.GetProperty("verified").GetBoolean());
        Assert.Equal(JsonValueKind.Null, missed.GetProperty("leadHours").ValueKind);
    }

    /// <summary>
    /// The ML line of the archive: the frost model's archived probabilities of frost blue against the observed target
    /// day (Beijing). CONSTRUCTED: ground 5 °C every hour except 05:00 on 21 March (−2 °C); three runs, two of them on
    /// 20 March about the same day (the later one counts).
    /// </summary>
    [Fact]
    public async Task SkillTable_PairsTheMlModelsProbabilities_OncePerTargetDay_WithTheObservedRuleEvent()
    {
        await using var server = await RunningServer.StartAsync(replay: false, new Dictionary<string, string?>
        {
            ["OpenMeteo:BaseUrl"] = "http://127.0.0.1:9",
            ["OpenMeteo:RunAtStartup"] = "false",
            ["OpenMeteo:Cron"] = "0 0 0 1 1 ? 2099",
        }, s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(T0.AddDays(5))));
        var store = server.Service<ITimeSeriesStore>();
        var haiyuan = TestPlaces.Catalog.GetDistrict("640522");
        // T0 is 08:00 on 20 March in Beijing; T0+21 h is 05:00 on 21 March.
        await store.WriteAsync([.. Enumerable.Range(-72, 168).Select(h => new TimeSeriesPoint(Measurements.Observation,
            new Dictionary<string, string> { [Tags.Place] = haiyuan.SeatCell.Id, [Tags.Source] = "test" },
            new Dictionary<string, double> { [WeatherVariables.Temperature2m] = h == 21 ? 1.0 : 8.0, [WeatherVariables.SoilTemperature0cm] = h == 21 ? -2.0 : 5.0 },
            T0.AddHours(h)))], CancellationToken.None);
        TimeSeriesPoint Run(int hours, params (int Day, double P)[] p) => new(ArchiveFields.MlModels,
            new Dictionary<string, string> { [Tags.Place] = haiyuan.Code, [Tags.Source] = "ml" },
            p.ToDictionary(x => ArchiveFields.MlProbability("frost", "frost", SignalLevel.Blue, x.Day), x => x.P), T0.AddHours(hours));
        // 20 March 10:00 and 18:00 about the 21st (0.2, then 0.9); 21 March 10:00 about the 21st (0.7) and the 22nd (0.1).
        await store.WriteAsync([Run(2, (1, 0.2)), Run(10, (1, 0.9)), Run(26, (0, 0.7), (1, 0.1))], CancellationToken.None);

        using var doc = JsonDocument.Parse(await server.Http.GetStringAsync("/api/skill?days=30"));
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("kind").GetString() == "ml").ToList();

        JsonElement Lead(int d) => rows.Single(r => r.GetProperty("model").GetString() == "frost" && r.GetProperty("hazard").GetString() == "frost"
            && r.GetProperty("level").GetString() == "blue" && r.GetProperty("leadDay").GetInt32() == d);
        // Lead day 1: (0.9, frost on the 21st) a hit, (0.1, none on the 22nd) a correct negative; the earlier 0.2 is not a pair.
        var one = Lead(1);
        Assert.Equal((2, 1, 1, 0, 0, 1), Counts(one));
        Assert.Equal(Math.Round((0.01 + 0.01) / 2, 4), one.GetProperty("brier").GetDouble());
        Assert.NotEmpty(one.GetProperty("reliability").EnumerateArray());
        Assert.Equal((1, 1, 1, 0, 0, 0), Counts(Lead(0)));
        Assert.Equal(2, rows.Count);
    }

    private static (int Pairs, int Events, int Hits, int FalseAlarms, int Misses, int CorrectNegatives) Counts(JsonElement row) => (
        row.GetProperty("pairs").GetInt32(), row.GetProperty("events").GetInt32(), row.GetProperty("hits").GetInt32(),
        row.GetProperty("falseAlarms").GetInt32(), row.GetProperty("misses").GetInt32(), row.GetProperty("correctNegatives").GetInt32());

    [Fact]
    public async Task Agreement_CountsTheModelsOfTheLatestRun_ThatReachTheHighestLevel()
    {
        var now = T0.AddDays(5);
        await using var server = await RunningServer.StartAsync(replay: false, TestAccounts.Settings(new()
        {
            ["OpenMeteo:BaseUrl"] = "http://127.0.0.1:9",
            ["OpenMeteo:RunAtStartup"] = "false",
            ["OpenMeteo:Cron"] = "0 0 0 1 1 ? 2099",
            ["OpenMeteoEnsemble:Models"] = "ecmwf_ifs025:51",
        }), s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(now)));
        string[] models = ["ecmwf_ifs025", "gfs_seamless", "cma_grapes_global", "icon_seamless"];
        TimeSeriesPoint Run(DateTimeOffset at, Func<string, int> level) => new(ArchiveFields.Models,
            new Dictionary<string, string> { [Tags.Place] = "640522", [Tags.Source] = "test" },
            models.ToDictionary(m => ArchiveFields.Level(m, "gale", 0), m => (double)level(m)), at);
        // An older run had all four at red; the latest has three at yellow and ICON at none.
        await server.Service<ITimeSeriesStore>().WriteAsync([Run(now.AddHours(-6), _ => 4), Run(now.AddHours(-1), m => m == "icon_seamless" ? 0 : 2),
            new TimeSeriesPoint(ArchiveFields.Ensemble, new Dictionary<string, string> { [Tags.Place] = "640522", [Tags.Source] = "test" },
                new Dictionary<string, double> { [ArchiveFields.Judged("ecmwf_ifs025", "gale", 0)] = 51, [ArchiveFields.Probability("ecmwf_ifs025", "gale", SignalLevel.Yellow, 0)] = 0.4 },
                now.AddHours(-2))], CancellationToken.None);

        using var doc = JsonDocument.Parse(await server.Http.GetStringAsync("/api/agreement?district=640522"));

        var gale = doc.RootElement.GetProperty("agreement").EnumerateArray().Single(a => a.GetProperty("hazard").GetString() == "gale" && a.GetProperty("leadDay").GetInt32() == 0);
        Assert.Equal("3 of 4 models: gale yellow", gale.GetProperty("summaryEn").GetString());
        Assert.Equal("4个模式中3个达到大风黄色", gale.GetProperty("summaryZh").GetString());
        var share = gale.GetProperty("ensembles").EnumerateArray().Single(e => e.GetProperty("level").GetString() == "yellow");
        Assert.Equal((0.4, 51), (share.GetProperty("probability").GetDouble(), share.GetProperty("members").GetInt32()));
        using var unknown = await server.Http.GetAsync("/api/agreement?district=999999");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task VerifySkill_ReadsTheArchiveOfTheDataDirectory_AsTheApiDoes()
    {
        // The verb runs on the system clock: the archive and observations are placed in the days before now.
        var t0 = Core.Weather.HourlyWeather.TruncateToHour(TimeProvider.System.GetUtcNow()).AddDays(-5);
        var data = Repo.TempDirectory();
        var settings = new Dictionary<string, string?> { ["Paths:Data"] = data, ["OpenMeteoEnsemble:Models"] = "ecmwf_ifs025:51", ["OpenMeteoModels:Models"] = "cma_grapes_global" };
        await using (var server = await RunningServer.StartAsync(replay: false, new Dictionary<string, string?>(settings)
        {
            ["OpenMeteo:BaseUrl"] = "http://127.0.0.1:9", ["OpenMeteo:RunAtStartup"] = "false", ["OpenMeteo:Cron"] = "0 0 0 1 1 ? 2099",
        }))
        {
            var seat = TestPlaces.Catalog.GetDistrict("640522").SeatCell.Id;
            var points = Enumerable.Range(-72, 168).Select(h => new TimeSeriesPoint(Measurements.Observation,
                new Dictionary<string, string> { [Tags.Place] = seat, [Tags.Source] = "test" },
                new Dictionary<string, double> { [WeatherVariables.WindSpeed10m] = h == 11 ? 12.0 : 3.0 }, t0.AddHours(h))).ToList();
            points.AddRange(new[] { 0.8, 0.6, 0.1 }.Select((p, i) => new TimeSeriesPoint(ArchiveFields.Ensemble,
                new Dictionary<string, string> { [Tags.Place] = "640522", [Tags.Source] = "test" },
                new Dictionary<string, double> { [ArchiveFields.Judged("ecmwf_ifs025", "gale", 0)] = 51, [ArchiveFields.Probability("ecmwf_ifs025", "gale", SignalLevel.Blue, 0)] = p },
                t0.AddDays(i))));
            await server.Service<ITimeSeriesStore>().WriteAsync(points, CancellationToken.None);
        }

        using var output = new StringWriter();
        var code = await Commands.RunAsync(["verify", "skill", "--days", "30", "--json"], c => c.AddInMemoryCollection(settings), output);

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output.ToString());
        var blue = doc.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("model").GetString() == "ecmwf_ifs025" && r.GetProperty("level").GetString() == "blue");
        Assert.Equal((3, 1, 1, 1, 0, 1), Counts(blue));
    }

    [Fact]
    public async Task ArchiveRetention_RemovesRunsOlderThanItsDays_AndKeepsTheRest()
    {
        var now = T0.AddDays(100);
        await using var server = await RunningServer.StartAsync(replay: false, new Dictionary<string, string?>
        {
            ["OpenMeteo:BaseUrl"] = "http://127.0.0.1:9", ["OpenMeteo:RunAtStartup"] = "false", ["OpenMeteo:Cron"] = "0 0 0 1 1 ? 2099", ["Archive:RetentionDays"] = "30",
        }, s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(now)));
        var store = server.Service<ITimeSeriesStore>();
        TimeSeriesPoint Run(string measurement, DateTimeOffset at) => new(measurement, new Dictionary<string, string> { [Tags.Place] = "640522", [Tags.Source] = "test" },
            new Dictionary<string, double> { ["m.gale.d0"] = 1 }, at);
        await store.WriteAsync([Run(ArchiveFields.Ensemble, now.AddDays(-31)), Run(ArchiveFields.Ensemble, now.AddDays(-29)), Run(ArchiveFields.Models, now.AddDays(-40)),
            Run(Measurements.Observation, now.AddDays(-40))], CancellationToken.None);

        await server.Service<ClimateWarn.Server.Skill.ArchiveRetention>().RunAsync(CancellationToken.None);

        async Task<IEnumerable<DateTimeOffset>> Stamps(string measurement) =>
            (await store.ReadAsync(new TimeSeriesQuery(measurement, ["640522"], ["m.gale.d0"], now.AddDays(-50), now), CancellationToken.None)).Select(v => v.Timestamp);
        Assert.Equal([now.AddDays(-29)], await Stamps(ArchiveFields.Ensemble));
        Assert.Empty(await Stamps(ArchiveFields.Models));
        Assert.Single(await Stamps(Measurements.Observation));
    }

    [Fact]
    public async Task Skill_OutOfBoundsDays_Is400ProblemDetails()
    {
        await using var server = await RunningServer.StartAsync(replay: true, TestAccounts.Settings());
        using var response = await server.Http.GetAsync("/api/skill?days=0");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
