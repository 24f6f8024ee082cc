using System.Net;
using ClimateWarn.Server.Ingest;
using ClimateWarn.Server.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ClimateWarn.Server.Ingest.OpenMeteo;

namespace ClimateWarn.Server.Tests.Ingest.OpenMeteo;

/// <summary>The real Refit client and resilience handler against a local Kestrel server replaying recorded responses.</summary>
[Collection(TimingSensitive.Name)]
public sealed class OpenMeteoClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset Now = new(2026, 10, 2, 23, 0, 0, TimeSpan.Zero);
    private FakeUpstream _upstream = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _upstream.Default = FakeUpstream.Recorded("open-meteo/frenck_forecast.json");
    }

    public async Task DisposeAsync() => await _upstream.DisposeAsync();

    internal static ServiceProvider Services(string baseUrl, string model = "best_match")
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenMeteo:Model"] = model,
            ["OpenMeteo:BaseUrl"] = baseUrl,
            ["OpenMeteo:Resilience:Retry:Delay"] = "00:00:00.050",
            ["OpenMeteo:Resilience:Retry:BackoffType"] = "Constant",
            ["OpenMeteo:Resilience:Retry:UseJitter"] = "false",
            // Room for a loaded CI machine (a first attempt over 1 s was retried there); the slow-answer test waits 5 s; the circuit breaker samples at least twice this.
            ["OpenMeteo:Resilience:AttemptTimeout:Timeout"] = "00:00:02",
            ["OpenMeteo:Resilience:TotalRequestTimeout:Timeout"] = "00:00:20",
            ["OpenMeteo:Resilience:CircuitBreaker:SamplingDuration"] = "00:00:05",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(config);
        services.AddOpenMeteoClient(config);
        return services.BuildServiceProvider();
    }

    private async Task<SourceBatch> FetchAsync(ClimateWarn.Core.Places.District? district = null, string model = "best_match")
    {
        await using var sp = Services(_upstream.BaseUrl, model);
        var source = sp.GetRequiredService<OpenMeteoForecastSource>();
        return await source.FetchAsync(district ?? TestPlaces.Zhongning, Now, CancellationToken.None).WaitAsync(Timeout);
    }

    [Fact]
    public async Task Fetch_AllGridCellsInOneCall_WithTheDocumentedParameters()
    {
        var district = TestPlaces.Zhongning;

        var batch = await FetchAsync(district);

        var query = Assert.Single(_upstream.Requests);
        Assert.StartsWith("/v1/forecast?", query, StringComparison.Ordinal);
        Assert.Contains("timezone=Asia%2FShanghai", query, StringComparison.Ordinal);
        Assert.Contains("wind_speed_unit=ms", query, StringComparison.Ordinal);
        Assert.Contains("past_days=2", query, StringComparison.Ordinal);
        Assert.Contains("soil_temperature_0cm", query, StringComparison.Ordinal);
        var latitudes = System.Web.HttpUtility.ParseQueryString(query[query.IndexOf('?', StringComparison.Ordinal)..])["latitude"]!.Split(',');
        Assert.Equal(district.Cells.Count, latitudes.Length);
        Assert.Equal(district.Cells.Count, batch.Points.Select(p => p.Tags["place"]).Distinct().Count());
    }

    [Theory]
    [InlineData("best_match", null)]
    [InlineData("cma_grapes_global", "cma_grapes_global")]
    [InlineData("auto", null)]   // without a skill table, auto is best_match
    public async Task Fetch_TheDrivingModel_IsAskedByName_UnlessBestMatch(string configured, string? asked)
    {
        var batch = await FetchAsync(model: configured);

        var query = Assert.Single(_upstream.Requests);
        var models = System.Web.HttpUtility.ParseQueryString(query[query.IndexOf('?', StringComparison.Ordinal)..])["models"];
        Assert.Equal(asked, models);
        Assert.NotEmpty(batch.Points);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Fetch_TransientStatusThenSuccess_IsRetried(int status)
    {
        _upstream.Enqueue(FakeUpstream.Status(status, "{}"));

        var batch = await FetchAsync();

        Assert.NotEmpty(batch.Points);
        Assert.Equal(2, _upstream.Requests.Count);
    }

    [Fact]
    public async Task Fetch_ErrorBody_FailsAtOnceWithTheReason()
    {
        _upstream.Enqueue(FakeUpstream.Status(400, File.ReadAllText(Repo.Fixture("open-meteo/constructed_error_400.json"))));

        var ex = await Assert.ThrowsAsync<SourceException>(() => FetchAsync());

        Assert.False(ex.Transient);
        Assert.Contains("Cannot initialize WeatherVariable", ex.Message, StringComparison.Ordinal);
        Assert.Single(_upstream.Requests);
    }

    [Fact]
    public async Task Fetch_TruncatedJson_FailsWithAClearReason()
    {
        _upstream.Enqueue(async ctx =>
        {
            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(File.ReadAllText(Repo.Fixture("open-meteo/frenck_forecast.json"))[..700]);
        });

        var ex = await Assert.ThrowsAsync<SourceException>(() => FetchAsync(TestPlaces.SeatOnly(TestPlaces.Zhongning)));

        Assert.Contains("malformed JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_SlowResponse_TimesOutAndRetries()
    {
        _upstream.Enqueue(async ctx =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5), ctx.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // the client gave up, as it should
            }
        });

        var batch = await FetchAsync();

        Assert.NotEmpty(batch.Points);
        Assert.Equal(2, _upstream.Requests.Count);
    }

    [Fact]
    public async Task Fetch_ServerKeepsFailing_GivesUpWithTransientError()
    {
        _upstream.Default = FakeUpstream.Status(500, "{}");

        var ex = await Assert.ThrowsAsync<SourceException>(() => FetchAsync());

        Assert.True(ex.Transient);
        Assert.Equal(4, _upstream.Requests.Count); // one attempt and three retries
    }

    [Fact]
    public async Task Fetch_NobodyListening_IsTransientUnreachable()
    {
        using var nobody = Ports.Refusing();
        await using var sp = Services(nobody.Url);

        var ex = await Assert.ThrowsAsync<SourceException>(() =>
            sp.GetRequiredService<OpenMeteoForecastSource>().FetchAsync(TestPlaces.Zhongning, Now, CancellationToken.None).WaitAsync(Timeout));

        Assert.True(ex.Transient);
        Assert.Contains("unreachable", ex.Message, StringComparison.Ordinal);
    }
}
