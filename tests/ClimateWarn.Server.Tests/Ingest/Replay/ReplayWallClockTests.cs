using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Server.Ingest.Replay;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClimateWarn.Server.Tests.Ingest.Replay;

/// <summary>Issue 11, defect 1: the replay's simulated clock drives the pipeline only; people act on the wall clock.</summary>
public sealed class ReplayWallClockTests
{
    [Fact]
    public async Task SimulatedClockJumpsDays_SignInHolds_AndAuditAndLiftAreDatedByTheWallClock()
    {
        var wall = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
        await using var server = await RunningServer.StartAsync(replay: true, TestAccounts.Settings(), s => s.AddSingleton<TimeProvider>(wall));
        var replay = server.Service<ReplayClock>();
        replay.Set(BoardDriver.T0);
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);

        // The replay races ten simulated days on; one wall-clock minute passes.
        await server.Service<WarningBoard>().StepAsync(0, SignalLevel.Orange, value: -5.2);
        replay.Set(BoardDriver.T0.AddDays(10));
        wall.Advance(TimeSpan.FromMinutes(1));

        using var drafts = await op.Http.GetAsync("/api/drafts");
        Assert.Equal(HttpStatusCode.OK, drafts.StatusCode);
        var draft = (await drafts.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single();
        using var approved = await op.Http.PostAsJsonAsync($"/api/drafts/{draft.GetProperty("id").GetInt64()}/approve", new { rowVersion = draft.GetProperty("rowVersion").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var warning = (await server.AllMessagesAsync())[0];
        using var lifted = await op.Http.PostAsJsonAsync($"/api/warnings/{warning.Id}/lift", new { reason = "会商后解除" });
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);

        var audit = (await op.Http.GetFromJsonAsync<JsonElement>("/api/audit")).EnumerateArray().ToList();
        var at = audit.ToDictionary(a => a.GetProperty("action").GetString()!, a => a.GetProperty("at").GetDateTimeOffset());
        Assert.Equal(wall.GetUtcNow() - TimeSpan.FromMinutes(1), at["draft-created"]);
        Assert.Equal(wall.GetUtcNow(), at["approve"]);
        Assert.Equal(wall.GetUtcNow(), at["lift"]);

        // A farmer's subscription made now is dated by the wall clock too.
        using var subscribed = await server.Http.PostAsJsonAsync("/api/subscriptions", new { townships = new[] { "640521100" } });
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        var device = await subscribed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(wall.GetUtcNow(), device.GetProperty("createdAt").GetDateTimeOffset());
    }
}
