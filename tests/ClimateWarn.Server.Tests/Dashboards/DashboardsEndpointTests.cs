using System.Net;
using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Core.Hazards.Heat;

namespace ClimateWarn.Server.Tests.Dashboards;

/// <summary>The dashboards' own endpoints and page routes, against the replayed server of <see cref="PagesFixture"/>.</summary>
[Collection(SharedPages.Name)]
public sealed class DashboardsEndpointTests(PagesFixture run)
{
    [Theory]
    [InlineData("/api/dashboards/series", HttpStatusCode.BadRequest)]
    [InlineData("/api/dashboards/series?district=640599", HttpStatusCode.NotFound)]
    [InlineData("/api/dashboards/series?district=640521&pastHours=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/dashboards/series?district=640521&aheadHours=100000", HttpStatusCode.BadRequest)]
    [InlineData("/api/dashboards/verification?limit=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/dashboards/indices", HttpStatusCode.BadRequest)]
    [InlineData("/api/dashboards/indices?district=640599", HttpStatusCode.NotFound)]
    [InlineData("/api/dashboards/indices?district=640521&days=0", HttpStatusCode.BadRequest)]
    public async Task BadRequests_GetProblemDetails(string url, HttpStatusCode status)
    {
        using var response = await run.Server.Http.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/emergency", "应急管理")]
    [InlineData("/agriculture", "农业")]
    [InlineData("/health", "卫生健康")]
    [InlineData("/ops", "运维控制台")]
    [InlineData("/farmer", "农户")]
    [InlineData("/", "气候灾害预警")]   // the static page names no city: the title comes from GET /api/bureau
    public async Task Pages_AreServedInChinese(string path, string title)
    {
        var html = await run.Server.Http.GetStringAsync(path);

        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.DoesNotContain("//cdn", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/lib/echarts.min.js")]
    [InlineData("/lib/signalr.min.js")]
    public async Task HealthChecksAndLibraries_StillAnswer(string path)
    {
        using var response = await run.Server.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Series_ForZhongning_HasObservedAndForecastTemperatureFromTheReplay()
    {
        using var doc = JsonDocument.Parse(await run.Server.Http.GetStringAsync("/api/dashboards/series?district=640521"));
        var root = doc.RootElement;

        Assert.Equal("640521-seat", root.GetProperty("place").GetString());
        Assert.True(root.GetProperty("observed").GetProperty("temperature").GetArrayLength() > 10);   // ISD-Lite is 3-hourly
        Assert.True(root.GetProperty("forecast").GetProperty("temperature").GetArrayLength() > 10);   // ISD-Lite is 3-hourly
    }

    [Fact]
    public async Task Verification_TheMarchFrostWarning_ReachedTheFrostThresholdInItsObservations()
    {
        using var doc = JsonDocument.Parse(await run.Server.Http.GetStringAsync("/api/dashboards/verification"));
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToList();

        var frost = Assert.Single(rows, r => r.GetProperty("hazard").GetString() == "frost" && r.GetProperty("district").GetString() == "640521");
        Assert.True(frost.GetProperty("observedHours").GetInt32() > 0);
        Assert.True(frost.GetProperty("reached").GetBoolean());
        Assert.DoesNotContain(rows, r => r.GetProperty("district").GetString() == "640522" && r.GetProperty("hazard").GetString() == "frost" && r.GetProperty("reached").ValueKind == JsonValueKind.True);
    }

    [Fact]
    public async Task IndicesSeason_ListsTheStoredDailyIndicesWithTheirClasses()
    {
        var day = new DateTimeOffset(2021, 3, 10, 0, 0, 0, TimeSpan.FromHours(8));
        var tags = new Dictionary<string, string> { [Tags.Place] = "640502", [Tags.Source] = "climatewarn" };
        await run.Server.Service<ITimeSeriesStore>().WriteAsync(
            [new TimeSeriesPoint("index", tags, new Dictionary<string, double> { ["spi30"] = -1.2, ["mi30"] = -0.5 }, day),
             new TimeSeriesPoint("index", tags, new Dictionary<string, double> { ["spi30"] = 0.3 }, day.AddDays(1))], CancellationToken.None);

        using var doc = JsonDocument.Parse(await run.Server.Http.GetStringAsync("/api/dashboards/indices?district=640502"));
        var spi30 = doc.RootElement.GetProperty("series").GetProperty("spi30").EnumerateArray().ToList();

        Assert.Equal(["Moderate", "None"], spi30.Select(p => p.GetProperty("class").GetString()));
        Assert.Equal("中旱", spi30[0].GetProperty("classZh").GetString());
        Assert.Equal("Light", doc.RootElement.GetProperty("series").GetProperty("mi30")[0].GetProperty("class").GetString());
    }

    [Fact]
    public async Task Verification_AWarningItsObservationsNeverReached_IsMarkedNotReached_AndOneWithoutObservationsIsNull()
    {
        // Shapotou has no replayed station: a heat warning there first has no observations, then mild ones.
        var issuedAt = new DateTimeOffset(2021, 3, 19, 0, 0, 0, TimeSpan.Zero);
        await run.IssueAsync("640502", HeatHazard.Id, SignalLevel.Yellow, issuedAt);
        Assert.Null((await HeatRowAsync()).GetProperty("reached").GetString());

        var tags = new Dictionary<string, string> { [Tags.Place] = "640502-seat", [Tags.Source] = "test" };
        var mild = Enumerable.Range(-24, 48).Select(h => new TimeSeriesPoint(Measurements.Observation, tags,
            new Dictionary<string, double> { [WeatherVariables.Temperature2m] = 10 }, issuedAt.AddHours(h))).ToList();
        await run.Server.Service<ITimeSeriesStore>().WriteAsync(mild, CancellationToken.None);

        var row = await HeatRowAsync();
        Assert.False(row.GetProperty("reached").GetBoolean());
        Assert.True(row.GetProperty("observedHours").GetInt32() >= 12);
    }

    private async Task<JsonElement> HeatRowAsync()
    {
        using var doc = JsonDocument.Parse(await run.Server.Http.GetStringAsync("/api/dashboards/verification"));
        return doc.RootElement.GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("hazard").GetString() == "heat" && r.GetProperty("district").GetString() == "640502").Clone();
    }

    [Fact]
    public async Task Advice_ServesCropsAndGroupsInBothLanguages()
    {
        using var doc = JsonDocument.Parse(await run.Server.Http.GetStringAsync("/api/advice"));
        var goji = doc.RootElement.GetProperty("crops").GetProperty("items").GetProperty("goji");

        Assert.Equal("枸杞", goji.GetProperty("nameZh").GetString());
        Assert.False(string.IsNullOrEmpty(goji.GetProperty("advice").GetProperty("frost").GetProperty("yellow").GetProperty("en").GetString()));
        Assert.Equal(3, doc.RootElement.GetProperty("health").GetProperty("items").EnumerateObject().Count());
    }

    [Fact]
    public async Task Sources_SayWhenEachSourceLastSucceeded_ByTheServersClock()
    {
        using var doc = JsonDocument.Parse(await run.Server.Http.GetStringAsync("/api/dashboards/sources"));

        Assert.StartsWith("2021-03-21", doc.RootElement.GetProperty("now").GetString(), StringComparison.Ordinal);
        Assert.Contains(doc.RootElement.GetProperty("sources").EnumerateArray(), s => s.GetProperty("lastSuccess").ValueKind == JsonValueKind.String);
    }
}
