using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Bureau;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Ingest.Replay;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClimateWarn.Server.Tests.Ingest.Replay;

/// <summary>
/// Issue 12: a district names its replay record by station.isdId; one record serves every district naming it, each at
/// its own seat cell; each district's record (or its lack) is logged at start; a replay no district has a record for is refused.
/// </summary>
public sealed class ReplayDistrictRecordsTests
{
    private static readonly string Records = Path.Combine(Repo.Root, "data", "stations", "isd-lite");

    private static readonly DateTimeOffset Now = new(2021, 3, 15, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A copy of config/ whose districts.json has its station entries edited.</summary>
    private static string ConfigWith(params (string From, string To)[] edits)
    {
        var copy = Repo.CopyOfConfig();
        var file = Path.Combine(copy, "districts.json");
        var text = File.ReadAllText(file);
        foreach (var (from, to) in edits)
        {
            Assert.Contains(from, text, StringComparison.Ordinal);
            text = text.Replace(from, to, StringComparison.Ordinal);
        }

        File.WriteAllText(file, text);
        return copy;
    }

    /// <summary>Shapotou's station names Zhongning's record too: 640502 and 640521 share 537050.</summary>
    private static string SharedRecordConfig() =>
        ConfigWith(("\"nameEn\": \"Zhongwei\" }", "\"nameEn\": \"Zhongwei\", \"isdId\": \"537050\" }"));

    [Fact]
    public async Task TwoDistrictsNamingOneRecord_EachGetItsPointsAtItsOwnSeatCell()
    {
        var places = PlacesLoader.Load(SharedRecordConfig());
        var records = new ReplayRecords(Records, places);
        var source = new ReplayForecastSource(records);

        var shapotou = await source.FetchAsync(places.GetDistrict("640502"), Now, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        var zhongning = await source.FetchAsync(places.GetDistrict("640521"), Now, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        var haiyuan = await source.FetchAsync(places.GetDistrict("640522"), Now, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        foreach (var (batch, code) in new[] { (shapotou, "640502"), (zhongning, "640521") })
        {
            Assert.Contains(batch.Points, p => p.Measurement == Measurements.Observation);
            Assert.Contains(batch.Points, p => p.Measurement == Measurements.Forecast);
            Assert.All(batch.Points, p => Assert.Equal(places.GetDistrict(code).SeatCell.Id, p.Tags[Tags.Place]));
        }

        Assert.Equal(zhongning.Points.Select(p => (p.Measurement, p.Timestamp)), shapotou.Points.Select(p => (p.Measurement, p.Timestamp)));
        Assert.Empty(haiyuan.Points);
        Assert.Equal(["640502", "640521"], records.Stations.Single(s => s.Usaf == "537050").Districts);
        Assert.True(records.Stations.Single(s => s.Usaf == "536140").IsNeighbour, "a record no district names stays a neighbour");
        Assert.Equal(["640502:537050", "640521:537050", "640522:"], records.Uses.Select(u => $"{u.Code}:{u.Record}"));
    }

    [Fact]
    public void NoDistrictWithARecord_IsRefused_NamingTheDistrictsTheirIsdIdsAndTheRecordsThere()
    {
        var places = PlacesLoader.Load(ConfigWith(("\"isdId\": \"537050\"", "\"isdId\": \"999999\"")));

        var refused = Assert.Throws<StartupConfigurationException>(() => new ReplayRecords(Records, places));

        var message = Assert.Single(refused.Problems);
        Assert.Contains("640502 沙坡头区 (no isdId)", message, StringComparison.Ordinal);
        Assert.Contains("640521 中宁县 (isdId 999999)", message, StringComparison.Ordinal);
        Assert.Contains("640522 海原县 (no isdId)", message, StringComparison.Ordinal);
        Assert.Contains("529830, 536140, 537050, 537230", message, StringComparison.Ordinal);
        Assert.Contains("station.isdId", message, StringComparison.Ordinal);
        Assert.Contains(Records, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, "640521 中宁县 (isdId 999999)")]
    [InlineData(false, "no ISD-Lite records")]
    public async Task ReplayWithoutADistrictRecord_OrWithoutRecords_ExitsWith78InOneLine(bool records, string named)
    {
        var config = ConfigWith(("\"isdId\": \"537050\"", "\"isdId\": \"999999\""));
        using var error = new StringWriter();
        var code = await ClimateWarnHost.RunAsync(["--replay"], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Urls"] = "http://127.0.0.1:0",
                ["Paths:Config"] = config,
                ["Paths:Data"] = Repo.TempDirectory(),
                ["Paths:Replay"] = records ? Records : Repo.TempDirectory(),
            });
            b.Logging.ClearProviders();
        }, error).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.ConfigurationError, code);
        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Paths:Replay", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayStart_LogsEachDistrictsRecord_WarnsForOneWithout_AndTheStatusShowsThem()
    {
        var logs = new CapturedLogs();
        await using var server = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?>
        {
            ["Paths:Config"] = SharedRecordConfig(),
            ["Replay:Start"] = "Manual",
            ["Logging:LogLevel:ClimateWarn.Server.Ingest.Replay"] = "Information",
        }, services => services.AddSingleton<ILoggerProvider>(logs));

        var lines = logs.Entries.Where(e => e.Category == typeof(ReplayDriver).FullName).Select(e => (e.Level, e.Text)).ToList();
        Assert.Contains((LogLevel.Information, "Replay: district 640502 沙坡头区 uses record 537050"), lines);
        Assert.Contains((LogLevel.Information, "Replay: district 640521 中宁县 uses record 537050"), lines);
        Assert.Contains((LogLevel.Warning, "Replay: district 640522 海原县 has no record in Paths:Replay (station.isdId: none); it gets no replay data"), lines);

        var status = await server.Http.GetFromJsonAsync<JsonElement>("/api/replay").WaitAsync(TimeSpan.FromSeconds(30));
        var districts = status.GetProperty("districts").EnumerateArray()
            .Select(d => $"{d.GetProperty("code").GetString()}:{d.GetProperty("record").GetString()}").ToList();
        Assert.Equal(["640502:537050", "640521:537050", "640522:"], districts);
    }
}
