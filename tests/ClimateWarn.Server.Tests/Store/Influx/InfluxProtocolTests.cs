using System.Text;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace ClimateWarn.Server.Tests.Store.Influx;

/// <summary>What the store sends on the wire, against a local stand-in that can answer what influxd 1.6 cannot (429).</summary>
public sealed class InfluxProtocolTests : IAsyncLifetime
{
    private FakeUpstream _fake = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeUpstream.StartAsync();
        _fake.Default = async ctx =>
        {
            if (ctx.Request.Path == "/write")
            {
                ctx.Response.StatusCode = 204;
                return;
            }

            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync("""{"results":[{"statement_id":0}]}""");
        };
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Credentials_TravelAsBasicHeader_NeverInTheUrl_And429RetryAfterIsHonoured()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Influx",
            ["Storage:Influx:Url"] = _fake.BaseUrl,
            ["Storage:Influx:Username"] = "climatewarn",
            ["Storage:Influx:Password"] = "s3cret pass",
            ["Storage:Influx:Resilience:Retry:Delay"] = "00:00:00.010",
        };
        await using var host = await StoreHost.StartAsync(settings);
        _fake.Enqueue(async ctx =>
        {
            ctx.Response.StatusCode = 429;
            ctx.Response.Headers.RetryAfter = "1";
            await ctx.Response.WriteAsync("""{"error":"slow down"}""");
        });
        var point = new TimeSeriesPoint(Measurements.Observation, new Dictionary<string, string> { ["place"] = "x", ["source"] = "t" },
            new Dictionary<string, double> { ["temperature_2m"] = 1 }, new DateTimeOffset(2021, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var before = _fake.Authorizations.Count;

        await host.Store.WriteAsync([point], CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("climatewarn:s3cret pass"));
        Assert.All(_fake.Authorizations, a => Assert.Equal(expected, a.Authorization));
        Assert.All(_fake.Requests, r => Assert.DoesNotContain("s3cret", r, StringComparison.Ordinal));
        Assert.All(_fake.Requests, r => Assert.DoesNotContain("climatewarn:", r, StringComparison.Ordinal));
        var writes = _fake.Authorizations.Skip(before).ToList();
        Assert.Equal(2, writes.Count);                       // the 429, then the retry
        Assert.True(writes[1].At - writes[0].At >= TimeSpan.FromSeconds(0.9), $"retried after {writes[1].At - writes[0].At}, Retry-After said 1 s");
        Assert.Contains(_fake.Requests, r => r.StartsWith("/write?db=climatewarn&rp=kept&precision=ms", StringComparison.Ordinal));
    }
}
