using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.ForestFire;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Assess;
using ClimateWarn.Server.Ingest;
using ClimateWarn.Server.Ingest.OpenMeteoArchive;
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

    /// <summary>A live server on a fake clock at <see cref="Now"/>, crons held off, forest-fire warnings issued without approval.</summary>
    private static Task<RunningServer> StartAsync() => RunningServer.StartAsync(replay: false, new Dictionary<string, string?>
    {
        ["Paths:Models"] = Path.Combine(Repo.Root, "models"),
        ["OpenMeteo:BaseUrl"] = "http://127.0.0.1:9",
        ["OpenMeteo:RunAtStartup"] = "false",
        ["OpenMeteo:Cron"] = "0 0 0 1 1 ? 2099",
        ["Warnings:ApprovalFrom:forest-fire"] = "None",
    }, s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)));

    [Fact]
    public async Task ADrySpell_RatesEveryDistrict_AndWarnsOnlyWhereConfigured()
    {
        await using var server = await StartAsync();
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
        Assert.Contains("不是本局的区县", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var malformed = await server.Http.GetAsync("/api/fire-danger?district=haiyuan");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("六位数字", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The same spell, but Haiyuan's seat cell has no hours (its other cells have them).</summary>
    private sealed class SeatMissingInHaiyuan : IForecastSource
    {
        private readonly HotDryWindy _all = new();

        public string Name => _all.Name;

        public async Task<SourceBatch> FetchAsync(District district, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var batch = await _all.FetchAsync(district, now, cancellationToken);
            var seat = district.Cells.Single(c => c.IsSeat).Id;
            return district.Code == "640522" ? batch with { Points = [.. batch.Points.Where(p => p.Tags[Tags.Place] != seat)] } : batch;
        }
    }

    [Fact]
    public async Task NoHoursAtTheSeat_LeaveFireDangerUnassessed_AndAMixedDailyRecordSaysSo()
    {
        await using var server = await StartAsync();
        var zhongning = server.Service<PlaceCatalog>().Districts.Single(d => d.Code == "640521");

        // Zhongning's record: the station's for the last ten days, the reanalysis' before (the last rain 21 days ago).
        var daily = Enumerable.Range(1, 21).Select(k => new TimeSeriesPoint(Measurements.ObservationDaily,
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [Tags.Place] = k <= 10 ? "station:" + zhongning.Station.Id : OpenMeteoArchiveSource.PlaceOf(zhongning), [Tags.Source] = "test-constructed",
            },
            new Dictionary<string, double>(StringComparer.Ordinal) { ["precipitation_sum"] = k == 21 ? 6.0 : 0.0 },
            new DateTimeOffset(Now.Date.AddDays(-k), TimeSpan.FromHours(8)))).ToList();
        await server.Service<ITimeSeriesStore>().WriteAsync(daily, CancellationToken.None);

        await server.Service<Ingestor>().RunAsync(new SeatMissingInHaiyuan(), Now, CancellationToken.None).WaitAsync(Timeout);

        // Haiyuan signals, but without its seat's weather the grade is unknown: rated as missing and left unassessed
        // (a warning in force would stand), not "no danger".
        var haiyuan = (await server.Http.GetFromJsonAsync<JsonElement>("/api/fire-danger?district=640522")).GetProperty("districts")[0];
        Assert.NotEqual(JsonValueKind.Null, haiyuan.GetProperty("ratedAt").ValueKind);
        Assert.All(haiyuan.GetProperty("days").EnumerateArray(), d => Assert.Equal(JsonValueKind.Null, d.GetProperty("grade").ValueKind));
        Assert.Contains(ForestFireHazard.Id, server.Service<RiskBoard>().For("640522")!.Unassessed);
        Assert.DoesNotContain((await server.AllMessagesAsync()), m => m.Hazard == ForestFireHazard.Id);

        var rated = (await server.Http.GetFromJsonAsync<JsonElement>("/api/fire-danger?district=640521")).GetProperty("districts")[0];
        Assert.Equal(21, rated.GetProperty("days")[0].GetProperty("dryDays").GetInt32());
        Assert.Contains("ERA5 reanalysis (Open-Meteo archive) on days the station lacks", rated.GetProperty("basis").GetString(), StringComparison.Ordinal);
    }
}
