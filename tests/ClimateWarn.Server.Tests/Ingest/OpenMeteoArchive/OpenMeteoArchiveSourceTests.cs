using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Ingest;
using ClimateWarn.Server.Ingest.OpenMeteoArchive;
using ClimateWarn.Server.Store;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClimateWarn.Server.Tests.Ingest.OpenMeteoArchive;

/// <summary>The real Refit client and resilience handler against a local Kestrel server serving CONSTRUCTED archive answers.</summary>
[Collection(TimingSensitive.Name)]
public sealed class OpenMeteoArchiveSourceTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly DateTimeOffset Now = new(2021, 4, 21, 9, 0, 0, TimeSpan.FromHours(8));
    private const string Spring = "open-meteo/constructed_archive_zhongning_2021_spring.json";
    private FakeUpstream _upstream = null!;
    private SqliteTimeSeriesStore _store = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _upstream = await FakeUpstream.StartAsync();
        _upstream.Default = ConstructedArchive.Answer(d => ConstructedArchive.Generated(d));
        _store = new SqliteTimeSeriesStore(Path.Combine(Repo.TempDirectory(), "ts.db"));
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenMeteoArchive:BaseUrl"] = _upstream.BaseUrl,
            ["OpenMeteoArchive:Resilience:Retry:Delay"] = "00:00:00.050",
            ["OpenMeteoArchive:Resilience:Retry:BackoffType"] = "Constant",
            ["OpenMeteoArchive:Resilience:Retry:UseJitter"] = "false",
            ["OpenMeteoArchive:Resilience:AttemptTimeout:Timeout"] = "00:00:05",
            ["OpenMeteoArchive:Resilience:TotalRequestTimeout:Timeout"] = "00:00:20",
            ["OpenMeteoArchive:Resilience:CircuitBreaker:SamplingDuration"] = "00:00:10",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(config).AddSingleton<ITimeSeriesStore>(_store);
        services.AddOpenMeteoArchiveSource(config, defaultHistoryYears: 40);
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    private OpenMeteoArchiveSource Source => _services.GetRequiredService<OpenMeteoArchiveSource>();

    private Task<SourceBatch> FetchAsync() => Source.FetchAsync(TestPlaces.Zhongning, Now, CancellationToken.None).WaitAsync(Timeout);

    private static string Query(string request, string name) =>
        System.Web.HttpUtility.ParseQueryString(request[request.IndexOf('?', StringComparison.Ordinal)..])[name]!;

    [Fact]
    public async Task FirstRun_BackfillsTheHistoryInChunks_AtTheSeat_WithTheDocumentedParameters()
    {
        var batch = await FetchAsync();

        var requests = _upstream.Requests.ToList();
        Assert.All(requests, r => Assert.StartsWith("/v1/archive?", r, StringComparison.Ordinal));
        Assert.All(requests, r => Assert.Equal("precipitation_sum,temperature_2m_max,temperature_2m_min,et0_fao_evapotranspiration", Query(r, "daily")));
        Assert.All(requests, r => Assert.Equal("Asia/Shanghai", Query(r, "timezone")));
        Assert.All(requests, r => Assert.Equal("37.4897", Query(r, "latitude")));
        // 40 years to 20 Apr 2021 cut at 1990, 2000, 2010, 2020, then the recent 14 days on their own.
        Assert.Equal(["1981-04-20", "1990-01-01", "2000-01-01", "2010-01-01", "2020-01-01", "2021-04-07"], requests.Select(r => Query(r, "start_date")));
        Assert.Equal("2021-04-20", Query(requests[^1], "end_date"));
        Assert.Equal("2021-04-06", Query(requests[^2], "end_date"));
        var days = new DateOnly(2021, 4, 20).DayNumber - new DateOnly(1981, 4, 20).DayNumber + 1;
        Assert.Equal(days, batch.Points.Count);
        Assert.All(batch.Points, p => Assert.Equal((Measurements.ObservationDaily, "era5:640521", "open-meteo-archive"), (p.Measurement, p.Tags["place"], p.Tags["source"])));
        Assert.Equal(0, batch.Rejected);
    }

    [Fact]
    public async Task LaterRun_WithTheHistoryStored_AsksOnlyForTheRecentDays()
    {
        await _store.WriteAsync((await FetchAsync()).Points.ToList(), CancellationToken.None);
        _upstream.Requests.Clear();

        await FetchAsync();

        var request = Assert.Single(_upstream.Requests);
        Assert.Equal(("2021-04-07", "2021-04-20"), (Query(request, "start_date"), Query(request, "end_date")));
    }

    [Fact]
    public async Task ConstructedSpringFixture_MapsTheRealStationValues_AndCountsItsNulls()
    {
        await _store.WriteAsync((await FetchAsync()).Points.ToList(), CancellationToken.None);
        _upstream.Default = FakeUpstream.Recorded(Spring);

        var batch = await FetchAsync();

        // The fixture holds 25 Mar - 20 Apr; the recent window asks 7-20 Apr, so days outside it are not taken.
        var april13 = batch.Points.Single(p => p.Timestamp == new DateTimeOffset(2021, 4, 13, 0, 0, 0, TimeSpan.FromHours(8)));
        Assert.Equal(9.0, april13.Fields["precipitation_sum"]);
        Assert.Equal(0.7, april13.Fields["temperature_2m_min"]);
        Assert.Equal(3, batch.NullsSkipped); // 28 Mar, 3 and 10 Apr have no precipitation report; the mapper counts the whole answer's nulls
    }

    public static readonly TheoryData<string, string, string> BadPayloads = new()
    {
        { "error body", """{"error":true,"reason":"Parameter 'start_date' is out of allowed range from 1940-01-01 to 2021-04-20"}""", "HTTP 400 for 640521 1981-04-20…1989-12-31: Parameter 'start_date' is out of allowed range" },
        { "truncated JSON", """{"latitude":37.5,"longitude":105.7,"utc_offset_seconds":28800,"daily":{"time":["1981-04-20","1981-""", "with malformed JSON" },
        { "not an object", "[1, 2, 3]", "the response has 3 locations for 1 requested points" },
        { "no time array", """{"utc_offset_seconds":28800,"daily":{"precipitation_sum":[1.0]}}""", "a data block lacks its time array" },
    };

    [Theory]
    [MemberData(nameof(BadPayloads))]
    public async Task BadPayload_FailsTheFetchWithTheReason(string what, string body, string reason)
    {
        _upstream.Enqueue(FakeUpstream.Status(what == "error body" ? 400 : 200, body));

        var ex = await Assert.ThrowsAsync<SourceException>(FetchAsync);

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("open-meteo-archive: ", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.Transient, what);
    }

    [Fact]
    public async Task AbsurdValues_AreRefusedWithAReason_TheRestIsKept()
    {
        _upstream.Default = ConstructedArchive.Answer(d => d == new DateOnly(1985, 7, 1) ? new ConstructedArchive.Day(-3, 30, 18, 5)
            : d == new DateOnly(1985, 7, 2) ? new ConstructedArchive.Day(1e6, 30, 18, 5)
            : d >= new DateOnly(1985, 8, 1) && d <= new DateOnly(1985, 8, 31) ? null
            : ConstructedArchive.Generated(d));

        var batch = await FetchAsync();

        Assert.Equal(2, batch.Rejected);
        Assert.Contains(batch.Problems, p => p.Contains("precipitation_sum[", StringComparison.Ordinal) && p.Contains("= -3 is not physically plausible", StringComparison.Ordinal));
        Assert.Contains(batch.Problems, p => p.Contains("= 1000000 is not physically plausible", StringComparison.Ordinal));
        Assert.Equal(31 * 4, batch.NullsSkipped);
        Assert.Contains(batch.Problems, p => p.EndsWith("31 days have no value (a gap in the answer)", StringComparison.Ordinal));
        var july1 = batch.Points.Single(p => p.Timestamp == new DateTimeOffset(1985, 7, 1, 0, 0, 0, TimeSpan.FromHours(8)));
        Assert.False(july1.Fields.ContainsKey("precipitation_sum"));
        Assert.Equal(30, july1.Fields["temperature_2m_max"]);
    }
}
