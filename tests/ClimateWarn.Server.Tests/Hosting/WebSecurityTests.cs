using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace ClimateWarn.Server.Tests.Hosting;

/// <summary>Behind a proxy and in front of browsers: links never follow the Host header, TLS from a known proxy makes cookies Secure, headers on every answer.</summary>
public sealed class WebSecurityTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private static async Task<List<string>> FeedLinksAsync(RunningServer server, string host)
    {
        await server.Service<WarningBoard>().StepAsync(0, SignalLevel.Blue);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cap/feed.atom");
        request.Headers.Host = host;
        using var response = await server.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. feed.Descendants(Atom + "link").Select(l => l.Attribute("href")!.Value)];
    }

    [Fact]
    public async Task FeedLinks_IgnoreAForeignHostHeader_AndUseThePublicBaseUrlWhenSet()
    {
        await using (var plain = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?> { ["Replay:Start"] = "Manual" }))
        {
            var links = await FeedLinksAsync(plain, "evil.example");
            Assert.NotEmpty(links);
            Assert.All(links, l => Assert.StartsWith(plain.BaseUrl.TrimEnd('/') + "/api/", l, StringComparison.Ordinal));
        }

        await using var configured = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?>
        {
            ["Replay:Start"] = "Manual",
            ["Server:PublicBaseUrl"] = "https://warn.zhongwei.example/",
        });
        Assert.All(await FeedLinksAsync(configured, "evil.example"), l => Assert.StartsWith("https://warn.zhongwei.example/api/", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryAnswer_CarriesTheSecurityHeaders()
    {
        await using var server = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?> { ["Replay:Start"] = "Manual" });
        foreach (var path in new[] { "/agriculture", "/api/districts", "/api/nowhere" })
        {
            using var response = await server.Http.GetAsync(path);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        }
    }

    [Fact]
    public async Task SignInThroughATlsProxy_GetsASecureCookie_AndPlainHttpDoesNot()
    {
        await using var server = await RunningServer.StartAsync(replay: true, TestAccounts.Settings());

        using var viaProxy = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { userName = TestAccounts.Operator, password = TestAccounts.Password }),
        };
        viaProxy.Headers.Add("X-Forwarded-Proto", "https");   // from loopback: a known proxy
        using var secure = await server.Http.SendAsync(viaProxy);
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Contains("secure", string.Join(";", secure.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);

        using var plain = await server.Http.PostAsJsonAsync("/api/auth/login", new { userName = TestAccounts.Operator, password = TestAccounts.Password });
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.DoesNotContain("secure", string.Join(";", plain.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Server:PublicBaseUrl", "warn.example.org", "PublicBaseUrl")]
    [InlineData("Server:PublicBaseUrl", "ftp://warn.example.org", "PublicBaseUrl")]
    [InlineData("Server:KnownProxies:0", "not-an-address", "KnownProxies:0")]
    public async Task ImpossibleProxySettings_RefuseStartUp(string key, string value, string named)
    {
        var error = new StringWriter();
        var code = await ClimateWarnHost.RunAsync(["--replay"], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Urls"] = "http://127.0.0.1:0", ["Paths:Data"] = Repo.TempDirectory(), [key] = value });
            b.Logging.ClearProviders();
        }, error);

        Assert.Equal(ExitCodes.ConfigurationError, code);
        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
        Assert.Contains(value, error.ToString(), StringComparison.Ordinal);
    }
}
