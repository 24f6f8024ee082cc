using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClimateWarn.Server.Tests.Accounts;

/// <summary>A logout or an expired sign-in ends the session everywhere: saved cookies and open hub connections.</summary>
public sealed class SessionTests
{
    private static readonly TimeSpan SignInLasts = TimeSpan.FromMinutes(2);

    private static async Task<RunningServer> OrangeDraftAsync(FakeTimeProvider? wall = null)
    {
        var server = await RunningServer.StartAsync(replay: true, TestAccounts.Settings(), s =>
        {
            if (wall is not null)
            {
                // A short sign-in (12 h in production), so the fake clock passes few of the server's periodic timers.
                s.AddSingleton<TimeProvider>(wall);
                s.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o => o.ExpireTimeSpan = SignInLasts);
            }
        });
        await server.Service<WarningBoard>().StepAsync(0, SignalLevel.Orange, value: -5.2);
        return server;
    }

    private static async Task<long> PendingDraftAsync(RunningServer.SignedIn op) =>
        (await op.Http.GetFromJsonAsync<JsonElement>("/api/drafts")).EnumerateArray().Single().GetProperty("id").GetInt64();

    [Fact]
    public async Task SavedCookie_AfterLogout_Is401()
    {
        var server = await OrangeDraftAsync();
        await using var _ = server;
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        var saved = op.Cookies.GetCookieHeader(new Uri(server.BaseUrl));
        using var before = new HttpRequestMessage(HttpMethod.Get, "/api/drafts") { Headers = { { "Cookie", saved } } };
        using var works = await server.Http.SendAsync(before);
        Assert.Equal(HttpStatusCode.OK, works.StatusCode);

        using var logout = await op.Http.PostAsync("/api/auth/logout", content: null);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        using var after = new HttpRequestMessage(HttpMethod.Get, "/api/drafts") { Headers = { { "Cookie", saved } } };
        using var refused = await server.Http.SendAsync(after);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        // Signing in again works, with a new cookie.
        using var again = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        using var drafts = await again.Http.GetAsync("/api/drafts");
        Assert.Equal(HttpStatusCode.OK, drafts.StatusCode);
    }

    [Fact]
    public async Task HubConnection_AfterLogout_CannotApprove()
    {
        var server = await OrangeDraftAsync();
        await using var _ = server;
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        var draft = await PendingDraftAsync(op);
        await using var hub = await server.ConnectAsync(op.Cookies);
        // The hub keeps the cookie it connected with; the logout happens elsewhere (another tab).
        var saved = op.Cookies.GetCookieHeader(new Uri(server.BaseUrl));
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout") { Headers = { { "Cookie", saved } } };
        using var loggedOut = await server.Http.SendAsync(logout);
        Assert.Equal(HttpStatusCode.NoContent, loggedOut.StatusCode);

        await Assert.ThrowsAnyAsync<Exception>(() => hub.Connection.InvokeAsync<Warning>("Approve", draft, 1).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(await server.AllMessagesAsync());
    }

    [Fact]
    public async Task HubConnection_AfterTheSignInExpired_CannotApprove()
    {
        var wall = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var server = await OrangeDraftAsync(wall);
        await using var _ = server;
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        var draft = await PendingDraftAsync(op);
        await using var hub = await server.ConnectAsync(op.Cookies);

        // The cookie runs on people's clock; past its end, HTTP answers 401 and the open connection may not approve.
        wall.Advance(SignInLasts + TimeSpan.FromSeconds(1));
        using var expired = await op.Http.GetAsync("/api/drafts");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        var refusal = await Assert.ThrowsAsync<HubException>(() => hub.Connection.InvokeAsync<Warning>("Approve", draft, 1).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("sign in again", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(await server.AllMessagesAsync());
    }
}
