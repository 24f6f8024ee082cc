using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Server.Deliver;
using ClimateWarn.Server.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClimateWarn.Server.Tests.Deliver;

/// <summary>Anonymous writes and hub calls are limited per client; unused subscriptions expire; refusals log one line each.</summary>
public sealed class AbuseLimitTests
{
    private static readonly object Ningan = new { townships = new[] { "640521100" } };

    [Fact]
    public async Task Subscriptions_OneMoreThanTheLimitFromOneClient_Is429WithRetryAfter()
    {
        await using var server = await RunningServer.StartAsync(replay: true, TestAccounts.Settings(new()
        {
            ["RateLimits:AnonymousWrites"] = "3",
            ["RateLimits:AnonymousWritesWindow"] = "00:10:00",
        }));
        for (var i = 0; i < 3; i++)
        {
            using var created = await server.Http.PostAsJsonAsync("/api/subscriptions", Ningan);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var refused = await server.Http.PostAsJsonAsync("/api/subscriptions", Ningan);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        Assert.Contains("请求过于频繁", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), StringComparison.Ordinal);
        using var reading = await server.Http.GetAsync("/api/warnings");
        Assert.Equal(HttpStatusCode.OK, reading.StatusCode);
    }

    [Fact]
    public async Task HubCalls_OneMoreThanTheLimitFromOneClient_AreRefused()
    {
        await using var server = await RunningServer.StartAsync(replay: true, TestAccounts.Settings(new()
        {
            ["RateLimits:HubCalls"] = "3",
            ["RateLimits:HubCallsWindow"] = "00:10:00",
        }));
        await using var client = await server.ConnectAsync(cookies: null);
        for (var i = 0; i < 3; i++)
        {
            await client.Connection.InvokeAsync<Subscription>("Subscribe", "agriculture", new[] { "640521" });
        }

        var refused = await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync<Subscription>("Subscribe", "agriculture", new[] { "640521" }));
        Assert.Contains("请求过于频繁", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedHubCalls_LogOneLineEach_NoStackTrace()
    {
        var logs = new CapturedLogs();
        await using var server = await RunningServer.StartAsync(replay: true, TestAccounts.Settings(new()
        {
            // As shipped (appsettings.json), so the test sees what an operator's log would.
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["RateLimits:HubCalls"] = "4",
            ["RateLimits:HubCallsWindow"] = "00:10:00",
        }), services => services.AddSingleton<ILoggerProvider>(logs));
        await using var client = await server.ConnectAsync(cookies: null);
        await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync<object>("Acknowledge", "w", "640521"));
        await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync<object>("Approve", 1L, 1));
        await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync<Subscription>("Subscribe", "nobody", new[] { "640521" }));
        await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync<Subscription>("SubscribeDevice", "no-such-token"));
        await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync<Subscription>("SubscribeDevice", "over-the-limit"));

        var written = logs.Entries.Where(e => e.Level >= LogLevel.Information).ToList();
        Assert.DoesNotContain(written, e => e.Exception is not null || e.Text.Contains("   at ", StringComparison.Ordinal));
        var refusals = written.Where(e => e.Category.StartsWith("ClimateWarn", StringComparison.Ordinal) && e.Text.Contains("refused", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, refusals.Count);
        Assert.All(refusals, e => Assert.DoesNotContain('\n', e.Text));
    }

    private static async Task<string> CreateAsync(RunningServer server)
    {
        using var created = await server.Http.PostAsJsonAsync("/api/subscriptions", Ningan);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }
}

/// <summary>Subscriptions nobody uses expire; one a phone still reads stays. Days pass on a fake clock given to the subscriptions alone.</summary>
public sealed class SubscriptionExpiryTests
{
    [Fact]
    public async Task UnusedForTheExpiryPeriod_IsDeleted_AUsedOneStays()
    {
        await using var server = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?> { ["Replay:Start"] = "Manual" });
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var devices = new ClimateWarn.Server.Deliver.Devices(
            server.Service<Microsoft.EntityFrameworkCore.IDbContextFactory<ClimateWarn.Server.Store.Relational.WarningsDb>>(),
            server.Service<ClimateWarn.Core.Places.PlaceCatalog>(), server.Service<ClimateWarn.Server.Bureau.AdviceCatalog>(), clock);
        var request = new ClimateWarn.Server.Deliver.DeviceRequest(["640521100"], []);
        var used = (await devices.CreateAsync(request, CancellationToken.None)).Value!;
        var forgotten = (await devices.CreateAsync(request, CancellationToken.None)).Value!;

        clock.Advance(TimeSpan.FromDays(100));
        Assert.NotNull(await devices.GetAsync(used.Token, CancellationToken.None));   // the phone reads its subscription
        Assert.Equal(0, await devices.ExpireAsync(TimeSpan.FromDays(180), CancellationToken.None));
        clock.Advance(TimeSpan.FromDays(100));

        Assert.Equal(1, await devices.ExpireAsync(TimeSpan.FromDays(180), CancellationToken.None));
        Assert.NotNull(await devices.GetAsync(used.Token, CancellationToken.None));
        Assert.Null(await devices.GetAsync(forgotten.Token, CancellationToken.None));
        using var gone = await server.Http.GetAsync($"/api/subscriptions/{forgotten.Token}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
    }
}
