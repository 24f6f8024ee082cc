using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Server.Store.Relational;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Playwright;
using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core.Hazards.Gale;

namespace ClimateWarn.Server.Tests.Dashboards;

/// <summary>
/// The pages against the warning lifecycle of issue 5 (accounts, drafts, acknowledgements, device subscriptions), written
/// to /work/notes/issue5-contract.md. They need those endpoints, so they pass once the lifecycle branch is merged; before
/// that they fail with the status the missing endpoint returned.
/// </summary>
public sealed class LifecyclePageTests(LifecyclePageTests.Fixture run) : IClassFixture<LifecyclePageTests.Fixture>
{
    private static readonly string Password = Support.TestAccounts.Password;
    // Inside the replayed frost warning's validity (until 20 March 19:00 UTC), so issuing test warnings does not let it expire.
    private static readonly DateTimeOffset Later = new(2021, 3, 20, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task WatchOfficer_SeesTheCountdown_SignsInOnEmergency_AndTheAcknowledgementIsRecorded()
    {
        var id = await run.PublishedOrangeAsync("640521");
        var page = await run.OpenAsync("/emergency");
        // Acknowledgement states are for staff: once signed in, before anyone acknowledges, the deadline and the time left.
        await SignInAsync(page, "officer");
        await Assertions.Expect(page.Locator($"#severe li.warning[data-id='{id}'] .ack[data-district='640521'] .countdown[data-deadline]")).ToBeVisibleAsync();

        var button = page.Locator($"#severe li.warning[data-id='{id}'] .ack-button[data-district='640521']");
        await button.ClickAsync();

        await Assertions.Expect(page.Locator($"#severe li.warning[data-id='{id}'] .ack[data-district='640521'] .good")).ToContainTextAsync("已确认");
        using var detail = JsonDocument.Parse(await (await run.Server.OperatorHttpAsync()).GetStringAsync($"/api/warnings/{Uri.EscapeDataString(id)}"));
        Assert.Contains(detail.RootElement.GetProperty("acks").EnumerateArray(), a =>
            a.GetProperty("district").GetString() == "640521" && a.GetProperty("acknowledgedBy").GetString() == "officer");
        await PagesFixture.ScreenshotAsync(page, "emergency-acknowledged-1366x768");
    }

    [Fact]
    public async Task EmergencyTimeline_ShowsTheDraftItsApprovalAndTheMessages()
    {
        var id = await run.PublishedOrangeAsync("640521");
        var page = await run.OpenAsync("/emergency");
        // Who approved is the operators' record: the public timeline names no one.
        await SignInAsync(page, "operator");
        var card = page.Locator($"#severe li.warning[data-id='{id}']");

        await card.Locator("details.timeline summary").ClickAsync();

        var entries = card.Locator("details.timeline li");
        await Assertions.Expect(entries.Filter(new() { HasText = "已批准" })).ToContainTextAsync("operator");
        await Assertions.Expect(entries.Filter(new() { HasText = "升级" }).First).ToContainTextAsync("#");
        await PagesFixture.ScreenshotAsync(page, "emergency-timeline-1366x768");
    }

    [Fact]
    public async Task Operator_ApprovesADraftOnTheConsole_AndItIsPublished()
    {
        await run.IssueAsync("640502", GaleHazard.Id, SignalLevel.Orange, Later);
        var page = await run.OpenAsync("/ops");

        await SignInAsync(page, "operator");
        var draft = page.Locator(".draft").Filter(new() { HasText = "大风" }).First;
        await Assertions.Expect(draft).ToBeVisibleAsync();
        await PagesFixture.ScreenshotAsync(page, "ops-draft-1366x768");
        await draft.Locator("button.approve").ClickAsync();

        await Assertions.Expect(page.Locator(".draft").Filter(new() { HasText = "大风" })).ToHaveCountAsync(0);
        var active = await run.Server.Service<ClimateWarn.Server.Warn.WarningLog>().ActiveAsync(CancellationToken.None);   // as stored: who approved
        Assert.Contains(active, w => w.Hazard == "gale" && w.Districts.Contains("640502") && w.ApprovedBy == "operator");
    }

    [Fact]
    public async Task OpsConsole_AsksForSignIn_ThenShowsTheLedgerToAnOperator()
    {
        var page = await run.OpenAsync("/ops");
        await Assertions.Expect(page.Locator("#ledger .sign-in-hint")).ToContainTextAsync("请登录");
        await Assertions.Expect(page.Locator("#models .sign-in-hint")).ToBeVisibleAsync();

        await SignInAsync(page, "operator");

        await Assertions.Expect(page.Locator("#ledger .sign-in-hint")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#models .model-card").First).ToBeVisibleAsync();
        Assert.Empty(run.ErrorsOf(page));
    }

    [Fact]
    public async Task Farmer_SubscribesToNingan_GetsTheZhongningFrostAndNotTheHaiyuanOne()
    {
        await run.PublishedOrangeAsync("640521");
        await run.IssueAsync("640522", FrostHazard.Id, SignalLevel.Yellow, Later);
        var page = await run.OpenAsync("/farmer", 360, 740);

        await page.CheckAsync("input[name=township][value='640521100']");
        await page.CheckAsync("input[name=crop][value='goji']");
        var created = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/subscriptions", StringComparison.Ordinal) && r.Request.Method == "POST");
        await page.ClickAsync("#subscription button[type=submit]");
        Assert.Equal(201, (await created).Status);

        var cards = page.Locator("#warnings li.warning");
        await Assertions.Expect(page.Locator("#warnings li.warning[data-hazard=frost][data-districts~='640521']")).ToContainTextAsync("枸杞：");
        Assert.All(await cards.EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.districts)"), d => Assert.Contains("640521", d, StringComparison.Ordinal));
        var token = await page.EvaluateAsync<string?>("() => JSON.parse(localStorage.getItem('farmer.subscription')).token");
        Assert.False(string.IsNullOrEmpty(token));
    }

    [Fact]
    public async Task Operator_ComposesASandstormYellowForShapotou_PreviewsItsCap_Publishes_AndTheEmergencyPageReceivesIt()
    {
        var emergency = await run.OpenAsync("/emergency");
        var ops = await run.OpenAsync("/ops");
        await SignInAsync(ops, "operator");

        await ops.SelectOptionAsync("#compose-hazard", "sandstorm");
        await ops.SelectOptionAsync("#compose-level", "yellow");
        var township = ops.Locator("input[name=compose-township][value='640502100']");
        await Assertions.Expect(township).ToBeHiddenAsync();
        await ops.CheckAsync("input[name=compose-district][value='640502']");
        await ops.FillAsync("#compose-reason", "会商：腾格里沙漠东缘午后沙尘暴");

        // Ticking the district offers its townships; one ticked narrows the text to it, none means the whole district.
        await township.CheckAsync();
        await ops.ClickAsync("#compose-preview");
        await Assertions.Expect(ops.Locator("#compose-result .preview")).ToContainTextAsync("沙坡头区（滨河镇）");
        await township.UncheckAsync();
        await ops.ClickAsync("#compose-preview");
        await Assertions.Expect(ops.Locator("#compose-result .preview")).Not.ToContainTextAsync("滨河镇");
        await Assertions.Expect(ops.Locator("#compose-result .preview h3")).ToContainTextAsync("沙尘暴黄色预警信号");
        await Assertions.Expect(ops.Locator("#compose-result pre.cap")).ToContainTextAsync("<event>沙尘暴</event>", new() { UseInnerText = false });
        await PagesFixture.ScreenshotAsync(ops, "ops-compose-preview-1366x768");
        Assert.DoesNotContain(await run.Server.AllMessagesAsync(), w => w.Hazard == "sandstorm" && w.Districts.Contains("640502"));

        await ops.ClickAsync("#compose-publish");
        await Assertions.Expect(ops.Locator("#compose-result .published")).ToContainTextAsync("沙尘暴黄色预警信号");
        var card = emergency.Locator("#warnings li.warning[data-hazard=sandstorm][data-districts~='640502']");
        await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await PagesFixture.ScreenshotAsync(emergency, "emergency-composed-sandstorm-1366x768");
        Assert.Contains(await run.Server.AllMessagesAsync(), w => w.Hazard == "sandstorm" && w.ComposedBy == "operator");
    }

    [Fact]
    public async Task Operator_SeesTheDeliveryLog_FiltersIt_AndSendsOneAgain()
    {
        await run.PublishedOrangeAsync("640521");
        var ops = await run.OpenAsync("/ops");
        await SignInAsync(ops, "operator");
        var log = ops.Locator("#delivery-log");
        await Assertions.Expect(log.Locator("tr[data-state=delivered]").First).ToBeVisibleAsync();

        await log.Locator("button.filter[data-state=delivered]").ClickAsync();
        await Assertions.Expect(log.Locator("button.filter[data-state=delivered]")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Equal(0, await log.Locator("tbody tr:not([data-state=delivered])").CountAsync());
        var row = log.Locator("tr[data-state=delivered][data-channel=signalr]").First;
        var id = await row.GetAttributeAsync("data-id");
        ops.Dialog += (_, dialog) => dialog.AcceptAsync();
        await ops.EvaluateAsync("() => document.querySelector('#delivery-log table').dataset.before = 'resend'");
        await row.Locator("button.resend").ClickAsync();

        // The log is redrawn after a resend; the outcome stays on the redrawn log (it once flashed and vanished).
        await Assertions.Expect(log.Locator("table[data-before]")).ToHaveCountAsync(0);
        await Assertions.Expect(ops.Locator("#resend-note")).ToContainTextAsync("已重新排队：signalr");
        await log.ScreenshotAsync(new() { Path = Path.Combine(PagesFixture.Screenshots, "ops-delivery-log-1366x768.png") });
        var audit = await (await run.Server.OperatorHttpAsync()).GetFromJsonAsync<JsonElement>("/api/audit?limit=50");
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("action").GetString() == "resend" && a.GetProperty("user").GetString() == "operator"
            && a.GetProperty("detail").GetString() == $"delivery {id}");
        Assert.Empty(run.ErrorsOf(ops));
    }

    [Fact]
    public async Task WatchOfficer_IsNotOfferedSendAgain()
    {
        var ops = await run.OpenAsync("/ops");
        await SignInAsync(ops, "officer");

        // Operators' records are not a watch officer's: the log itself is refused, and no button is offered.
        await Assertions.Expect(ops.Locator("#delivery-log")).ToContainTextAsync("运维记录仅限值班预报员");
        Assert.Equal(0, await ops.Locator("#delivery-log button.resend").CountAsync());
    }

    [Fact]
    public async Task WatchOfficer_IsNotOfferedTheComposeForm()
    {
        var ops = await run.OpenAsync("/ops");
        await SignInAsync(ops, "officer");

        await Assertions.Expect(ops.Locator("#compose")).ToContainTextAsync("请以值班预报员（Operator）身份登录后发布");
        Assert.Equal(0, await ops.Locator("#compose-publish").CountAsync());
    }

    private static async Task SignInAsync(IPage page, string user)
    {
        await page.FillAsync("#user", user);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#signin button[type=submit]");
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync(user);
    }

    public sealed class Fixture : PagesFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Accounts:Seed:0:UserName"] = "officer",
            ["Accounts:Seed:0:Password"] = Password,
            ["Accounts:Seed:0:Roles:0"] = "WatchOfficer",
            ["Accounts:Seed:0:Districts:0"] = "640521",
            ["Accounts:Seed:1:UserName"] = "operator",
            ["Accounts:Seed:1:Password"] = Password,
            ["Accounts:Seed:1:Roles:0"] = "Operator",
        };

        /// <summary>
        /// The id of a published orange-or-red warning for the district: the replay's March frost, approved first if the
        /// lifecycle held it as a draft (orange and red wait for an operator).
        /// </summary>
        public async Task<string> PublishedOrangeAsync(string district)
        {
            using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
            using var http = new HttpClient(handler) { BaseAddress = new Uri(Server.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
            using (var login = await http.PostAsJsonAsync("/api/auth/login", new { userName = "operator", password = Password }))
            {
                Assert.True(login.IsSuccessStatusCode, $"POST /api/auth/login answered {(int)login.StatusCode}: these tests need the issue 5 lifecycle endpoints");
            }

            var drafts = await http.GetFromJsonAsync<JsonElement>("/api/drafts");
            foreach (var d in drafts.EnumerateArray().Where(d => string.Equals(d.GetProperty("state").GetString(), "pending", StringComparison.OrdinalIgnoreCase)
                && d.GetProperty("warning").GetProperty("districts").EnumerateArray().Any(x => x.GetString() == district)))
            {
                using var approve = await http.PostAsJsonAsync($"/api/drafts/{d.GetProperty("id").GetInt64()}/approve", new { rowVersion = d.GetProperty("rowVersion").GetInt32() });
                Assert.True(approve.IsSuccessStatusCode, $"approving draft {d.GetProperty("id")} answered {(int)approve.StatusCode}");
            }

            var active = await http.GetFromJsonAsync<JsonElement>("/api/warnings?active=true");
            return active.GetProperty("warnings").EnumerateArray()
                .First(w => w.GetProperty("districts").EnumerateArray().Any(x => x.GetString() == district)
                    && w.GetProperty("level").GetString()!.ToUpperInvariant() is "ORANGE" or "RED")
                .GetProperty("id").GetString()!;
        }
    }
}
