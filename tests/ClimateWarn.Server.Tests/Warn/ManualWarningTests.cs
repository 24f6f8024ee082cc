using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.Gale;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;

namespace ClimateWarn.Server.Tests.Warn;

/// <summary>The forecaster's hand: an operator composes, previews and publishes any signal in force; nobody else may.</summary>
public sealed class ManualWarningTests
{
    private const string HaiyuanOperator = "op-haiyuan";

    private static Task<RunningServer> StartAsync() => RunningServer.StartAsync(replay: true, TestAccounts.Settings(new()
    {
        ["Accounts:Seed:3:UserName"] = HaiyuanOperator,
        ["Accounts:Seed:3:Password"] = TestAccounts.Password,
        ["Accounts:Seed:3:Roles:0"] = "Operator",
        ["Accounts:Seed:3:Districts:0"] = "640522",
    }));

    private static object Gale(RunningServer server, string level = "yellow", string district = "640502", int hours = 12, string? descriptionZh = null)
    {
        var now = server.Service<PipelineClock>().Now;
        return new { hazard = "gale", level, districts = new[] { district }, validFrom = now.AddHours(1), validTo = now.AddHours(1 + hours), descriptionZh, reason = "会商：沙坡头午后偏北大风" };
    }

    [Fact]
    public async Task Operator_PreviewsThenPublishes_AGaleYellowForShapotou_ThatTheEmergencyWatchReceives()
    {
        await using var server = await StartAsync();
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        await using var emergency = await server.ListenAsync("emergency", "640502");

        using var preview = await op.Http.PostAsJsonAsync("/api/warnings/preview", Gale(server, descriptionZh: "预计今天下午到夜间，沙坡头区将出现偏北大风，请注意防范。"));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var shown = await preview.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("沙坡头区将出现偏北大风", shown.GetProperty("warning").GetProperty("descriptionZh").GetString(), StringComparison.Ordinal);
        var cap = XDocument.Parse(shown.GetProperty("cap").GetString()!);
        Assert.Empty(CapSchema.Errors(cap));
        Assert.Empty(await server.AllMessagesAsync());   // a preview stores and sends nothing

        using var published = await op.Http.PostAsJsonAsync("/api/warnings", Gale(server, descriptionZh: "预计今天下午到夜间，沙坡头区将出现偏北大风，请注意防范。"));
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var message = Assert.Single(await server.AllMessagesAsync());
        Assert.Equal((WarningAction.Issued, GaleHazard.Id, SignalLevel.Yellow, TestAccounts.Operator), (message.Action, message.Hazard, message.Level, message.ComposedBy));
        Assert.Equal(["640502"], message.Districts);
        Assert.Contains("composed by the forecaster", message.Basis, StringComparison.Ordinal);
        Assert.True(await Eventually.HoldsAsync(() => emergency.Events.Any(e => e.Warning.Id == message.Id), TimeSpan.FromSeconds(20)));
        var stored = XDocument.Parse(await server.Http.GetStringAsync($"/api/warnings/{message.Id}/cap"));
        Assert.Empty(CapSchema.Errors(stored));

        // Who composed it is the bureau's business: the push, the public lists, the CAP and the feed name no operator.
        var pushed = emergency.Events.First(e => e.Warning.Id == message.Id).Warning;
        Assert.Equal((null, null), (pushed.ComposedBy, pushed.ApprovedBy));
        foreach (var url in new[] { "/api/warnings", $"/api/warnings/{message.Id}", $"/api/warnings/{message.Id}/cap", "/api/cap/feed.atom", "/api/bulletins" })
        {
            var text = await server.Http.GetStringAsync(url);
            Assert.DoesNotContain(TestAccounts.Operator, text, StringComparison.Ordinal);
        }

        Assert.Contains(TestAccounts.Operator, await op.Http.GetStringAsync($"/api/warnings/{message.Id}"), StringComparison.Ordinal);
        var audit = await op.Http.GetFromJsonAsync<JsonElement>($"/api/audit?target={message.Id}");
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("action").GetString() == "compose" && a.GetProperty("detail").GetString()!.Contains("会商", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheEngine_LeavesAComposedWarningToItsForecaster_UntilItsValidityEnds()
    {
        await using var server = await StartAsync();
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        var t0 = server.Service<PipelineClock>().Now;
        using var published = await op.Http.PostAsJsonAsync("/api/warnings", Gale(server, hours: 12));
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var board = server.Service<WarningBoard>();
        var shapotou = TestPlaces.Catalog.GetDistrict("640502");

        // No rule signal for hours: an automatic warning would be lifted after the hold time; this one stands.
        foreach (var hours in new[] { 2, 6, 10 })
        {
            await Apply(board, shapotou.Code, t0.AddHours(hours));
        }

        Assert.Equal([WarningAction.Issued], (await server.AllMessagesAsync()).Select(m => m.Action));
        await Apply(board, shapotou.Code, t0.AddHours(14));
        Assert.Equal([WarningAction.Issued, WarningAction.Expired], (await server.AllMessagesAsync()).Select(m => m.Action));
    }

    [Theory]
    [InlineData("frost", "red", "640502", 12, 400, "frost has blue, yellow, orange")]
    [InlineData("tornado", "red", "640502", 12, 400, "hazard 'tornado' is not one in force")]
    [InlineData("gale", "yellow", "640599", 12, 400, "district '640599' is not one of 640502, 640521, 640522")]
    [InlineData("gale", "yellow", "640502", -3, 400, "it must end after it starts")]
    [InlineData("gale", "yellow", "640502", 400, 400, "last at most 10.00:00:00")]
    public async Task ImpossibleSignals_AreRefusedWithTheReason(string hazard, string level, string district, int hours, int status, string reason)
    {
        await using var server = await StartAsync();
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        var now = server.Service<PipelineClock>().Now;

        using var response = await op.Http.PostAsJsonAsync("/api/warnings", new { hazard, level, districts = new[] { district }, validFrom = now.AddHours(1), validTo = now.AddHours(1 + hours) });

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await server.AllMessagesAsync());
    }

    [Fact]
    public async Task AWarningNarrowedToTownships_NamesThem_CodesThemInCap_AndReachesOnlyTheirFarmers()
    {
        await using var server = await StartAsync();
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        var now = server.Service<PipelineClock>().Now;
        object Frost(string[] townships, string district = "640521") =>
            new { hazard = "frost", level = "blue", districts = new[] { district }, townships, validFrom = now.AddHours(2), validTo = now.AddHours(14) };
        async Task<string> DeviceAsync(string township)
        {
            using var r = await server.Http.PostAsJsonAsync("/api/subscriptions", new { townships = new[] { township }, crops = new[] { "goji" } });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        }

        var ningan = await DeviceAsync("640521100");    // 宁安镇, named in the warning
        var shikong = await DeviceAsync("640521102");   // 石空镇, same county, not named

        // A Haiyuan township under Zhongning, and a code nobody lists, are refused with the reason.
        using var elsewhere = await op.Http.PostAsJsonAsync("/api/warnings", Frost(["640522100"]));
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Contains("not among the districts chosen", await elsewhere.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var unknown = await op.Http.PostAsJsonAsync("/api/warnings", Frost(["640521999"]));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Empty(await server.AllMessagesAsync());

        using var published = await op.Http.PostAsJsonAsync("/api/warnings", Frost(["640521100", "640521101"]));
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        var message = Assert.Single(await server.AllMessagesAsync());
        Assert.Equal(["640521100", "640521101"], message.Townships);
        Assert.Contains("中宁县（宁安镇、鸣沙镇）", message.DescriptionZh, StringComparison.Ordinal);
        Assert.Contains("Zhongning County (宁安镇, 鸣沙镇)", message.DescriptionEn, StringComparison.Ordinal);

        var cap = XDocument.Parse(await server.Http.GetStringAsync($"/api/warnings/{message.Id}/cap"));
        Assert.Empty(CapSchema.Errors(cap));
        XNamespace ns = "urn:oasis:names:tc:emergency:cap:1.2";
        var area = cap.Descendants(ns + "info").First().Element(ns + "area")!;
        Assert.Equal("中宁县: 宁安镇, 鸣沙镇", area.Element(ns + "areaDesc")!.Value);
        Assert.Equal(["640521", "640521000000", "640521100", "640521101"], area.Elements(ns + "geocode").Select(g => g.Element(ns + "value")!.Value));

        async Task<int> WarningsFor(string token) =>
            (await server.Http.GetFromJsonAsync<JsonElement>($"/api/subscriptions/{token}/warnings")).GetProperty("warnings").GetArrayLength();
        Assert.Equal(1, await WarningsFor(ningan));
        Assert.Equal(0, await WarningsFor(shikong));
    }

    [Fact]
    public async Task WatchOfficersAnonymousAndOperatorsOfOtherDistricts_CannotCompose()
    {
        await using var server = await StartAsync();
        using var officer = await server.SignInAsync(TestAccounts.ZhongningOfficer, TestAccounts.Password);
        using var haiyuan = await server.SignInAsync(HaiyuanOperator, TestAccounts.Password);

        using var anonymous = await server.Http.PostAsJsonAsync("/api/warnings", Gale(server));
        using var byOfficer = await officer.Http.PostAsJsonAsync("/api/warnings", Gale(server));
        using var previewByOfficer = await officer.Http.PostAsJsonAsync("/api/warnings/preview", Gale(server));
        using var otherDistrict = await haiyuan.Http.PostAsJsonAsync("/api/warnings", Gale(server, district: "640502"));
        using var own = await haiyuan.Http.PostAsJsonAsync("/api/warnings", Gale(server, district: "640522"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byOfficer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, previewByOfficer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherDistrict.StatusCode);
        Assert.Contains("not one you cover (640522)", await otherDistrict.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(["640522"], Assert.Single(await server.AllMessagesAsync()).Districts);
    }

    [Fact]
    public async Task AThunderProposal_IsOnlyEverADraft_AndOnceApproved_IsTheForecastersWarning()
    {
        await using var server = await StartAsync();
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        var board = server.Service<WarningBoard>();

        await board.StepAsync(0, SignalLevel.Yellow, value: 6, hazard: "thunder");   // numerical guidance proposes yellow

        Assert.Empty(await server.AllMessagesAsync());
        var draft = Assert.Single((await op.Http.GetFromJsonAsync<JsonElement>("/api/drafts")).EnumerateArray());
        Assert.Equal("thunder", draft.GetProperty("warning").GetProperty("hazard").GetString());
        using var approved = await op.Http.PostAsJsonAsync($"/api/drafts/{draft.GetProperty("id").GetInt64()}/approve", new { rowVersion = draft.GetProperty("rowVersion").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(TestAccounts.Operator, Assert.Single(await server.AllMessagesAsync()).ComposedBy);

        // The guidance no longer proposes it: the engine does not lift the forecaster's warning.
        await board.StepAsync(60, null, hazard: "thunder");
        await board.StepAsync(300, null, hazard: "thunder");
        Assert.Equal([WarningAction.Issued], (await server.AllMessagesAsync()).Select(m => m.Action));
    }

    [Fact]
    public async Task AComposedThunderWarning_IsNotScoredAgainstTheHourlyRecord()
    {
        await using var server = await StartAsync();
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        var now = server.Service<PipelineClock>().Now;
        using var published = await op.Http.PostAsJsonAsync("/api/warnings",
            new { hazard = "thunder", level = "yellow", districts = new[] { "640521" }, validFrom = now.AddHours(1), validTo = now.AddHours(7) });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        server.Service<ClimateWarn.Server.Ingest.Replay.ReplayClock>().Set(now.AddHours(8));

        var page = await server.Http.GetFromJsonAsync<JsonElement>("/api/dashboards/verification");

        var row = Assert.Single(page.GetProperty("rows").EnumerateArray());
        Assert.Equal("thunder", row.GetProperty("hazard").GetString());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("reached").ValueKind);   // neither a hit nor a false alarm
        Assert.StartsWith("not verified here: issued by the forecaster's hand", row.GetProperty("basis").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApprovalSettings_CannotLetThunderPublishItself()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningServer.StartAsync(replay: true, TestAccounts.Settings(new() { ["Warnings:ApprovalFrom:thunder"] = "None" })));

        Assert.Contains("Warnings:ApprovalFrom:thunder: thunder is issued by the forecaster's hand", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A forecast cycle with data and no gale signal for the district, as the pipeline would run it.</summary>
    private static Task Apply(WarningBoard board, string district, DateTimeOffset now)
    {
        var d = TestPlaces.Catalog.GetDistrict(district);
        var cells = d.Cells.Select(c => new ClimateWarn.Server.Assess.CellAssessment(c, HasData: true, [])).ToList();
        return board.ApplyAsync([ClimateWarn.Server.Assess.DistrictAssessment.Aggregate(d.Code, now, cells)], now, CancellationToken.None);
    }
}
