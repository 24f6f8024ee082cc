using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Ingest;
using ClimateWarn.Server.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClimateWarn.Server.Tests.Assess.Indices;

/// <summary>
/// A fresh live server whose only daily history is the archive source, against a local upstream serving CONSTRUCTED
/// archive answers (<see cref="ConstructedArchive"/>: generated days, rainless from 1 February 2021): indices without any
/// import, labelled reanalysis, and a drought orange warning through the real pipeline.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class DroughtLiveTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly DateTimeOffset Now = new(2021, 4, 21, 9, 0, 0, TimeSpan.FromHours(8));

    private static ConstructedArchive.Day? DrySpring(DateOnly d) =>
        d >= new DateOnly(2021, 2, 1) ? ConstructedArchive.Generated(d) with { Rain = 0 } : ConstructedArchive.Generated(d);

    private static Task<RunningServer> StartAsync(FakeUpstream upstream) => RunningServer.StartAsync(replay: false, new Dictionary<string, string?>
    {
        ["Paths:Models"] = Path.Combine(Repo.Root, "models"),
        ["OpenMeteo:BaseUrl"] = "http://127.0.0.1:9",
        ["OpenMeteo:RunAtStartup"] = "false",
        // Quartz runs on the injected clock: when the test moves it on, no cron may fire (a job would wait on that clock).
        ["OpenMeteo:Cron"] = "0 0 0 1 1 ? 2099",
        ["OpenMeteoArchive:Cron"] = "0 0 0 1 1 ? 2099",
        ["OpenMeteoArchive:Enabled"] = "true",
        ["OpenMeteoArchive:BaseUrl"] = upstream.BaseUrl,
        ["OpenMeteoArchive:RunAtStartup"] = "false",
        ["OpenMeteoArchive:Resilience:Retry:MaxRetryAttempts"] = "1",
        ["OpenMeteoArchive:Resilience:Retry:Delay"] = "00:00:00.020",
        ["Warnings:ApprovalFrom:drought"] = "None",
    }, s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)));

    /// <summary>Mild hourly weather for every cell, so the districts have data and only drought can signal.</summary>
    private sealed class MildHours : IForecastSource
    {
        public string Name => "test-mild";

        public Task<SourceBatch> FetchAsync(District district, DateTimeOffset now, CancellationToken cancellationToken) =>
            Task.FromResult(new SourceBatch([.. district.Cells.SelectMany(c => Enumerable.Range(-3, 27).Select(h => new TimeSeriesPoint(
                h <= 0 ? Measurements.Observation : Measurements.Forecast,
                new Dictionary<string, string>(StringComparer.Ordinal) { [Tags.Place] = c.Id, [Tags.Source] = Name },
                new Dictionary<string, double>(StringComparer.Ordinal) { [WeatherVariables.Temperature2m] = 12, [WeatherVariables.SoilTemperature0cm] = 10 },
                now.AddHours(h))))], 0, 0, []));
    }

    [Fact]
    public async Task FreshServer_OnlyTheArchive_GetsIndicesLabelledReanalysis_AndRaisesDroughtOrange()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Default = ConstructedArchive.Answer(DrySpring);
        await using var server = await StartAsync(upstream);

        await server.IngestOnceAsync("open-meteo-archive").WaitAsync(Timeout);

        var indices = await server.Http.GetFromJsonAsync<JsonElement>("/api/indices?district=640521");
        Assert.Equal("ok", indices.GetProperty("status").GetString());
        Assert.Equal("ERA5 reanalysis (Open-Meteo archive)", indices.GetProperty("basis").GetString());
        Assert.True(indices.GetProperty("reanalysis").GetBoolean());
        var mci = indices.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("index").GetString() == "mci");
        Assert.Equal("Severe", mci.GetProperty("class").GetString());

        await server.Service<Ingestor>().RunAsync(new MildHours(), Now, CancellationToken.None).WaitAsync(Timeout);

        var messages = await server.AllMessagesAsync();
        var drought = Assert.Single(messages, m => m.Hazard == "drought" && m.Districts.Contains("640521"));
        Assert.Equal((WarningAction.Issued, SignalLevel.Orange), (drought.Action, drought.Level));
        Assert.Contains("干旱橙色预警信号", drought.HeadlineZh, StringComparison.Ordinal);
        // Days, not hours: to local midnight two days on, past tomorrow's 08:30 update of the indices.
        Assert.Equal((Now, new DateTimeOffset(2021, 4, 23, 0, 0, 0, TimeSpan.FromHours(8))), (drought.ValidFrom, drought.ValidTo));
        Assert.DoesNotContain(messages, m => m.Hazard != "drought");

        // Two days on, the archive has the days of the warning: verification reads the stored daily MCI, not hours.
        ((FakeTimeProvider)server.Service<TimeProvider>()).Advance(TimeSpan.FromDays(2));
        await server.IngestOnceAsync("open-meteo-archive").WaitAsync(Timeout);
        var verification = await server.Http.GetFromJsonAsync<JsonElement>("/api/dashboards/verification");
        var row = verification.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("hazard").GetString() == "drought" && r.GetProperty("district").GetString() == "640521");
        Assert.True(row.GetProperty("reached").GetBoolean());
        Assert.Contains(row.GetProperty("observedLevel").GetString(), new[] { "orange", "red" });
        Assert.Equal(2 * 24, row.GetProperty("observedHours").GetInt32());   // 21 and 22 April, one index each
        Assert.StartsWith("MCI ", row.GetProperty("basis").GetString(), StringComparison.Ordinal);
    }

    public static readonly TheoryData<int, string, string> BadPayloads = new()
    {
        { 400, """{"error":true,"reason":"Cannot initialize WeatherVariable from invalid String value et0"}""", "Cannot initialize WeatherVariable" },
        { 200, """{"latitude":37.5,"utc_offset_seconds":28800,"daily":{"time":["2021-04-07","2021-""", "malformed JSON" },
    };

    [Theory]
    [MemberData(nameof(BadPayloads))]
    public async Task BadPayload_AfterABackfill_IsRefusedWithItsReason_AndNothingStoredIsLost(int status, string body, string reason)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Default = ConstructedArchive.Answer(DrySpring);
        await using var server = await StartAsync(upstream);
        var store = server.Service<ITimeSeriesStore>();
        await server.IngestOnceAsync("open-meteo-archive").WaitAsync(Timeout);
        async Task<long> StoredAsync() => await store.CountValuesAsync(Measurements.ObservationDaily, "open-meteo-archive", [], DateTimeOffset.MinValue, DateTimeOffset.MaxValue, CancellationToken.None);
        var stored = await StoredAsync();
        Assert.True(stored > 40 * 365 * 4 * 3, $"{stored} values backfilled");

        upstream.Default = FakeUpstream.Status(status, body);
        var ex = await Assert.ThrowsAsync<IngestFailedException>(() => server.IngestOnceAsync("open-meteo-archive").WaitAsync(Timeout));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Equal(stored, await StoredAsync());
        var health = server.Service<SourceHealth>().All.Single(s => s.Source == "open-meteo-archive");
        Assert.True(health.Failing);
        Assert.Contains(reason, health.LastError, StringComparison.Ordinal);
        Assert.Equal("ok", (await server.Http.GetFromJsonAsync<JsonElement>("/api/indices?district=640521")).GetProperty("status").GetString());
    }
}
