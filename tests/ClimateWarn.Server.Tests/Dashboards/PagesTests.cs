using System.Text.RegularExpressions;
using ClimateWarn.Core.Hazards;
using Microsoft.Playwright;
using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core.Hazards.Rainstorm;
using ClimateWarn.Core.Hazards.Gale;

namespace ClimateWarn.Server.Tests.Dashboards;

/// <summary>The dashboards in headless Chromium against the real server, with only the endpoints this branch has.</summary>
[Collection(SharedPages.Name)]
public sealed partial class PagesTests(PagesFixture run)
{
    /// <summary>Injected warnings share one simulated time after the replay, so none of them starts another's hold-to-lift.</summary>
    // Inside the replayed frost warning's validity (until 20 March 19:00 UTC), so issuing test warnings does not let it expire.
    private static readonly DateTimeOffset Later = new(2021, 3, 20, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, int, int> EveryPageAndScreen()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var page in new[] { "", "emergency", "agriculture", "health", "ops", "farmer?townships=640521100&crops=goji,grape" })
        {
            data.Add(page, 1366, 768);
            data.Add(page, 360, 740);
        }

        return data;
    }

    [Fact]
    public async Task Map_DrawsTheThreeDistricts()
    {
        var page = await run.OpenAsync("/agriculture");
        var map = page.Locator("#map");

        await Assertions.Expect(map).ToHaveAttributeAsync("data-regions", "沙坡头区,中宁县,海原县");
        Assert.True(await map.Locator("svg path").CountAsync() >= 3);
        // The replay left a frost warning in Zhongning: its region is coloured, Haiyuan's is not.
        await Assertions.Expect(map).ToHaveAttributeAsync("data-levels", LevelsPattern());
    }

    [Fact]
    public async Task FireDangerPanel_ListsEveryDistrict_AndMarksWhereItIsSignalled()
    {
        var page = await run.OpenAsync("/emergency");
        var panel = page.Locator("#fire-panel");

        await Assertions.Expect(panel.Locator("h2")).ToHaveTextAsync("森林草原火险气象等级");
        await Assertions.Expect(panel.Locator("tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(panel.Locator("tr[data-district='640522'] th")).ToContainTextAsync("⚑");
        await Assertions.Expect(panel.Locator("tr[data-district='640521'] th")).Not.ToContainTextAsync("⚑");
        await Assertions.Expect(panel.Locator(".fire-basis")).ToContainTextAsync("连续无降水日数");
    }

    [Fact]
    public async Task EnglishToggle_ChangesTheHeadline()
    {
        var page = await run.OpenAsync("/emergency");
        await Assertions.Expect(page.Locator("#headline")).ToHaveTextAsync("应急管理 · 预警值班");
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));

        await page.ClickAsync("#lang");

        await Assertions.Expect(page.Locator("#headline")).ToHaveTextAsync("Emergency · watch desk");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
    }

    [Fact]
    public async Task WarningIssuedOnTheServer_AppearsOnEmergencyWithin5Seconds()
    {
        var page = await run.OpenAsync("/emergency");

        await run.IssueAsync("640502", GaleHazard.Id, SignalLevel.Yellow, Later);

        await Assertions.Expect(page.Locator("#warnings li.warning[data-hazard=gale][data-districts~='640502']"))
            .ToBeVisibleAsync(new() { Timeout = 5_000 });
        Assert.Empty(run.ErrorsOf(page));
    }

    [Fact]
    public async Task ReplayFrostWarning_ShowsOnAgricultureWithCropAdviceInBeijingTime()
    {
        var page = await run.OpenAsync("/agriculture");
        var frost = page.Locator("#warnings li.warning[data-hazard=frost][data-districts~='640521']").First;

        await Assertions.Expect(frost).ToContainTextAsync("霜冻");
        await Assertions.Expect(frost.Locator(".advice-line")).ToContainTextAsync("枸杞防御建议");
        // The browser runs in London; validity is shown in Beijing time (the replay's warnings start in March 2021).
        await Assertions.Expect(frost).ToContainTextAsync("2021/03/");
        // The model-watch panel is drawn from /api/watches (none here: where the frost model is confident, the rule already signals).
        await Assertions.Expect(page.Locator("#watches h3")).ToHaveTextAsync("模型关注提示");
        await Assertions.Expect(page.Locator("#watches")).ToContainTextAsync("目前没有模型关注提示");
        await Assertions.Expect(page.Locator("#advice-note")).ToContainTextAsync("并非官方文本");
    }

    [Fact]
    public async Task CutConnection_ShowsTheStaleBanner_AndCatchesUpWhenItReturns()
    {
        var page = await run.OpenAsync("/agriculture");

        await page.Context.SetOfflineAsync(true);
        await page.EvaluateAsync("() => window.climateWarn.live.connection.stop()");
        await Assertions.Expect(page.Locator("#banner")).ToContainTextAsync("连接中断，数据截至");
        await PagesFixture.ScreenshotAsync(page, "agriculture-stale-1366x768");
        await run.IssueAsync("640522", RainstormHazard.Id, SignalLevel.Yellow, Later);
        await page.WaitForTimeoutAsync(1_000);
        await Assertions.Expect(page.Locator("li.warning[data-hazard=rainstorm][data-districts~='640522']")).ToHaveCountAsync(0);

        await page.Context.SetOfflineAsync(false);

        await Assertions.Expect(page.Locator("li.warning[data-hazard=rainstorm][data-districts~='640522']")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.Locator("body")).ToHaveAttributeAsync("data-connection", "live");
    }

    [Fact]
    public async Task FarmerPage_InstallsItsServiceWorker_AndAReloadWithoutNetworkShowsTheLastWarnings()
    {
        using (var manifest = await run.Server.Http.GetAsync("/manifest.webmanifest"))
        {
            Assert.Equal("application/manifest+json", manifest.Content.Headers.ContentType!.MediaType);
            Assert.Equal("/farmer", System.Text.Json.JsonDocument.Parse(await manifest.Content.ReadAsStringAsync()).RootElement.GetProperty("start_url").GetString());
        }

        var page = await run.OpenAsync("/farmer?townships=640521100&crops=goji", 360, 740);
        var frost = page.Locator("#warnings li.warning[data-hazard=frost][data-districts~='640521']");
        await Assertions.Expect(frost.First).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => navigator.serviceWorker.ready.then(r => !!r.active)"), "the service worker is installed and active");

        // Once it controls the page (the next load), what the page reads is kept.
        await page.ReloadAsync();
        await Assertions.Expect(frost.First).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => !!navigator.serviceWorker.controller"), "the page is controlled by its service worker");
        await page.Context.SetOfflineAsync(true);
        await page.ReloadAsync();

        await Assertions.Expect(frost.First).ToBeVisibleAsync();
        await Assertions.Expect(frost.First).ToContainTextAsync("枸杞：");
        await Assertions.Expect(page.Locator("#as-of")).ToHaveAttributeAsync("data-offline", "true");
        await Assertions.Expect(page.Locator("#as-of")).ToContainTextAsync("离线");
        await PagesFixture.ScreenshotAsync(page, "farmer-offline-reload-360x740");
        await page.Context.SetOfflineAsync(false);
    }

    [Fact]
    public async Task APushMessage_BecomesANotificationOfTheFarmerPagesServiceWorker()
    {
        var page = await run.OpenAsync("/farmer?townships=640521100&crops=goji", 360, 740);
        await page.Context.GrantPermissionsAsync(["notifications"], new() { Origin = run.Server.BaseUrl });
        Assert.True(await page.EvaluateAsync<bool>("() => navigator.serviceWorker.ready.then(r => !!r.active)"));

        // What the push service hands the browser after decryption: the payload the server's push channel sends.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var registration = new TaskCompletionSource<string>();
        cdp.Event("ServiceWorker.workerRegistrationUpdated").OnEvent += (_, e) =>
        {
            foreach (var r in e!.Value.GetProperty("registrations").EnumerateArray().Where(r => r.GetProperty("scopeURL").GetString()!.EndsWith("/farmer", StringComparison.Ordinal)))
            {
                registration.TrySetResult(r.GetProperty("registrationId").GetString()!);
            }
        };
        await cdp.SendAsync("ServiceWorker.enable");
        var id = await registration.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var payload = System.Text.Json.JsonSerializer.Serialize(new { id = "test-warning", sequence = 7, title = "中卫市气象台发布霜冻蓝色预警信号", body = "预计今夜宁安镇最低地温降至0℃以下。" });
        await cdp.SendAsync("ServiceWorker.deliverPushMessage", new Dictionary<string, object> { ["origin"] = run.Server.BaseUrl, ["registrationId"] = id, ["data"] = payload });

        var titles = Array.Empty<string>();
        for (var i = 0; i < 50 && titles.Length == 0; i++)
        {
            await Task.Delay(100);
            titles = await page.EvaluateAsync<string[]>("() => navigator.serviceWorker.ready.then(r => r.getNotifications()).then(ns => ns.map(n => n.title + '|' + n.body))");
        }

        Assert.Equal(["中卫市气象台发布霜冻蓝色预警信号|预计今夜宁安镇最低地温降至0℃以下。"], titles);
    }

    [Fact]
    public async Task FarmerPage_ForNingan_ShowsTheZhongningFrostAndNotAHaiyuanOne_AndKeepsItOffline()
    {
        await run.IssueAsync("640522", FrostHazard.Id, SignalLevel.Yellow, Later);
        var page = await run.OpenAsync("/farmer?townships=640521100&crops=goji", 360, 740);

        var cards = page.Locator("#warnings li.warning");
        var frost = page.Locator("#warnings li.warning[data-hazard=frost][data-districts~='640521']");
        await Assertions.Expect(frost).ToContainTextAsync("霜冻");
        await Assertions.Expect(frost).ToContainTextAsync("枸杞：");
        Assert.All(await cards.EvaluateAllAsync<string[]>("cards => cards.map(c => c.dataset.districts)"), d => Assert.Contains("640521", d, StringComparison.Ordinal));

        // A new Zhongning warning arrives live, in large type.
        await run.IssueAsync("640521", RainstormHazard.Id, SignalLevel.Yellow, Later);
        var rain = page.Locator("#warnings li.warning[data-hazard=rainstorm][data-districts~='640521']");
        await Assertions.Expect(rain).ToBeVisibleAsync(new() { Timeout = 5_000 });
        Assert.True(await rain.Locator("h3").EvaluateAsync<double>("h => parseFloat(getComputedStyle(h).fontSize)") >= 24);

        await page.Context.SetOfflineAsync(true);
        await page.EvaluateAsync("() => window.climateWarn.live.connection.stop()");
        await Assertions.Expect(page.Locator("#as-of")).ToHaveAttributeAsync("data-offline", "true");
        await Assertions.Expect(frost).ToContainTextAsync("霜冻");
        await PagesFixture.ScreenshotAsync(page, "farmer-offline-360x740");
        await page.Context.SetOfflineAsync(false);
    }

    [Theory]
    [InlineData("true", "[data-synthetic=true]", "合成数据训练")]
    [InlineData("false", ".real", "真实观测数据训练")]
    [InlineData(null, ".synthetic.unknown", "说明卡未标明")]
    public async Task OpsConsole_SaysWhetherAModelWasTrainedOnSyntheticData(string? synthetic, string selector, string text)
    {
        var flag = synthetic is null ? "" : $"\"synthetic\": {synthetic},";
        var body = "{\"models\":[{\"hazard\":\"frost\",\"version\":\"v-test\",\"card\":{\"data\":{" + flag
            + "\"source\":\"test\",\"stations\":[]},\"heldOut\":[],\"caveats\":[]}}],\"trials\":[]}";
        var page = await run.OpenAsync("/ops", beforeLoad: p => p.RouteAsync("**/api/ops/models", r => r.FulfillAsync(new() { ContentType = "application/json", Body = body })));

        await Assertions.Expect(page.Locator($".model-card[data-hazard=frost] {selector}")).ToContainTextAsync(text);
    }

    [Theory]
    [MemberData(nameof(EveryPageAndScreen))]
    public async Task EveryPage_RendersWithoutScriptErrors_AndIsPhotographed(string path, int width, int height)
    {
        var page = await run.OpenAsync("/" + path, width, height);
        await page.WaitForTimeoutAsync(1_500);   // charts and the map draw after their fetches

        var name = (path.Length == 0 ? "index" : path.Split('?')[0]) + $"-{width}x{height}";
        await PagesFixture.ScreenshotAsync(page, name);

        await page.ClickAsync("#lang");
        await page.WaitForTimeoutAsync(500);
        await PagesFixture.ScreenshotAsync(page, name + "-en");

        Assert.Empty(run.ErrorsOf(page));
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 1, $"{name} scrolls sideways by {overflow} px");
    }

    [GeneratedRegex("640521:(blue|yellow|orange)")]
    private static partial Regex LevelsPattern();
}
