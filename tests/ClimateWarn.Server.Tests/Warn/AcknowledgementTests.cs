using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClimateWarn.Server.Tests.Warn;

/// <summary>Orange and red need a watch officer of each district; unanswered, they escalate; the timeline shows it all.</summary>
public sealed class AcknowledgementTests
{
    private static async Task<(RunningServer Server, string WarningId)> PublishedOrangeAsync(Dictionary<string, string?>? more = null)
    {
        var server = await RunningServer.StartAsync(replay: true, TestAccounts.Settings(more));
        await server.Service<WarningBoard>().StepAsync(0, SignalLevel.Orange, value: -5.2);
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        var draft = (await op.Http.GetFromJsonAsync<JsonElement>("/api/drafts")).EnumerateArray().Single();
        using var approved = await op.Http.PostAsJsonAsync($"/api/drafts/{draft.GetProperty("id").GetInt64()}/approve", new { rowVersion = 1 });
        approved.EnsureSuccessStatusCode();
        return (server, (await server.AllMessagesAsync())[0].Id);
    }

    [Fact]
    public async Task OfficerOfTheDistrict_Acknowledges_OthersCannot_AndTheTimelineShowsIt()
    {
        var (server, id) = await PublishedOrangeAsync();
        await using var _ = server;
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        var pending = await op.Http.GetFromJsonAsync<JsonElement>("/api/acks?pending=true");
        Assert.Equal("640521", Assert.Single(pending.EnumerateArray()).GetProperty("district").GetString());

        using var anonymous = await server.Http.PostAsJsonAsync($"/api/warnings/{id}/acknowledge", new { district = "640521" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var byOperator = await op.Http.PostAsJsonAsync($"/api/warnings/{id}/acknowledge", new { district = "640521" });
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        using var haiyuan = await server.SignInAsync(TestAccounts.HaiyuanOfficer, TestAccounts.Password);
        using var wrongDistrict = await haiyuan.Http.PostAsJsonAsync($"/api/warnings/{id}/acknowledge", new { district = "640521" });
        Assert.Equal(HttpStatusCode.Forbidden, wrongDistrict.StatusCode);
        using var noDistrict = await haiyuan.Http.PostAsJsonAsync($"/api/warnings/{id}/acknowledge", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noDistrict.StatusCode);
        using var unknown = await haiyuan.Http.PostAsJsonAsync("/api/warnings/nope/acknowledge", new { district = "640522" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        using var officer = await server.SignInAsync(TestAccounts.ZhongningOfficer, TestAccounts.Password);
        using var ack = await officer.Http.PostAsJsonAsync($"/api/warnings/{id}/acknowledge", new { district = "640521" });
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);

        Assert.Empty((await op.Http.GetFromJsonAsync<JsonElement>("/api/acks?pending=true")).EnumerateArray());
        var detail = await op.Http.GetFromJsonAsync<JsonElement>($"/api/warnings/{id}");
        var kinds = detail.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("Draft", kinds);
        Assert.Contains("Issued", kinds);
        Assert.Contains("Approved", kinds);
        Assert.Contains("Acknowledged", kinds);
        Assert.Equal(TestAccounts.ZhongningOfficer, detail.GetProperty("acks")[0].GetProperty("acknowledgedBy").GetString());
    }

    [Fact]
    public async Task Hub_AcknowledgeNeedsAWatchOfficer()
    {
        var (server, id) = await PublishedOrangeAsync();
        await using var _ = server;
        await using var anonymous = await server.ConnectAsync(cookies: null);
        await Assert.ThrowsAsync<HubException>(() => anonymous.Connection.InvokeAsync<Ack>("Acknowledge", id, "640521"));

        using var officer = await server.SignInAsync(TestAccounts.ZhongningOfficer, TestAccounts.Password);
        await using var hub = await server.ConnectAsync(officer.Cookies);
        var ack = await hub.Connection.InvokeAsync<Ack>("Acknowledge", id, "640521");

        Assert.Equal(TestAccounts.ZhongningOfficer, ack.AcknowledgedBy);
    }

    [Fact]
    public async Task Unacknowledged_Escalates_PushedAgainAndPostedToTheSecondChannel()
    {
        var posts = new ConcurrentQueue<string>();
        await using var receiver = await FakeUpstream.StartAsync();
        receiver.Default = async ctx =>
        {
            posts.Enqueue(ctx.Request.Headers["Idempotency-Key"].ToString());
            ctx.Response.StatusCode = 204;
            await Task.CompletedTask;
        };
        var settings = new Dictionary<string, string?>
        {
            ["Delivery:EscalationWebhooks:0:Name"] = "duty-sms",
            ["Delivery:EscalationWebhooks:0:Url"] = receiver.BaseUrl + "/escalate",
        };
        // The wall clock (people's time: acknowledgement deadlines, the escalation check) is a fake one here.
        var wall = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var server = await RunningServer.StartAsync(replay: true, TestAccounts.Settings(settings), s => s.AddSingleton<TimeProvider>(wall));
        await using var _ = server;
        await using var emergency = await server.ListenAsync("emergency", "640521");
        await server.Service<WarningBoard>().StepAsync(0, SignalLevel.Orange, value: -5.2);
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        var draft = (await op.Http.GetFromJsonAsync<JsonElement>("/api/drafts")).EnumerateArray().Single();
        using var approved = await op.Http.PostAsJsonAsync($"/api/drafts/{draft.GetProperty("id").GetInt64()}/approve", new { rowVersion = 1 });

        // Fourteen minutes on: not yet due. Past the 15-minute window: the escalation check (every 2 s of the same clock) escalates.
        var acks = server.Service<Acknowledgements>();
        wall.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(0, await acks.EscalateDueAsync(CancellationToken.None));
        wall.Advance(TimeSpan.FromMinutes(2));
        // Four checks at once besides the background one: together they escalate once. (An invariant, not a proof of the
        // conditional update: on SQLite this passed without it too, the checks being serialised by the database.)
        var escalated = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => acks.EscalateDueAsync(CancellationToken.None)));
        Assert.InRange(escalated.Sum(), 0, 1);
        Assert.True(await Eventually.HoldsAsync(() => !posts.IsEmpty && emergency.Events.Any(e => e.Event == "WarningEscalated"), TimeSpan.FromSeconds(30)));

        var id = (await server.AllMessagesAsync())[0].Id;
        Assert.Equal($"{id}:1:escalation:640521", Assert.Single(posts));
        Assert.Contains(emergency.Events, e => e.Event == "WarningEscalated" && e.Warning.Id == id);
        var ack = Assert.Single(await acks.ForAsync(id, pendingOnly: true, CancellationToken.None));
        Assert.NotNull(ack.EscalatedAt);
        var timeline = (await op.Http.GetFromJsonAsync<JsonElement>($"/api/warnings/{id}")).GetProperty("timeline").EnumerateArray();
        Assert.Contains(timeline, e => e.GetProperty("kind").GetString() == "Escalated" && e.GetProperty("district").GetString() == "640521");
        Assert.Contains(timeline, e => e.GetProperty("kind").GetString() == "Delivered");

        // Escalated once only.
        Assert.Equal(0, await acks.EscalateDueAsync(CancellationToken.None));
    }
}
