using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Server.Assess;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ClimateWarn.Server.Tests.Dashboards;

/// <summary>
/// The real server in replay mode over 18–21 March 2021 (the March frost in Zhongning), run to its end once, and Debian's
/// Chromium driven by Playwright, kept off the network: every host but the loopback resolves to nothing.
/// </summary>
public class PagesFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    public static readonly string Screenshots = Path.Combine(Repo.Root, "artifacts", "screenshots");

    public RunningServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    private IPlaywright _playwright = null!;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<IPage, List<string>> _errors = new();

    /// <summary>Script errors and failed requests the page met (404s of the lifecycle endpoints are expected and not counted).</summary>
    public IReadOnlyList<string> ErrorsOf(IPage page) => _errors.GetValueOrDefault(page) ?? [];

    /// <summary>Extra server settings (the lifecycle tests add accounts).</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>False: the live server (Open-Meteo source) instead of the replay.</summary>
    protected virtual bool Replay => true;

    /// <summary>Services added before the host's own (a log capture, say).</summary>
    protected virtual void AddServices(IServiceCollection services)
    {
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: run `sudo apt-get install chromium fonts-noto-cjk` (tests/run.sh installs them).");
        }

        var settings = new Dictionary<string, string?>
        {
            ["Replay:Start"] = "Manual",
            ["Replay:Speed"] = "1000000000",
            ["Replay:From"] = "2021-03-18T00:00:00Z",
            ["Replay:To"] = "2021-03-21T00:00:00Z",
        };
        foreach (var (k, v) in Settings)
        {
            settings[k] = v;
        }

        Server = await RunningServer.StartAsync(Replay, settings, AddServices);
        if (Replay)
        {
            await ReplayToTheEndAsync();
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-domain-reliability",
                "--disable-sync",
                "--no-first-run",
                "--no-default-browser-check",
            ],
        }).WaitAsync(TimeSpan.FromSeconds(60));
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>Runs once the server is up, before the replay starts (listeners connect here).</summary>
    protected virtual Task BeforeReplayAsync() => Task.CompletedTask;

    /// <summary>Runs once the replay has finished.</summary>
    protected virtual Task AfterReplayAsync() => Task.CompletedTask;

    private async Task ReplayToTheEndAsync()
    {
        await BeforeReplayAsync();
        using (var start = await Server.Http.PostAsync("/api/replay/start", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        }

        await Server.ReplayFinishedAsync(TimeSpan.FromMinutes(3));
        await AfterReplayAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>A page in a fresh context: a desktop screen by default, Beijing-time checks from a browser in another zone.</summary>
    public async Task<IPage> OpenAsync(string path, int width = 1366, int height = 768, Func<IPage, Task>? beforeLoad = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Europe/London",
            IsMobile = width < 500,
        });
        var page = await context.NewPageAsync();
        var errors = _errors.GetOrAdd(page, _ => []);
        page.PageError += (_, e) => errors.Add("pageerror: " + e);
        page.Console += (_, m) => { if (m.Type == "error" && !m.Text.Contains("404", StringComparison.Ordinal) && !m.Text.Contains("401", StringComparison.Ordinal)) errors.Add("console: " + m.Text); };
        page.SetDefaultTimeout(15_000);
        if (beforeLoad is not null)
        {
            await beforeLoad(page);
        }

        await page.GotoAsync(Server.BaseUrl + path);
        // Connected, not a latency bound (WarningIssuedOnTheServer_AppearsOnEmergencyWithin5Seconds measures that): as long
        // as the page's other waits, since beside the suite's CPU-heavy tests (ensemble scoring) a cold page may take over 5 s.
        await Assertions.Expect(page.Locator("body[data-connection=live]")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        return page;
    }

    /// <summary>A warning issued on the server as the pipeline would: one district's seat cell reaches the level.</summary>
    public async Task IssueAsync(string district, string hazard, SignalLevel level, DateTimeOffset now)
    {
        var d = Server.Service<PlaceCatalog>().GetDistrict(district);
        var signal = new HazardSignal(hazard, level, now.AddHours(3), now.AddHours(15), -4, "test");
        var cells = d.Cells.Select(c => new CellAssessment(c, HasData: true, c.IsSeat ? [signal] : [])).ToList();
        await Server.Service<WarningBoard>().ApplyAsync([DistrictAssessment.Aggregate(d.Code, now, cells)], now, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
    }

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
}

/// <summary>One replayed server and one browser for the page and endpoint tests (they only add warnings, never remove them).</summary>
[CollectionDefinition(Name)]
public sealed class SharedPages : ICollectionFixture<PagesFixture>
{
    public const string Name = "Pages";
}
