using System.Text.Json;
using ClimateWarn.Core.Ensembles;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Tests.Dashboards;
using Microsoft.Playwright;

namespace ClimateWarn.Server.Tests.Skill;

/// <summary>
/// No probability is shown without its source: /api/probabilities names a source for every item and never offers a model
/// trained on synthetic weather; the public 72-hour chart labels every series with its source and captions each source.
/// The ensemble run written here is CONSTRUCTED (ECMWF shares for frost in every district at the replay's end).
/// </summary>
[Collection(SharedPages.Name)]
public sealed class ProbabilitySourcesTests(PagesFixture run)
{
    private async Task WriteEnsembleRunAsync()
    {
        var now = run.Server.Service<PipelineClock>().Now;
        var points = new[] { "640502", "640521", "640522" }.Select(code => new TimeSeriesPoint(ArchiveFields.Ensemble,
            new Dictionary<string, string> { [Tags.Place] = code, [Tags.Source] = "test" },
            new Dictionary<string, double>
            {
                [ArchiveFields.Members("ecmwf_ifs025")] = 51,
                [ArchiveFields.Judged("ecmwf_ifs025", "frost", 0)] = 51,
                [ArchiveFields.Probability("ecmwf_ifs025", "frost", SignalLevel.Blue, 0)] = 0.6,
                [ArchiveFields.Probability("ecmwf_ifs025", "frost", SignalLevel.Yellow, 0)] = 0.2,
                [ArchiveFields.Judged("ecmwf_ifs025", "frost", 1)] = 51,
                [ArchiveFields.Probability("ecmwf_ifs025", "frost", SignalLevel.Blue, 1)] = 0.3,
            }, HourlyWeather(now))).ToList();
        await run.Server.Service<ITimeSeriesStore>().WriteAsync(points, CancellationToken.None);
    }

    private static DateTimeOffset HourlyWeather(DateTimeOffset now) => Core.Weather.HourlyWeather.TruncateToHour(now.AddHours(-1));

    [Fact]
    public async Task EveryProbability_NamesItsSource_AndNoSyntheticModelIsOffered()
    {
        await WriteEnsembleRunAsync();

        using var doc = JsonDocument.Parse(await run.Server.Http.GetStringAsync("/api/probabilities?district=640521"));

        var sources = doc.RootElement.GetProperty("sources").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s);
        var items = doc.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains("ensemble:ecmwf_ifs025", sources.Keys);
        Assert.All(items, i => Assert.Contains(i.GetProperty("source").GetString()!, sources.Keys));
        Assert.All(sources.Values, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("nameZh").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("noteZh").GetString()));
            Assert.False(s.GetProperty("calibrated").GetBoolean());
        });
        // heavy-rain, flood and drought models were trained on synthetic weather: never offered to a public page.
        Assert.DoesNotContain(sources.Keys, k => k is "model:heavy-rain" or "model:flood" or "model:drought");
        var frostBlue = items.Single(i => i.GetProperty("source").GetString() == "ensemble:ecmwf_ifs025" && i.GetProperty("hazard").GetString() == "frost"
            && i.GetProperty("level").GetString() == "blue" && i.GetProperty("leadDay").GetInt32() == 0);
        Assert.Equal(0.6, frostBlue.GetProperty("probability").GetDouble());
    }

    [Fact]
    public async Task TheReplaysAssessments_ArchiveTheFrostModelsProbabilities_ForVerification()
    {
        var now = run.Server.Service<PipelineClock>().Now;
        string[] fields = [.. Enumerable.Range(0, 4).Select(d => ArchiveFields.MlProbability("frost", "frost", SignalLevel.Blue, d))];

        var archived = await run.Server.Service<ITimeSeriesStore>().ReadAsync(
            new TimeSeriesQuery(ArchiveFields.MlModels, ["640502", "640521", "640522"], fields, now.AddDays(-30), now.AddHours(1)), CancellationToken.None);

        // The replay's assessments score frost (real-data model, used at 24 and 48 h) and archive each run per district.
        Assert.NotEmpty(archived);
        Assert.All(archived, v => Assert.InRange(v.Value, 0, 1));
        Assert.Contains(archived, v => v.Field == ArchiveFields.MlProbability("frost", "frost", SignalLevel.Blue, 1));
        // Synthetic models are never archived for verification.
        var synthetic = await run.Server.Service<ITimeSeriesStore>().ReadAsync(new TimeSeriesQuery(ArchiveFields.MlModels, ["640502", "640521", "640522"],
            [.. Enumerable.Range(0, 4).Select(d => ArchiveFields.MlProbability("heavy-rain", "rainstorm", SignalLevel.Blue, d))], now.AddDays(-30), now.AddHours(1)), CancellationToken.None);
        Assert.Empty(synthetic);
    }

    [Fact]
    public async Task ThePublicChart_LabelsEverySeriesWithItsSource_AndCaptionsEachSource()
    {
        await WriteEnsembleRunAsync();
        var page = await run.OpenAsync("/agriculture");

        await Assertions.Expect(page.Locator(".probability-source[data-source='ensemble:ecmwf_ifs025']")).ToContainTextAsync("未经校准");
        var names = await page.EvaluateAsync<string[]>("() => echarts.getInstanceByDom(document.getElementById('probability-chart')).getOption().series.map(s => s.name)");

        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.Matches(@" · \S+ (集合|模型)$", n));
        Assert.Contains(names, n => n.Contains("ecmwf_ifs025 集合", StringComparison.Ordinal));
        var captioned = await page.Locator(".probability-source").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.source)");
        Assert.All(names.Select(n => n.Split(" · ")[1]), label => Assert.Contains(captioned, c => label.StartsWith(c.Split(':')[1], StringComparison.Ordinal)));
        await Assertions.Expect(page.Locator(".probability-sources")).ToContainTextAsync("合成数据训练的模型不在此显示");
        Assert.Empty(run.ErrorsOf(page));
    }

    [Fact]
    public async Task BesideEachWarningOnOps_TheLatestEnsembleAndModelsAreShown()
    {
        await WriteEnsembleRunAsync();
        var page = await run.OpenAsync("/ops");

        // The replay's frost warning in Zhongning: no deterministic model ran, ECMWF's members said 60 % blue, 20 % yellow.
        // (Other tests of the shared fixture may have added frost warnings elsewhere: this one is Zhongning's.)
        var line = page.Locator("#warnings .warning[data-hazard=frost][data-districts~='640521'] .agreement-line").First;
        await Assertions.Expect(line).ToContainTextAsync("中宁县：最近一天无确定性模式运行");
        await Assertions.Expect(line).ToContainTextAsync("ecmwf_ifs025 蓝色 60%");
        Assert.Empty(run.ErrorsOf(page));
    }

    [Fact]
    public async Task TheModelProbabilityBesideAWarning_SaysItsSource()
    {
        // The replay's March frost warning in Zhongning carries the frost model's probability.
        var page = await run.OpenAsync("/agriculture");
        var lines = page.Locator(".warning p.model");

        await Assertions.Expect(lines.First).ToBeVisibleAsync();
        foreach (var line in await lines.AllAsync())
        {
            await Assertions.Expect(line).ToContainTextAsync("来源：站点观测训练的机器学习模型，未校准");
            await Assertions.Expect(line).ToHaveAttributeAsync("data-source", "model:frost");
        }
    }
}
