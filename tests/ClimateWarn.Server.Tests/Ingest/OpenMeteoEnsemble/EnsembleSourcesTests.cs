using System.Globalization;
using System.Text.Json;
using ClimateWarn.Core.Ensembles;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Ingest;
using ClimateWarn.Server.Ingest.OpenMeteoEnsemble;
using ClimateWarn.Server.Ingest.OpenMeteoModels;
using ClimateWarn.Server.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClimateWarn.Server.Tests.Ingest.OpenMeteoEnsemble;

/// <summary>
/// The ensemble and several-models sources against a local upstream serving CONSTRUCTED answers (made here in the documented
/// shape of Open-Meteo's ensemble API and of its forecast API with several models — each variable once per member,
/// <c>wind_speed_10m_member07</c>, or per model, <c>wind_speed_10m_cma_grapes_global</c> — not recorded: the real APIs were
/// out of reach), through a running server: probabilities and model levels stored per cell and district for every run.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class EnsembleSourcesTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private static readonly DateTimeOffset Now = new(2021, 7, 20, 8, 0, 0, TimeSpan.FromHours(8));
    private const string Haiyuan = "640522";

    /// <summary>
    /// A constructed answer: one location per requested latitude, hourly from local midnight past_days ago; every column
    /// named by <paramref name="columns"/> (member or model suffixes) carries calm weather except the wind of
    /// <paramref name="windOf"/> (column suffix → m/s) from 10:00 to 12:00 on the 20th; null where it returns NaN.
    /// </summary>
    private static Func<HttpContext, Task> Answer(IReadOnlyList<string> suffixes, Func<string, double> windOf) => async ctx =>
    {
        var latitudes = ctx.Request.Query["latitude"].ToString().Split(',');
        var past = int.Parse(ctx.Request.Query["past_days"].ToString(), CultureInfo.InvariantCulture);
        var ahead = int.Parse(ctx.Request.Query["forecast_days"].ToString(), CultureInfo.InvariantCulture);
        var asked = ctx.Request.Query["hourly"].ToString().Split(',');
        var start = Now.Date.AddDays(-past);
        var hours = (past + ahead) * 24;
        var times = Enumerable.Range(0, hours).Select(h => start.AddHours(h).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)).ToList();
        var windFrom = (int)(Now.Date.AddHours(10) - start).TotalHours;
        object?[] Column(string variable, string suffix) => [.. Enumerable.Range(0, hours).Select(h => variable switch
        {
            "wind_speed_10m" => h >= windFrom && h < windFrom + 2 ? Value(windOf(suffix)) : Value(double.IsNaN(windOf(suffix)) ? double.NaN : 3),
            "temperature_2m" or "surface_temperature" or "soil_temperature_0cm" => 22.0,
            "relative_humidity_2m" => 50.0,
            "dew_point_2m" => 11.0,
            "visibility" => 24_000.0,
            _ => (object?)0.0,
        })];
        var locations = latitudes.Select(lat =>
        {
            var hourly = new Dictionary<string, object> { ["time"] = times };
            // Wind and temperature only (gale is what the tests judge): the other asked columns are absent, which the
            // mapper allows — a hazard without its inputs is simply not scored. Keeps each answer a few MB, not tens.
            foreach (var v in asked.Where(v => v is "wind_speed_10m" or "temperature_2m"))
            {
                foreach (var s in suffixes)
                {
                    hourly[s.Length == 0 ? v : v + "_" + s] = Column(v, s);
                }
            }

            return new Dictionary<string, object>
            {
                ["latitude"] = double.Parse(lat, CultureInfo.InvariantCulture), ["longitude"] = 105.5, ["utc_offset_seconds"] = 28800,
                ["timezone"] = "Asia/Shanghai", ["hourly_units"] = new Dictionary<string, string> { ["time"] = "iso8601", ["wind_speed_10m"] = "m/s" },
                ["hourly"] = hourly,
            };
        }).ToList();
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(latitudes.Length == 1 ? JsonSerializer.Serialize(locations[0]) : JsonSerializer.Serialize(locations));
    };

    private static double? Value(double v) => double.IsNaN(v) ? null : v;

    /// <summary>"" (the control) and member01…member<paramref name="n"/>-1.</summary>
    private static List<string> Members(int n) => [string.Empty, .. Enumerable.Range(1, n - 1).Select(i => $"member{i:00}")];

    private static Task<RunningServer> StartAsync(FakeUpstream upstream, string ensembleModels = "ecmwf_ifs025:51") => RunningServer.StartAsync(replay: false, new Dictionary<string, string?>
    {
        ["OpenMeteo:BaseUrl"] = upstream.BaseUrl,
        ["OpenMeteo:RunAtStartup"] = "false",
        // Quartz runs on the injected clock: no cron may fire while the test holds it.
        ["OpenMeteo:Cron"] = "0 0 0 1 1 ? 2099",
        ["OpenMeteoEnsemble:Enabled"] = "true",
        ["OpenMeteoEnsemble:BaseUrl"] = upstream.BaseUrl,
        ["OpenMeteoEnsemble:Models"] = ensembleModels,
        ["OpenMeteoEnsemble:RunAtStartup"] = "false",
        ["OpenMeteoEnsemble:Cron"] = "0 0 0 1 1 ? 2099",
        ["OpenMeteoModels:Enabled"] = "true",
        ["OpenMeteoModels:RunAtStartup"] = "false",
        ["OpenMeteoModels:Cron"] = "0 0 0 1 1 ? 2099",
        ["OpenMeteoEnsemble:Resilience:Retry:MaxRetryAttempts"] = "1",
        ["OpenMeteoEnsemble:Resilience:Retry:Delay"] = "00:00:00.020",
    }, s => s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now)));

    private static async Task<Dictionary<string, double>> RunAsync(RunningServer server, string source, string measurement, string place, DateTimeOffset run)
    {
        var points = await Fetch(server, source, run);
        return points.Where(p => p.Measurement == measurement && p.Tags[Tags.Place] == place).SelectMany(p => p.Fields).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
    }

    private static async Task<IReadOnlyList<TimeSeriesPoint>> Fetch(RunningServer server, string source, DateTimeOffset run)
    {
        var s = server.App.Services.GetServices<IForecastSource>().Single(x => x.Name == source);
        var batch = await s.FetchAsync(server.Service<PlaceCatalog>().GetDistrict(Haiyuan), run, CancellationToken.None).WaitAsync(Timeout);
        return batch.Points;
    }

    [Fact]
    public async Task EnsembleMembers_RunTheGaleRule_TheShareMeetingEachLevelIsStored_PerDistrictAndCell()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        // 20 of 51 members blow 18 m/s (gale yellow), 11 blow 12 m/s (blue), the rest stay calm.
        upstream.Default = Answer(Members(51), m => Members(51).IndexOf(m) switch { < 20 => 18, < 31 => 12, _ => 3 });
        await using var server = await StartAsync(upstream);

        await server.IngestOnceAsync(OpenMeteoEnsembleSource.SourceName).WaitAsync(Timeout);

        var request = upstream.Requests.First();
        Assert.StartsWith("/v1/ensemble?", request, StringComparison.Ordinal);
        Assert.Contains("models=ecmwf_ifs025", request, StringComparison.Ordinal);
        var store = server.Service<ITimeSeriesStore>();
        string[] fields = [ArchiveFields.Probability("ecmwf_ifs025", "gale", Core.Hazards.SignalLevel.Yellow, 0), ArchiveFields.Probability("ecmwf_ifs025", "gale", Core.Hazards.SignalLevel.Blue, 0),
            ArchiveFields.Probability("ecmwf_ifs025", "gale", Core.Hazards.SignalLevel.Blue, 1), ArchiveFields.Judged("ecmwf_ifs025", "gale", 0), ArchiveFields.Members("ecmwf_ifs025")];
        var stored = (await store.ReadAsync(new TimeSeriesQuery(ArchiveFields.Ensemble, [Haiyuan], fields, Now.AddHours(-1), Now.AddHours(1)), CancellationToken.None))
            .ToDictionary(v => v.Field, v => v.Value);
        Assert.Equal(20.0 / 51, stored[fields[0]], 9);
        Assert.Equal(31.0 / 51, stored[fields[1]], 9);
        Assert.Equal(0, stored[fields[2]]);
        Assert.Equal(51, stored[fields[3]]);
        Assert.Equal(51, stored[fields[4]]);
        var cell = server.Service<PlaceCatalog>().GetDistrict(Haiyuan).Cells[0].Id;
        var cellValues = await store.ReadAsync(new TimeSeriesQuery(ArchiveFields.Ensemble, [cell], fields, Now.AddHours(-1), Now.AddHours(1)), CancellationToken.None);
        Assert.Contains(cellValues, v => v.Field == fields[0] && Math.Abs(v.Value - (20.0 / 51)) < 1e-9);
    }

    [Fact]
    public async Task MissingMembers_AreCounted_AFewAreScoredOnWhatCame_TooFewAreNotScoredAtAll()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        // 40 of 51 answer (all blowing a gale); one has no wind at all (its other columns came): 40 present, 39 judged on gale.
        upstream.Default = Answer(Members(40), m => m == "member05" ? double.NaN : 18);
        await using var server = await StartAsync(upstream);

        var scored = await RunAsync(server, OpenMeteoEnsembleSource.SourceName, ArchiveFields.Ensemble, Haiyuan, Now);

        Assert.Equal(40, scored[ArchiveFields.Members("ecmwf_ifs025")]);
        Assert.Equal(51, scored[ArchiveFields.Expected("ecmwf_ifs025")]);
        Assert.Equal(39, scored[ArchiveFields.Judged("ecmwf_ifs025", "gale", 0)]);
        Assert.Equal(1.0, scored[ArchiveFields.Probability("ecmwf_ifs025", "gale", Core.Hazards.SignalLevel.Yellow, 0)]);

        // 20 of 51 is under half: the run is kept with its count and no probability — never "0 of 51".
        upstream.Default = Answer(Members(20), _ => 3);
        var s = server.App.Services.GetServices<IForecastSource>().Single(x => x.Name == OpenMeteoEnsembleSource.SourceName);
        var batch = await s.FetchAsync(server.Service<PlaceCatalog>().GetDistrict(Haiyuan), Now.AddHours(6), CancellationToken.None).WaitAsync(Timeout);

        var point = Assert.Single(batch.Points);
        Assert.Equal(new Dictionary<string, double> { [ArchiveFields.Members("ecmwf_ifs025")] = 20, [ArchiveFields.Expected("ecmwf_ifs025")] = 51 }, point.Fields);
        Assert.Contains(batch.Problems, p => p.Contains("20 of 51 members", StringComparison.Ordinal) && p.Contains("not scored", StringComparison.Ordinal));
        Assert.Contains(batch.Problems, p => p.Contains("20 members in this run, 40 in the last", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheArchive_KeepsTwoRunsForTheSameValidDay_Apart()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Default = Answer(Members(11), _ => 18);
        await using var server = await StartAsync(upstream, "ecmwf_ifs025:11");
        await server.Service<Ingestor>().RunAsync(server.App.Services.GetServices<IForecastSource>().Single(x => x.Name == OpenMeteoEnsembleSource.SourceName),
            Now.AddDays(-1), CancellationToken.None).WaitAsync(Timeout);
        upstream.Default = Answer(Members(11), m => Members(11).IndexOf(m) < 4 ? 18 : 3);
        await server.Service<Ingestor>().RunAsync(server.App.Services.GetServices<IForecastSource>().Single(x => x.Name == OpenMeteoEnsembleSource.SourceName),
            Now, CancellationToken.None).WaitAsync(Timeout);

        // The run a day earlier said day 1 (the 20th) 11 of 11; today's run says day 0 (the 20th) 4 of 11: both kept.
        var dayOneYesterday = ArchiveFields.Probability("ecmwf_ifs025", "gale", Core.Hazards.SignalLevel.Yellow, 1);
        var dayZeroToday = ArchiveFields.Probability("ecmwf_ifs025", "gale", Core.Hazards.SignalLevel.Yellow, 0);
        var stored = await server.Service<ITimeSeriesStore>().ReadAsync(new TimeSeriesQuery(ArchiveFields.Ensemble, [Haiyuan], [dayOneYesterday, dayZeroToday],
            Now.AddDays(-2), Now.AddHours(1)), CancellationToken.None);

        Assert.Equal(1.0, stored.Single(v => v.Field == dayOneYesterday && v.Timestamp == Now.AddDays(-1)).Value);
        Assert.Equal(4.0 / 11, stored.Single(v => v.Field == dayZeroToday && v.Timestamp == Now).Value, 9);
        Assert.Equal(0.0, stored.Single(v => v.Field == dayZeroToday && v.Timestamp == Now.AddDays(-1)).Value);
    }

    [Fact]
    public async Task SeveralModels_EachSuffixIsRead_TheLevelEachReachesIsStored()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string[] models = ["ecmwf_ifs025", "gfs_seamless", "cma_grapes_global", "icon_seamless"];
        upstream.Default = Answer(models, m => m == "icon_seamless" ? 3 : 18);
        await using var server = await StartAsync(upstream);

        var levels = await RunAsync(server, OpenMeteoModelsSource.SourceName, ArchiveFields.Models, Haiyuan, Now);

        var request = upstream.Requests.First();
        Assert.StartsWith("/v1/forecast?", request, StringComparison.Ordinal);
        Assert.Contains("models=ecmwf_ifs025%2Cgfs_seamless%2Ccma_grapes_global%2Cicon_seamless", request, StringComparison.Ordinal);
        Assert.Equal(2, levels[ArchiveFields.Level("ecmwf_ifs025", "gale", 0)]);
        Assert.Equal(2, levels[ArchiveFields.Level("gfs_seamless", "gale", 0)]);
        Assert.Equal(2, levels[ArchiveFields.Level("cma_grapes_global", "gale", 0)]);
        Assert.Equal(0, levels[ArchiveFields.Level("icon_seamless", "gale", 0)]);
        Assert.All(models, m => Assert.Equal(1, levels[ArchiveFields.Members(m)]));
    }

    [Fact]
    public async Task AModelAbsentFromTheAnswer_IsReportedAndStoredAsAbsent_NotAsNoHazard()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Default = Answer(["ecmwf_ifs025", "gfs_seamless", "icon_seamless"], _ => 18);
        await using var server = await StartAsync(upstream);
        var source = server.App.Services.GetServices<IForecastSource>().Single(x => x.Name == OpenMeteoModelsSource.SourceName);

        var batch = await source.FetchAsync(server.Service<PlaceCatalog>().GetDistrict(Haiyuan), Now, CancellationToken.None).WaitAsync(Timeout);

        var district = batch.Points.Single(p => p.Tags[Tags.Place] == Haiyuan).Fields;
        Assert.Equal(0, district[ArchiveFields.Members("cma_grapes_global")]);
        Assert.DoesNotContain(ArchiveFields.Level("cma_grapes_global", "gale", 0), district.Keys);
        Assert.Equal(2, district[ArchiveFields.Level("gfs_seamless", "gale", 0)]);
        Assert.Contains(batch.Problems, p => p.StartsWith("cma_grapes_global: absent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnErrorAnswer_FailsTheRunWithItsReason_AndWhatIsStoredStays()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Default = Answer(Members(51), _ => 18);
        await using var server = await StartAsync(upstream);
        await server.IngestOnceAsync(OpenMeteoEnsembleSource.SourceName).WaitAsync(Timeout);
        var store = server.Service<ITimeSeriesStore>();
        async Task<long> StoredAsync() => await store.CountValuesAsync(ArchiveFields.Ensemble, null, [], DateTimeOffset.MinValue, DateTimeOffset.MaxValue, CancellationToken.None);
        var stored = await StoredAsync();

        upstream.Default = FakeUpstream.Status(400, """{"error":true,"reason":"Cannot initialize EnsembleVariable from invalid String value wind_speed_10"}""");
        var ex = await Assert.ThrowsAsync<IngestFailedException>(() => server.IngestOnceAsync(OpenMeteoEnsembleSource.SourceName).WaitAsync(Timeout));

        Assert.Contains("Cannot initialize EnsembleVariable", ex.Message, StringComparison.Ordinal);
        Assert.True(stored > 0);
        Assert.Equal(stored, await StoredAsync());
    }
}
