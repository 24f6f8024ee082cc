using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Ingest;
using ClimateWarn.Server.Ingest.OpenMeteoAirQuality;
using ClimateWarn.Server.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClimateWarn.Server.Tests.Ingest.OpenMeteoAirQuality;

/// <summary>
/// The air-quality source against a local upstream serving CONSTRUCTED answers (<see cref="Answer"/>: made here in the
/// documented shape of Open-Meteo's air-quality API, not recorded — the real API was out of reach), through a running
/// server: particles stored per grid cell, the sandstorm rule reading measured PM10 instead of its proxy, and bad
/// answers refused with their reason while what is stored stays.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class OpenMeteoAirQualityTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly DateTimeOffset Now = new(2021, 4, 21, 9, 0, 0, TimeSpan.FromHours(8));
    private const string Source = OpenMeteoAirQualitySource.SourceName;

    /// <summary>A constructed answer: one location per requested latitude, hourly from local midnight past_days ago, pm10 from <paramref name="pm10"/>.</summary>
    private static Func<HttpContext, Task> Answer(Func<int, double?> pm10, double pm25 = 35, double dust = 120) => async ctx =>
    {
        var latitudes = ctx.Request.Query["latitude"].ToString().Split(',');
        var past = int.Parse(ctx.Request.Query["past_days"].ToString(), CultureInfo.InvariantCulture);
        var ahead = int.Parse(ctx.Request.Query["forecast_days"].ToString(), CultureInfo.InvariantCulture);
        var start = Now.Date.AddDays(-past);
        var hours = (past + ahead) * 24;
        var times = Enumerable.Range(0, hours).Select(h => start.AddHours(h).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)).ToList();
        var locations = latitudes.Select(lat => new Dictionary<string, object>
        {
            ["latitude"] = double.Parse(lat, CultureInfo.InvariantCulture), ["longitude"] = 105.2, ["generationtime_ms"] = 0.4,
            ["utc_offset_seconds"] = 28800, ["timezone"] = "Asia/Shanghai", ["timezone_abbreviation"] = "GMT+8", ["elevation"] = 1230.0,
            ["hourly_units"] = new Dictionary<string, string> { ["time"] = "iso8601", ["pm10"] = "μg/m³", ["pm2_5"] = "μg/m³", ["dust"] = "μg/m³" },
            ["hourly"] = new Dictionary<string, object>
            {
                ["time"] = times,
                ["pm10"] = Enumerable.Range(0, hours).Select(pm10).ToList(),
                ["pm2_5"] = Enumerable.Repeat(pm25, hours).ToList(),
                ["dust"] = Enumerable.Repeat(dust, hours).ToList(),
            },
        }).ToList();
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(latitudes.Length == 1 ? JsonSerializer.Serialize(locations[0]) : JsonSerializer.Serialize(locations));
    };

    private static Task<RunningServer> StartAsync(FakeUpstream upstream) => RunningServer.StartAsync(replay: false, new Dictionary<string, string?>
    {
        ["Paths:Models"] = Path.Combine(Repo.Root, "models"),
        ["OpenMeteo:BaseUrl"] = "http://127.0.0.1:9",
        ["OpenMeteo:RunAtStartup"] = "false",
        // Quartz runs on the injected clock: no cron may fire while the test holds it.
        ["OpenMeteo:Cron"] = "0 0 0 1 1 ? 2099",
        ["OpenMeteoAirQuality:Enabled"] = "true",
        ["OpenMeteoAirQuality:BaseUrl"] = upstream.BaseUrl,
        ["OpenMeteoAirQuality:RunAtStartup"] = "false",
        ["OpenMeteoAirQuality:Cron"] = "0 0 0 1 1 ? 2099",
        ["OpenMeteoAirQuality:Resilience:Retry:MaxRetryAttempts"] = "1",
        ["OpenMeteoAirQuality:Resilience:Retry:Delay"] = "00:00:00.020",
    }, s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)));

    /// <summary>Hourly weather with visibility 800 m over Shapotou, dry and windy enough for the sandstorm proxy; mild elsewhere.</summary>
    private sealed class DustyHours : IForecastSource
    {
        public string Name => "test-dusty";

        public Task<SourceBatch> FetchAsync(District district, DateTimeOffset now, CancellationToken cancellationToken) =>
            Task.FromResult(new SourceBatch([.. district.Cells.SelectMany(c => Enumerable.Range(-3, 27).Select(h => new TimeSeriesPoint(
                h <= 0 ? Measurements.Observation : Measurements.Forecast,
                new Dictionary<string, string>(StringComparer.Ordinal) { [Tags.Place] = c.Id, [Tags.Source] = Name },
                new Dictionary<string, double>(StringComparer.Ordinal)
                {
                    [WeatherVariables.Temperature2m] = 15, [WeatherVariables.SoilTemperature0cm] = 14,
                    [WeatherVariables.Visibility] = district.Code == "640502" && h >= 2 ? 800 : 20_000,
                    [WeatherVariables.WindSpeed10m] = 10, [WeatherVariables.RelativeHumidity2m] = 30,
                },
                now.AddHours(h))))], 0, 0, []));
    }

    [Fact]
    public async Task MeasuredPm10_StoredPerCell_RaisesTheSandstorm_OnPm10NotTheProxy()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Default = Answer(h => h >= 60 ? 2000 : 150);   // the dust arrives at 12:00 on the 21st
        await using var server = await StartAsync(upstream);

        await server.IngestOnceAsync(Source).WaitAsync(Timeout);

        var request = upstream.Requests.First();
        Assert.StartsWith("/v1/air-quality?", request, StringComparison.Ordinal);
        Assert.Contains("hourly=pm10%2Cpm2_5%2Cdust", request, StringComparison.Ordinal);
        Assert.Contains("timezone=Asia%2FShanghai", request, StringComparison.Ordinal);
        var store = server.Service<ITimeSeriesStore>();
        var shapotou = server.Service<PlaceCatalog>().GetDistrict("640502");
        var stored = await store.ReadAsync(new TimeSeriesQuery(Measurements.Forecast, [.. shapotou.Cells.Select(c => c.Id)], [WeatherVariables.Pm10, WeatherVariables.Dust], Now, Now.AddDays(1)), CancellationToken.None);
        Assert.Equal(shapotou.Cells.Count * 23 * 2, stored.Count);   // 10:00 to 08:00 next morning: 09:00 is now, an observation
        Assert.Contains(stored, v => v.Field == WeatherVariables.Pm10 && v.Value == 2000);

        await server.Service<Ingestor>().RunAsync(new DustyHours(), Now, CancellationToken.None).WaitAsync(Timeout);

        var messages = await server.AllMessagesAsync();
        var sandstorm = Assert.Single(messages, m => m.Hazard == "sandstorm");
        Assert.Equal(["640502"], sandstorm.Districts);
        Assert.Contains("PM10 >", sandstorm.Basis, StringComparison.Ordinal);
        Assert.DoesNotContain("proxy", sandstorm.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LowMeasuredPm10_OverridesTheProxy_NoSandstorm()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Default = Answer(_ => 50);
        await using var server = await StartAsync(upstream);

        await server.IngestOnceAsync(Source).WaitAsync(Timeout);
        await server.Service<Ingestor>().RunAsync(new DustyHours(), Now, CancellationToken.None).WaitAsync(Timeout);

        // Wind 10 m/s and RH 30 % would pass the proxy; the measured 50 µg/m³ says the 800 m is not dust.
        Assert.DoesNotContain(await server.AllMessagesAsync(), m => m.Hazard == "sandstorm");
    }

    public static readonly TheoryData<int, string, string> BadPayloads = new()
    {
        { 400, """{"error":true,"reason":"Cannot initialize AirQualityVariable from invalid String value pm_10"}""", "Cannot initialize AirQualityVariable" },
        { 200, """[{"latitude":37.5,"utc_offset_seconds":28800,"hourly":{"time":["2021-04-19T00:00","2021-""", "malformed JSON" },
        { 200, """{"latitude":37.5,"utc_offset_seconds":28800,"hourly":{"time":["2021-04-19T00:00"],"pm10":[12]}}""", "locations for" },
    };

    [Theory]
    [MemberData(nameof(BadPayloads))]
    public async Task BadAnswer_IsRefusedWithItsReason_AndWhatIsStoredStays(int status, string body, string reason)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Default = Answer(_ => 80);
        await using var server = await StartAsync(upstream);
        var store = server.Service<ITimeSeriesStore>();
        await server.IngestOnceAsync(Source).WaitAsync(Timeout);
        async Task<long> StoredAsync() => await store.CountValuesAsync(Measurements.Forecast, Source, [], DateTimeOffset.MinValue, DateTimeOffset.MaxValue, CancellationToken.None);
        var stored = await StoredAsync();
        Assert.True(stored > 0);

        upstream.Default = FakeUpstream.Status(status, body);
        var ex = await Assert.ThrowsAsync<IngestFailedException>(() => server.IngestOnceAsync(Source).WaitAsync(Timeout));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Equal(stored, await StoredAsync());
        var health = server.Service<SourceHealth>().All.Single(s => s.Source == Source);
        Assert.True(health.Failing);
        Assert.Contains(reason, health.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NullsAreCounted_AbsurdParticlesRejectedWithTheirReason_TheRestStored()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        // Hour 0 null, hour 1 negative, hour 2 a million µg/m³: none stored; every other hour is.
        upstream.Default = Answer(h => h switch { 0 => null, 1 => -5, 2 => 1_000_000, _ => 90 });
        await using var server = await StartAsync(upstream);
        var source = server.App.Services.GetServices<IForecastSource>().Single(s => s.Name == Source);

        var batch = await source.FetchAsync(server.Service<PlaceCatalog>().GetDistrict("640522"), Now, CancellationToken.None).WaitAsync(Timeout);

        var cells = server.Service<PlaceCatalog>().GetDistrict("640522").Cells.Count;
        Assert.Equal(cells, batch.NullsSkipped);
        Assert.Equal(2 * cells, batch.Rejected);
        Assert.Contains(batch.Problems, p => p.Contains("pm10", StringComparison.Ordinal) && p.Contains("1000000", StringComparison.Ordinal));
        var pm10 = batch.Points.Where(p => p.Fields.ContainsKey(WeatherVariables.Pm10)).ToList();
        Assert.Equal(cells * (5 * 24 - 3), pm10.Count);
        Assert.All(batch.Points, p => Assert.Equal(Source, p.Tags[Tags.Source]));
        Assert.All(batch.Points, p => Assert.Subset(new HashSet<string> { "pm10", "pm2_5", "dust" }, p.Fields.Keys.ToHashSet()));
    }
}
