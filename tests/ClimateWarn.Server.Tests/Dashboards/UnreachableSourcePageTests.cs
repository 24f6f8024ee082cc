using ClimateWarn.Server.Tests.Support;
using Microsoft.Playwright;

namespace ClimateWarn.Server.Tests.Dashboards;

/// <summary>
/// The live server on an isolated network (Open-Meteo unreachable): the pages still load everything from the server,
/// say which source is failing, and show "no data" rather than an all-clear.
/// </summary>
public sealed class UnreachableSourcePageTests(UnreachableSourcePageTests.Fixture run) : IClassFixture<UnreachableSourcePageTests.Fixture>
{
    [Fact]
    public async Task Agriculture_SaysTheSourceIsFailing_AndTheMapSaysNoDataRatherThanNoHazard()
    {
        var page = await run.OpenAsync("/agriculture");

        await Assertions.Expect(page.Locator("#freshness .source.stale[data-source=open-meteo]")).ToContainTextAsync("失败");
        await Assertions.Expect(page.Locator("#map")).ToHaveAttributeAsync("data-regions", "沙坡头区,中宁县,海原县");
        await Assertions.Expect(page.Locator("#map")).ToHaveAttributeAsync("data-levels", "640502:unknown,640521:unknown,640522:unknown");
        await Assertions.Expect(page.Locator("#empty")).ToHaveAttributeAsync("data-stale", "注意：有数据源异常，此结果可能不完整。");
        await PagesFixture.ScreenshotAsync(page, "agriculture-source-unreachable-1366x768");
        Assert.Empty(run.ErrorsOf(page));
    }

    public sealed class Fixture : PagesFixture
    {
        private static readonly Refusing Nobody = Ports.Refusing();   // held for the test run: nobody else can take the port

        protected override bool Replay => false;

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["OpenMeteo:BaseUrl"] = Nobody.Url,
            ["OpenMeteo:RunAtStartup"] = "true",
            ["OpenMeteo:Cron"] = "0 0 0 1 1 ? 2099",
            ["OpenMeteo:Resilience:Retry:Delay"] = "00:00:00.020",
            ["OpenMeteo:Resilience:Retry:BackoffType"] = "Constant",
            ["OpenMeteo:Resilience:AttemptTimeout:Timeout"] = "00:00:02",
        };
    }
}
