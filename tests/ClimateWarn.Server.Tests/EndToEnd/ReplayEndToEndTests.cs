using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core.Hazards.RoadIcing;

namespace ClimateWarn.Server.Tests.EndToEnd;

/// <summary>
/// The server in replay mode over the real ISD-Lite records of Jan–Apr 2021, with real SignalR clients. The replay runs
/// once for the class; each test reads what it produced.
/// </summary>
public sealed class ReplayEndToEndTests(ReplayEndToEndTests.ReplayRun run) : IClassFixture<ReplayEndToEndTests.ReplayRun>
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    [Fact]
    public void ZhongningAgricultureSubscriber_ReceivesTheMarchFrostWarningWithItsLevel()
    {
        var frost = run.Zhongning.Where(e => e.Warning.Hazard == FrostHazard.Id).ToList();
        var march = frost.Where(e => e.Warning.ValidFrom < new DateTimeOffset(2021, 3, 23, 0, 0, 0, Beijing)
                                     && e.Warning.ValidTo > new DateTimeOffset(2021, 3, 19, 0, 0, 0, Beijing)).ToList();

        Assert.Contains(march, e => e.Event == "WarningIssued" && e.Warning.Level >= SignalLevel.Blue);
        Assert.Contains(march, e => e.Warning.Level >= SignalLevel.Yellow);   // 20–21 March: ground minimum below −3 °C
        Assert.All(march, e => Assert.Equal(["640521"], e.Warning.Districts));
        Assert.All(march, e => Assert.Contains("霜冻", e.Warning.HeadlineZh, StringComparison.Ordinal));
    }

    [Fact]
    public void FrostWarnings_CarryTheModelsProbabilityAndVersion()
    {
        var version = ClimateWarn.Risk.Frost.FrostModel.Load(Path.Combine(Repo.Root, "models", "frost", "model.zip")).Version;
        var frost = run.Zhongning.Where(e => e.Warning.Hazard == FrostHazard.Id && e.Event != "WarningLifted").ToList();

        Assert.NotEmpty(frost);
        Assert.All(frost, e => Assert.Equal(version, e.Warning.RiskModel));
        Assert.All(frost, e => Assert.InRange(e.Warning.RiskProbability!.Value, 0, 1));
    }

    [Fact]
    public void ZhongningAgricultureSubscriber_ReceivesTheAprilFrost()
    {
        Assert.Contains(run.Zhongning, e => e.Warning.Hazard == FrostHazard.Id && e.Event == "WarningIssued"
            && e.Warning.ValidFrom <= new DateTimeOffset(2021, 4, 14, 0, 0, 0, Beijing)
            && e.Warning.ValidTo >= new DateTimeOffset(2021, 4, 12, 0, 0, 0, Beijing));
    }

    [Fact]
    public void HaiyuanOnlySubscriber_ReceivesNoZhongningWarning()
    {
        Assert.NotEmpty(run.Zhongning);
        Assert.Empty(run.Haiyuan);
    }

    [Fact]
    public void FrostWarnings_CoverWholeNights_InTheBureausWords()
    {
        var frost = run.Log.Where(w => w.Hazard == FrostHazard.Id && w.Action is not (WarningAction.Lifted or WarningAction.Expired)).ToList();

        Assert.NotEmpty(frost);
        // From the evening before (20:00 Beijing time) to the morning after, at the least: never a one-hour frost.
        Assert.All(frost, w => Assert.Equal(20, w.ValidFrom.ToOffset(Beijing).Hour));
        Assert.All(frost, w => Assert.True(w.ValidTo - w.ValidFrom >= TimeSpan.FromHours(12), $"{w.Id}#{w.Sequence}: {w.ValidFrom:u} to {w.ValidTo:u}"));
        Assert.All(frost, w => Assert.Contains("夜间到", w.DescriptionZh, StringComparison.Ordinal));
    }

    [Fact]
    public void NoFrostWarningIsRaisedInJanuary()
    {
        Assert.DoesNotContain(run.Log, w => w.Hazard == FrostHazard.Id && w.UpdatedAt < new DateTimeOffset(2021, 2, 1, 0, 0, 0, Beijing));
        Assert.DoesNotContain(run.Log, w => w.Hazard == FrostHazard.Id && w.ValidFrom < new DateTimeOffset(2021, 2, 1, 0, 0, 0, Beijing));
    }

    [Fact]
    public void RoadIcing_OnTheSnowOf28February_GoesToEmergencyNotToFarmers()
    {
        // Zhongning's record has 3 mm of snow in 6 h at −1.9 °C on the afternoon of 28 February 2021 (spread 0.5 mm/h).
        var icing = run.Log.Where(w => w.Hazard == RoadIcingHazard.Id && w.Districts.Contains("640521")).ToList();

        Assert.NotEmpty(icing);
        Assert.All(icing, w => Assert.Equal(["emergency"], w.Audiences));
        Assert.All(icing, w => Assert.True(w.ValidFrom < new DateTimeOffset(2021, 3, 1, 12, 0, 0, Beijing) && w.ValidTo > new DateTimeOffset(2021, 2, 28, 0, 0, 0, Beijing), $"{w.ValidFrom}–{w.ValidTo}"));
        Assert.DoesNotContain(run.Zhongning, e => e.Warning.Hazard == RoadIcingHazard.Id);
    }

    /// <summary>The listener subscribes as agriculture: it receives every message of its district that concerns agriculture.</summary>
    [Fact]
    public void EveryLoggedMessage_WasPushedOnceInSequenceOrder()
    {
        var sequences = run.Zhongning.Select(e => e.Warning.Sequence).ToList();

        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(sequences.Distinct().Count(), sequences.Count);
        Assert.Equal(run.Log.Where(w => w.Districts.Contains("640521") && w.Audiences.Contains("agriculture")).Select(w => w.Sequence), sequences);
    }

    [Fact]
    public void UnchangedLevel_IsPushedAgainOnlyToContinueOrExtend()
    {
        foreach (var group in run.Zhongning.GroupBy(e => e.Warning.Id))
        {
            var messages = group.Where(e => e.Event != "WarningLifted").Select(e => e.Warning).ToList();
            for (var i = 1; i < messages.Count; i++)
            {
                if (messages[i].Level == messages[i - 1].Level)
                {
                    Assert.Contains(messages[i].Action, new[] { WarningAction.Continued, WarningAction.Extended });
                    Assert.True(messages[i].Action == WarningAction.Continued || messages[i].ValidTo > messages[i - 1].ValidTo);
                }
            }

            Assert.Equal(1, group.Count(e => e.Event == "WarningIssued"));
        }
    }

    [Fact]
    public async Task Risk_ForZhongning_ReportsDataAndCells()
    {
        using var risk = JsonDocument.Parse(await run.Server.Http.GetStringAsync("/api/risk?district=640521"));

        Assert.Equal("ok", risk.RootElement.GetProperty("status").GetString());
        Assert.True(risk.RootElement.GetProperty("cells").GetArrayLength() > 10);
        var seat = risk.RootElement.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("isSeat").GetBoolean());
        Assert.Contains(seat.GetProperty("probabilities").EnumerateArray(), p => p.GetProperty("hazard").GetString() == "frost" && p.GetProperty("leadHours").GetInt32() == 24);
        var district = risk.RootElement.GetProperty("probabilities").EnumerateArray().Single(p => p.GetProperty("hazard").GetString() == "frost" && p.GetProperty("leadHours").GetInt32() == 24);
        Assert.False(district.GetProperty("synthetic").GetBoolean());
        Assert.Equal(risk.RootElement.GetProperty("cells").EnumerateArray().SelectMany(c => c.GetProperty("probabilities").EnumerateArray())
            .Where(p => p.GetProperty("hazard").GetString() == "frost" && p.GetProperty("leadHours").GetInt32() == 24).Max(p => p.GetProperty("probability").GetDouble()),
            district.GetProperty("probability").GetDouble());
    }

    [Theory]
    [InlineData("/api/risk", HttpStatusCode.BadRequest)]
    [InlineData("/api/risk?district=640599", HttpStatusCode.NotFound)]
    [InlineData("/api/warnings?district=640599", HttpStatusCode.NotFound)]
    [InlineData("/api/warnings?afterSeq=-1", HttpStatusCode.BadRequest)]
    [InlineData("/api/warnings?afterSeq=abc", HttpStatusCode.BadRequest)]
    [InlineData("/api/indices", HttpStatusCode.BadRequest)]
    [InlineData("/api/indices?district=640599", HttpStatusCode.NotFound)]
    public async Task BadRequests_GetProblemDetails(string url, HttpStatusCode status)
    {
        using var response = await run.Server.Http.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Indices_WithoutDailyHistory_SayWhatIsMissing()
    {
        using var doc = JsonDocument.Parse(await run.Server.Http.GetStringAsync("/api/indices?district=640521"));

        Assert.StartsWith("no daily precipitation for station:53705", doc.RootElement.GetProperty("status").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Districts_ListTheThreeWithTheir46Townships()
    {
        using var doc = JsonDocument.Parse(await run.Server.Http.GetStringAsync("/api/districts"));
        var districts = doc.RootElement.EnumerateArray().ToList();

        Assert.Equal(["640502", "640521", "640522"], districts.Select(d => d.GetProperty("code").GetString()));
        Assert.Equal(46, districts.Sum(d => d.GetProperty("townships").GetArrayLength()));
        Assert.Contains(districts[1].GetProperty("townships").EnumerateArray(), t => t.GetProperty("name").GetString() == "宁安镇");
    }

    [Fact]
    public async Task Subscribe_UnknownDistrictOrAudience_IsRefused()
    {
        await using var listener = await run.Server.ListenAsync("agriculture", "640521");

        await Assert.ThrowsAsync<HubException>(() => listener.Connection.InvokeAsync<object>("Subscribe", "agriculture", new[] { "640599" }).WaitAsync(TimeSpan.FromSeconds(30)));
        await Assert.ThrowsAsync<HubException>(() => listener.Connection.InvokeAsync<object>("Subscribe", "tourism", new[] { "640521" }).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task FirstPage_IsServedInChinese()
    {
        var html = await run.Server.Http.GetStringAsync("/");

        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("中卫", html, StringComparison.Ordinal);   // the page names no city; the bureau's title comes from /api/bureau
        using var bureau = JsonDocument.Parse(await run.Server.Http.GetStringAsync("/api/bureau"));
        Assert.Equal("中卫市气候灾害预警", bureau.RootElement.GetProperty("titleZh").GetString());
        Assert.Equal("640521", bureau.RootElement.GetProperty("defaultDistrict").GetString());
        Assert.Equal("township", bureau.RootElement.GetProperty("subscribeBy").GetString());
        using var script = await run.Server.Http.GetAsync("/lib/signalr.min.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    public sealed class ReplayRun : IAsyncLifetime
    {
        public RunningServer Server { get; private set; } = null!;

        public IReadOnlyList<(string Event, Warning Warning)> Zhongning { get; private set; } = [];

        public IReadOnlyList<(string Event, Warning Warning)> Haiyuan { get; private set; } = [];

        public IReadOnlyList<Warning> Log { get; private set; } = [];

        public async Task InitializeAsync()
        {
            Server = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?>
            {
                ["Replay:Start"] = "Manual",
                ["Replay:Speed"] = "1000000000",
            });
            await using var zhongning = await Server.ListenAsync("agriculture", "640521");
            await using var haiyuan = await Server.ListenAsync("agriculture", "640522");

            using var start = await Server.Http.PostAsync("/api/replay/start", null);
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
            await Server.ReplayFinishedAsync(TimeSpan.FromMinutes(5));
            Log = await Server.AllMessagesAsync();
            var expected = Log.Count(w => w.Districts.Contains("640521") && w.Audiences.Contains("agriculture"));
            await Eventually.UntilAsync(() => zhongning.Events.Count >= expected, TimeSpan.FromSeconds(30), "every Zhongning message reaches its listener");
            Zhongning = [.. zhongning.Events];
            Haiyuan = [.. haiyuan.Events];
        }

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }
}
