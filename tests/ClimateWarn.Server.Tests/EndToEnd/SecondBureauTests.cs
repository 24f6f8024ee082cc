using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Tests.Dashboards;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace ClimateWarn.Server.Tests.EndToEnd;

/// <summary>
/// A second bureau by configuration alone: the shipped Baiyin example (config-examples/baiyin: five districts, no
/// township list, its own crops) runs the whole replay of Jan–Apr 2021 over the real ISD-Lite records its districts name
/// (distant stand-ins, see its SOURCES.md), and nothing a user or an operator reads, no page, message, CAP document, feed or
/// log line, names Zhongwei.
/// </summary>
public sealed partial class SecondBureauTests(SecondBureauTests.BaiyinRun run) : IClassFixture<SecondBureauTests.BaiyinRun>
{
    private static readonly string[] BaiyinDistricts = ["620402", "620403", "620421", "620422", "620423"];

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string, int, int> EveryPageAndScreen()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var page in new[] { "", "emergency", "agriculture", "health", "ops", "farmer?districts=620402&crops=potato" })
        {
            data.Add(page, 1366, 768);
            data.Add(page, 360, 740);
        }

        return data;
    }

    [Fact]
    public void Replay_IssuedBaiyinWarnings_InTheObservatorysName()
    {
        Assert.Contains(run.Messages, w => w.Hazard == FrostHazard.Id && w.Action == WarningAction.Issued);
        Assert.All(run.Messages, w => Assert.Subset(BaiyinDistricts.ToHashSet(), w.Districts.ToHashSet()));
        Assert.All(run.Messages, w => Assert.StartsWith("白银市气象台", w.HeadlineZh, StringComparison.Ordinal));
        Assert.All(run.Messages, w => Assert.StartsWith("Baiyin Meteorological Observatory", w.HeadlineEn, StringComparison.Ordinal));
        Assert.All(run.Messages, w => AssertNoZhongwei(JsonSerializer.Serialize(w, Readable), $"message {w.Id}#{w.Sequence}"));
    }

    [Fact]
    public void OneRecord_ServesSeveralDistricts()
    {
        // Yu Zhong's record stands for four districts: each of them is warned on its own, not only the first naming it.
        var yuzhong = new[] { "620402", "620403", "620421", "620422" };
        var warned = run.Messages.SelectMany(w => w.Districts).ToHashSet();

        Assert.Superset(yuzhong.ToHashSet(), warned.Intersect(yuzhong).ToHashSet());
    }

    [Fact]
    public void TheFarmerOfADistrict_ReceivedItsWarningsLive()
    {
        var expected = run.Messages.Where(w => w.Districts.Contains("620402") && w.Audiences.Contains("agriculture")).Select(w => w.Sequence).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected, run.Farmer.Select(e => e.Warning.Sequence));
    }

    [Fact]
    public async Task CapDocumentsAndFeed_AreTheBureaus()
    {
        foreach (var id in run.Messages.Select(w => w.Id).Distinct())
        {
            var xml = await run.Server.Http.GetStringAsync($"/api/warnings/{id}/cap");
            var cap = XDocument.Parse(xml);
            XNamespace ns = "urn:oasis:names:tc:emergency:cap:1.2";
            Assert.Equal("620400416", cap.Root!.Element(ns + "sender")!.Value);
            Assert.Equal(["Baiyin Meteorological Observatory", "白银市气象台"], cap.Descendants(ns + "senderName").Select(n => n.Value).Order(StringComparer.Ordinal));
            AssertNoZhongwei(xml, $"CAP of {id}");
        }

        AssertNoZhongwei(await run.Server.Http.GetStringAsync("/api/cap/feed.atom"), "the Atom feed");
    }

    [Fact]
    public async Task Bureau_IsBaiyin_AndFarmersSubscribeByDistrict()
    {
        using var doc = JsonDocument.Parse(await run.Server.Http.GetStringAsync("/api/bureau"));
        var bureau = doc.RootElement;

        Assert.Equal("白银市气候灾害预警", bureau.GetProperty("titleZh").GetString());
        Assert.Equal("620402", bureau.GetProperty("defaultDistrict").GetString());
        Assert.Equal("district", bureau.GetProperty("subscribeBy").GetString());
        Assert.Equal(["goji", "grain", "potato", "greenhouse"], bureau.GetProperty("crops").EnumerateArray().Select(c => c.GetProperty("key").GetString()));
        Assert.Equal(BaiyinDistricts, bureau.GetProperty("districts").EnumerateArray().Select(d => d.GetProperty("code").GetString()));

        using var byDistrict = await run.Server.Http.PostAsJsonAsync("/api/subscriptions", new { districts = new[] { "620423" }, crops = new[] { "potato" } });
        Assert.Equal(HttpStatusCode.Created, byDistrict.StatusCode);
        Assert.Equal(["620423"], (await byDistrict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("districts").EnumerateArray().Select(d => d.GetString()));
        using var melon = await run.Server.Http.PostAsJsonAsync("/api/subscriptions", new { districts = new[] { "620423" }, crops = new[] { "melon" } });
        Assert.Equal(HttpStatusCode.BadRequest, melon.StatusCode);
        using var nothing = await run.Server.Http.PostAsJsonAsync("/api/subscriptions", new { crops = new[] { "potato" } });
        Assert.Contains("Choose 1–5 districts", await nothing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EveryPageAndScreen))]
    public async Task EveryPage_IsBaiyins_InBothLanguages(string path, int width, int height)
    {
        var page = await run.OpenAsync("/" + path, width, height);
        await page.WaitForTimeoutAsync(1_500);   // the map, charts and freshness draw after their fetches
        var name = "baiyin-" + (path.Length == 0 ? "index" : path.Split('?')[0]) + $"-{width}x{height}";
        await PagesFixture.ScreenshotAsync(page, name);

        await Assertions.Expect(page.Locator("header")).ToContainTextAsync("白银市");
        AssertNoZhongwei(await page.TitleAsync() + await page.InnerTextAsync("body"), name);
        await page.ClickAsync("#lang");
        await Assertions.Expect(page.Locator("header")).ToContainTextAsync("Baiyin");
        await PagesFixture.ScreenshotAsync(page, name + "-en");
        AssertNoZhongwei(await page.TitleAsync() + await page.InnerTextAsync("body"), name + " in English");
        Assert.Empty(run.ErrorsOf(page));
    }

    [Fact]
    public async Task HomePageAndCharts_StartOnTheBureausDefaultDistrict()
    {
        var page = await run.OpenAsync("/agriculture");

        await Assertions.Expect(page.Locator("#probability-panel select")).ToHaveValueAsync("620402");
        await Assertions.Expect(page.Locator("#map")).ToHaveAttributeAsync("data-regions", "白银区,平川区,靖远县,会宁县,景泰县");
        var home = await run.OpenAsync("/");
        await Assertions.Expect(home.Locator("#district")).ToHaveValueAsync("620402");
    }

    [Fact]
    public async Task FarmerPage_ChoosesDistricts_AndSavesTheSubscription()
    {
        var page = await run.OpenAsync("/farmer", 360, 740);

        await Assertions.Expect(page.Locator("#places-legend")).ToHaveTextAsync("区县");
        Assert.Equal(0, await page.Locator("input[name=township]").CountAsync());
        await page.CheckAsync("input[name=district][value='620421']");
        await page.CheckAsync("input[name=crop][value='potato']");
        await page.ClickAsync("#subscription button[type=submit]");
        await Assertions.Expect(page.Locator("#saved")).ToHaveTextAsync("已保存");

        var saved = JsonDocument.Parse(await page.EvaluateAsync<string>("() => localStorage.getItem('farmer.subscription')")).RootElement;
        Assert.Equal(["620421"], saved.GetProperty("districts").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(32, saved.GetProperty("token").GetString()!.Length);
        await Assertions.Expect(page.Locator("#chosen")).ToContainTextAsync("靖远县");
    }

    [Fact]
    public async Task FarmerPage_ShowsADistrictsWarning_WithTheBureausCropAdvice()
    {
        // After the replay's last step, so the new warning follows every replayed message.
        await run.IssueAsync("620421", FrostHazard.Id, SignalLevel.Yellow, new DateTimeOffset(2021, 4, 21, 0, 0, 0, TimeSpan.Zero));
        var page = await run.OpenAsync("/farmer?districts=620421&crops=potato", 360, 740);

        var frost = page.Locator("#warnings li.warning[data-hazard=frost][data-districts~='620421']");
        await Assertions.Expect(frost).ToContainTextAsync("霜冻黄色预警");
        await Assertions.Expect(frost).ToContainTextAsync("马铃薯：霜前培土护苗");
        await Assertions.Expect(frost).ToContainTextAsync("白银市气象台");
        await PagesFixture.ScreenshotAsync(page, "baiyin-farmer-warning-360x740");
    }

    [Fact]
    public void NoLogLine_NamesZhongwei()
    {
        var lines = run.Logs.Entries.ToList();

        Assert.True(lines.Count > 100, $"only {lines.Count} log lines captured");
        Assert.All(lines, e => AssertNoZhongwei(e.Text + e.Exception, $"log {e.Category}"));
    }

    private static void AssertNoZhongwei(string text, string where)
    {
        var match = Zhongwei().Match(text);
        Assert.False(match.Success, $"{where} says '{match.Value}': …{(match.Success ? text.Substring(Math.Max(0, match.Index - 60), Math.Min(120, text.Length - Math.Max(0, match.Index - 60))) : "")}…");
    }

    [GeneratedRegex("中卫|沙坡头|海原|Zhongwei|Shapotou|Haiyuan|64050[0-9]|64052[0-9]", RegexOptions.IgnoreCase)]
    private static partial Regex Zhongwei();

    /// <summary>The Baiyin example replayed to its end once, with a farmer's phone on Baiyin District and every log line kept.</summary>
    public sealed class BaiyinRun : PagesFixture
    {
        public CapturedLogs Logs { get; } = new();

        public IReadOnlyList<Warning> Messages { get; private set; } = [];

        public IReadOnlyList<(string Event, Warning Warning)> Farmer { get; private set; } = [];

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Paths:Config"] = Path.Combine(Repo.Root, "config-examples", "baiyin"),
            ["Replay:From"] = "2021-01-01T00:00:00Z",
            ["Replay:To"] = "2021-04-20T21:00:00Z",
            // As shipped, so the test reads what an operator's log would hold.
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };

        protected override void AddServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(Logs);

        protected override async Task BeforeReplayAsync()
        {
            _farmer = await Server.ListenAsync("agriculture", "620402");
        }

        protected override async Task AfterReplayAsync()
        {
            Messages = await Server.AllMessagesAsync();
            var expected = Messages.Count(w => w.Districts.Contains("620402") && w.Audiences.Contains("agriculture"));
            await Eventually.UntilAsync(() => _farmer!.Events.Count >= expected, TimeSpan.FromSeconds(30), "every Baiyin District message reaches the farmer");
            Farmer = [.. _farmer!.Events];
            await _farmer.DisposeAsync();
        }

        private RunningServer.Listener? _farmer;
    }
}
