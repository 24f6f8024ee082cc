using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Server.Store.Relational;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClimateWarn.Server.Tests.Hosting;

/// <summary>Input the attack run sent: null items, control characters, empty edits, huge values; each refused with 400/409/413 and a reason, nothing stored.</summary>
public sealed class BadInputTests
{
    private static async Task<(RunningServer Server, long DraftId)> OrangeDraftAsync()
    {
        var server = await RunningServer.StartAsync(replay: true, TestAccounts.Settings());
        await server.Service<WarningBoard>().StepAsync(0, SignalLevel.Orange, value: -5.2);
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        var draft = Assert.Single((await op.Http.GetFromJsonAsync<JsonElement>("/api/drafts")).EnumerateArray());
        return (server, draft.GetProperty("id").GetInt64());
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string> DetailOfAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.DoesNotContain("System.", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("ClimateWarn.", detail, StringComparison.Ordinal);
        return detail;
    }

    private static async Task<int> DevicesAsync(RunningServer server)
    {
        await using var db = await server.Service<IDbContextFactory<WarningsDb>>().CreateDbContextAsync();
        return await db.Devices.CountAsync();
    }

    [Fact]
    public async Task Subscription_WithANullTownshipOrCrop_Is400_AndNothingIsStored()
    {
        await using var server = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?> { ["Replay:Start"] = "Manual" });

        using var nullTownship = await server.Http.PostAsync("/api/subscriptions", Json("""{"townships":[null]}"""));
        Assert.Contains("null", await DetailOfAsync(nullTownship, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        using var nullCrop = await server.Http.PostAsync("/api/subscriptions", Json("""{"townships":["640521100"],"crops":[null]}"""));
        Assert.Contains("crops", await DetailOfAsync(nullCrop, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        using var numberTownship = await server.Http.PostAsync("/api/subscriptions", Json("""{"townships":[640521100]}"""));
        await DetailOfAsync(numberTownship, HttpStatusCode.BadRequest);

        Assert.Equal(0, await DevicesAsync(server));
    }

    [Fact]
    public async Task DraftEdit_WithANullDistrictOrAControlCharacter_Is400_AndTheDraftStillApproves()
    {
        var (server, id) = await OrangeDraftAsync();
        await using var _ = server;
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);

        using var nullDistrict = await op.Http.PostAsync($"/api/drafts/{id}/edit", Json("""{"rowVersion":1,"districts":[null]}"""));
        Assert.Contains("null", await DetailOfAsync(nullDistrict, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        using var nul = await op.Http.PostAsync($"/api/drafts/{id}/edit", Json("""{"rowVersion":1,"headlineZh":"霜冻\u0000橙色"}"""));
        Assert.Contains("U+0000", await DetailOfAsync(nul, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        using var bell = await op.Http.PostAsync($"/api/drafts/{id}/edit", Json("""{"rowVersion":1,"descriptionEn":"ring \u0007"}"""));
        Assert.Contains("U+0007", await DetailOfAsync(bell, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        using var reject = await op.Http.PostAsync($"/api/drafts/{id}/reject", Json("""{"rowVersion":1,"reason":"x\u001f"}"""));
        await DetailOfAsync(reject, HttpStatusCode.BadRequest);

        // Nothing was saved: the draft is still at row version 1 and approves.
        using var approved = await op.Http.PostAsJsonAsync($"/api/drafts/{id}/approve", new { rowVersion = 1 });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var published = Assert.Single(await server.AllMessagesAsync());
        Assert.DoesNotContain('\0', published.HeadlineZh);

        using var lift = await op.Http.PostAsync($"/api/warnings/{published.Id}/lift", Json("""{"reason":"解除\u0000"}"""));
        await DetailOfAsync(lift, HttpStatusCode.BadRequest);
        Assert.Single(await server.AllMessagesAsync());
    }

    [Fact]
    public async Task DraftEdit_WithoutARowVersion_Is400SayingSo()
    {
        var (server, id) = await OrangeDraftAsync();
        await using var _ = server;
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);

        using var empty = await op.Http.PostAsync($"/api/drafts/{id}/edit", Json("{}"));

        Assert.Equal("rowVersion is required.", await DetailOfAsync(empty, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task AStoredTextWithAControlCharacter_NeverBreaksTheCapDocumentOrTheFeed()
    {
        var settings = new Dictionary<string, string?> { ["Replay:Start"] = "Manual" };
        string data;
        string id;
        await using (var first = await RunningServer.StartAsync(replay: true, settings))
        {
            await first.Service<WarningBoard>().StepAsync(0, SignalLevel.Blue);
            id = Assert.Single(await first.AllMessagesAsync()).Id;
            data = first.DataDirectory;
            // What an earlier version let in: a NUL in the stored headline.
            await using var db = await first.Service<IDbContextFactory<WarningsDb>>().CreateDbContextAsync();
            var row = await db.Messages.SingleAsync();
            row.Json = row.Json.Replace("\"headlineZh\":\"", "\"headlineZh\":\"\\u0000", StringComparison.Ordinal);
            await db.SaveChangesAsync();
        }

        settings["Paths:Data"] = data;
        await using var server = await RunningServer.StartAsync(replay: true, settings);
        Assert.Contains('\0', Assert.Single(await server.AllMessagesAsync()).HeadlineZh);

        using var cap = await server.Http.GetAsync($"/api/warnings/{id}/cap");
        Assert.Equal(HttpStatusCode.OK, cap.StatusCode);
        var alert = XDocument.Parse(await cap.Content.ReadAsStringAsync());
        Assert.Contains("\uFFFD", alert.Root!.Value, StringComparison.Ordinal);
        using var feed = await server.Http.GetAsync("/api/cap/feed.atom");
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        XDocument.Parse(await feed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task HugeOrMistypedValues_AreRefusedWithoutEchoingThem()
    {
        await using var server = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?> { ["Replay:Start"] = "Manual" });
        var huge = new string('9', 5_000) + "x";   // within Kestrel's 8 KB request line; longer gets 414 before any handler

        using var query = await server.Http.GetAsync($"/api/warnings?afterSeq={huge}");
        var detail = await DetailOfAsync(query, HttpStatusCode.BadRequest);
        Assert.True(detail.Length <= 401, $"the answer quotes {detail.Length} characters");
        Assert.Contains("afterSeq", detail, StringComparison.Ordinal);

        using var body = await server.Http.PostAsync("/api/subscriptions", Json($$"""{"townships":["{{new string('a', 2_000_000)}}"]}"""));
        Assert.Contains("大小", await DetailOfAsync(body, HttpStatusCode.RequestEntityTooLarge), StringComparison.Ordinal);

        using var mistyped = await server.Http.PostAsync("/api/subscriptions", Json("""{"townships":"640521100"}"""));
        Assert.Contains("townships", await DetailOfAsync(mistyped, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        using var broken = await server.Http.PostAsync("/api/subscriptions", Json("""{"townships":["""));
        await DetailOfAsync(broken, HttpStatusCode.BadRequest);
        Assert.Equal(0, await DevicesAsync(server));
    }

    [Fact]
    public async Task AcknowledgingAWarningAlreadyLifted_Is409()
    {
        var (server, draftId) = await OrangeDraftAsync();
        await using var _ = server;
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        (await op.Http.PostAsJsonAsync($"/api/drafts/{draftId}/approve", new { rowVersion = 1 })).EnsureSuccessStatusCode();
        var id = Assert.Single(await server.AllMessagesAsync()).Id;
        (await op.Http.PostAsJsonAsync($"/api/warnings/{id}/lift", new { reason = "霜冻已结束 / frost over" })).EnsureSuccessStatusCode();

        using var officer = await server.SignInAsync(TestAccounts.ZhongningOfficer, TestAccounts.Password);
        using var ack = await officer.Http.PostAsJsonAsync($"/api/warnings/{id}/acknowledge", new { district = "640521" });

        Assert.Contains("no longer in force", await DetailOfAsync(ack, HttpStatusCode.Conflict), StringComparison.Ordinal);
        await using var hub = await server.ConnectAsync(officer.Cookies);
        var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(
            () => hub.Connection.InvokeAsync<Ack>("Acknowledge", id, "640521"));
        Assert.Contains("no longer in force", refused.Message, StringComparison.Ordinal);
    }
}
