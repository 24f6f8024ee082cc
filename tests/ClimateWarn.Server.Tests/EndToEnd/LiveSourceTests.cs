using System.Net;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Ingest;
using ClimateWarn.Server.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace ClimateWarn.Server.Tests.EndToEnd;

/// <summary>The live command against a local stand-in for Open-Meteo: failures are reported, stored data stays.</summary>
public sealed class LiveSourceTests
{
    private static Dictionary<string, string?> Live(string baseUrl, bool runAtStartup) => new()
    {
        ["OpenMeteo:BaseUrl"] = baseUrl,
        ["OpenMeteo:RunAtStartup"] = runAtStartup ? "true" : "false",
        ["OpenMeteo:Cron"] = "0 0 0 1 1 ? 2099",
        ["OpenMeteo:Resilience:Retry:Delay"] = "00:00:00.020",
        ["OpenMeteo:Resilience:Retry:BackoffType"] = "Constant",
        ["OpenMeteo:Resilience:AttemptTimeout:Timeout"] = "00:00:02",
    };

    [Fact]
    public async Task FailedRun_AfterASuccessfulOne_KeepsStoredDataAndReportsTheSource()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Default = FakeUpstream.Recorded("open-meteo/frenck_forecast.json");
        await using var server = await RunningServer.StartAsync(replay: false, Live(upstream.BaseUrl, runAtStartup: false));
        var store = server.Service<ITimeSeriesStore>();

        await server.IngestOnceAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var stored = await store.CountValuesAsync(Measurements.Observation, null, [], DateTimeOffset.MinValue, DateTimeOffset.MaxValue, CancellationToken.None);
        Assert.True(stored > 0);

        upstream.Default = async ctx => await ctx.Response.WriteAsync("{\"latitude\": 37.4, \"hourly\": {\"time\": [\"2026-");
        var ex = await Assert.ThrowsAsync<IngestFailedException>(() => server.IngestOnceAsync().WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains("malformed JSON", ex.Message, StringComparison.Ordinal);
        Assert.Equal(stored, await store.CountValuesAsync(Measurements.Observation, null, [], DateTimeOffset.MinValue, DateTimeOffset.MaxValue, CancellationToken.None));
        using var ready = await server.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("open-meteo", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offline_ServerKeepsRunningAndSaysTheSourceIsUnreachable()
    {
        using var nobody = Ports.Refusing();
        await using var server = await RunningServer.StartAsync(replay: false, Live(nobody.Url, runAtStartup: true));

        string body = "";
        await Eventually.UntilAsync(async () =>
        {
            using var ready = await server.Http.GetAsync("/health/ready");
            body = await ready.Content.ReadAsStringAsync();
            return body.Contains("unreachable", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(90), "readiness says the source is unreachable");

        Assert.Contains("source open-meteo unreachable or failing", body, StringComparison.Ordinal);
        using var live = await server.Http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var districts = await server.Http.GetAsync("/api/districts");
        Assert.Equal(HttpStatusCode.OK, districts.StatusCode);
    }
}
