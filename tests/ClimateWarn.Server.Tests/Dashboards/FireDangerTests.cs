using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Ingest;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClimateWarn.Server.Tests.Dashboards;

/// <summary>
/// Fire danger through a running server: a hot, dry, windy spell after weeks without rain (CONSTRUCTED daily records and
/// hours, written here) rates every district, shows on /api/fire-danger, and warns only where the hazard file says (Haiyuan).
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class FireDangerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly DateTimeOffset Now = new(2021, 4, 21, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>26 °C, dew point −10 °C (RH ≈ 8 %), wind 9 m/s, no rain, in every cell, three days back and a day ahead.</summary>
    private sealed class HotDryWindy : IForecastSource
    {
        public string Name => "test-hot-dry";

        public Task<SourceBatch> FetchAsync(District district, DateTimeOffset now, CancellationToken cancellationToken) =>
            Task.FromResult(new SourceBatch([.. district.Cells.SelectMany(c => Enumerable.Range(-72, 97).Select(h => new TimeSeriesPoint(
                h <= 0 ? Measurements.Observation : Measurements.Forecast,
                new Dictionary<string, string>(StringComparer.Ordinal) { [Tags.Place] = c.Id, [Tags.Source] = Name },
                new Dictionary<string, double>(StringComparer.Ordinal)
                {
                    [WeatherVariables.Temperature2m] = 26, [WeatherVariables.DewPoint2m] = -10, [WeatherVariables.SoilTemperature0cm] = 30,
                    [WeatherVariables.WindSpeed10m] = 9, [WeatherVariables.Precipitation] = 0, [WeatherVariables.Visibility] = 30_000,
                },
                now.AddHours(h))))], 0, 0, []));
    }

    [Fact]
    public async Task ADrySpell_RatesEveryDistrict_AndWarnsOnlyWhereConfigured()
    {
        await using var server = await RunningServer.StartAsync(replay: false, new Dictionary<string, string?>
        {
            ["Paths:Models"] = Path.Combine(Repo.Root, "models"),
            ["OpenMeteo:BaseUrl"] = "http://127.0.0.1:9",
            ["OpenMeteo:RunAtStartup"] = "false",
            ["OpenMeteo:Cron"] = "0 0 0 1 1 ? 2099",
            ["Warnings:ApprovalFrom:forest-fire"] = "None",
        }, s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)));
        var places = server.Service<PlaceCatalog>();

        // Before any assessment: listed, not rated.
        var before = await server.Http.GetFromJsonAsync<JsonElement>("/api/fire-danger?district=640522");
        Assert.Equal("not rated yet: no assessment since start-up", before.GetProperty("districts")[0].GetProperty("basis").GetString());

        // Twenty dry days in each station's daily record, the last rain 21 days ago.
        var daily = places.Districts.SelectMany(d => Enumerable.Range(1, 21).Select(k => new TimeSeriesPoint(Measurements.ObservationDaily,
            new Dictionary<string, string>(StringComparer.Ordinal) { [Tags.Place] = "station:" + d.Station.Id, [Tags.Source] = "test-constructed" },
            new Dictionary<string, double>(StringComparer.Ordinal) { ["precipitation_sum"] = k == 21 ? 6.0 : 0.0 },
            new DateTimeOffset(Now.Date.AddDays(-k), TimeSpan.FromHours(8))))).ToList();
        await server.Service<ITimeSeriesStore>().WriteAsync(daily, CancellationToken.None);

        await server.Service<Ingestor>().RunAsync(new HotDryWindy(), Now, CancellationToken.None).WaitAsync(Timeout);

        var rated = await server.Http.GetFromJsonAsync<JsonElement>("/api/fire-danger");
        var byDistrict = rated.GetProperty("districts").EnumerateArray().ToDictionary(d => d.GetProperty("district").GetString()!);
        Assert.Equal(3, byDistrict.Count);
        foreach (var (code, d) in byDistrict)
        {
            var today = d.GetProperty("days")[0];
            Assert.Equal(5, today.GetProperty("grade").GetInt32());
            Assert.Equal(21, today.GetProperty("dryDays").GetInt32());   // 20 before today, and today
            Assert.Contains("station", d.GetProperty("basis").GetString(), StringComparison.Ordinal);
            Assert.Equal(code == "640522", d.GetProperty("signals").GetBoolean());
        }

        var fire = (await server.AllMessagesAsync()).Where(m => m.Hazard == "forest-fire").ToList();
        var warning = Assert.Single(fire);
        Assert.Equal(["640522"], warning.Districts);
        Assert.Equal(SignalLevel.Red, warning.Level);
        Assert.Contains("森林草原火险", warning.HeadlineZh, StringComparison.Ordinal);
        Assert.Contains("五级", warning.DescriptionZh, StringComparison.Ordinal);

        using var unknown = await server.Http.GetAsync("/api/fire-danger?district=999999");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
