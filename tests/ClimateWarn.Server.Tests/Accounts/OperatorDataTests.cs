using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;

namespace ClimateWarn.Server.Tests.Accounts;

/// <summary>Operators' records (ingest, dead letters, deliveries, models, acknowledgements, audit) are for operators and admins; the public warning view names no one and shows no draft.</summary>
public sealed class OperatorDataTests
{
    [Theory]
    [InlineData("/api/ops/ingest")]
    [InlineData("/api/ops/dead-letters")]
    [InlineData("/api/ops/deliveries")]
    [InlineData("/api/ops/models")]
    [InlineData("/api/acks")]
    [InlineData("/api/audit")]
    public async Task OperatorData_Anonymous401_OperatorOk(string path)
    {
        await using var server = await RunningServer.StartAsync(replay: true, TestAccounts.Settings());
        using var anonymous = await server.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var op = await server.OperatorAsync();
        using var byOperator = await op.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, byOperator.StatusCode);
    }

    [Theory]
    [InlineData("/api/ops/ingest")]
    [InlineData("/api/ops/dead-letters")]
    [InlineData("/api/ops/deliveries")]
    [InlineData("/api/ops/models")]
    [InlineData("/api/audit")]
    public async Task OperatorData_WatchOfficer403(string path)
    {
        await using var server = await RunningServer.StartAsync(replay: true, TestAccounts.Settings());
        using var officer = await server.SignInAsync(TestAccounts.ZhongningOfficer, TestAccounts.Password);
        using var response = await officer.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task WarningView_Anonymous_NamesNoOfficer_SaysAcknowledgedPerDistrict()
    {
        await using var server = await RunningServer.StartAsync(replay: true, TestAccounts.Settings());
        await server.Service<WarningBoard>().StepAsync(0, SignalLevel.Orange, value: -5.2);
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        var draft = (await op.Http.GetFromJsonAsync<JsonElement>("/api/drafts")).EnumerateArray().Single();
        (await op.Http.PostAsJsonAsync($"/api/drafts/{draft.GetProperty("id").GetInt64()}/approve", new { rowVersion = 1 })).EnsureSuccessStatusCode();
        var id = (await server.AllMessagesAsync())[0].Id;
        using var officer = await server.SignInAsync(TestAccounts.ZhongningOfficer, TestAccounts.Password);
        (await officer.Http.PostAsJsonAsync($"/api/warnings/{id}/acknowledge", new { district = "640521" })).EnsureSuccessStatusCode();

        var full = await op.Http.GetStringAsync($"/api/warnings/{id}");
        Assert.Contains(TestAccounts.ZhongningOfficer, full, StringComparison.Ordinal);
        Assert.Contains(TestAccounts.Operator, full, StringComparison.Ordinal);
        foreach (var client in new[] { server.Http, officer.Http })
        {
            var shown = await client.GetStringAsync($"/api/warnings/{id}");
            Assert.DoesNotContain(TestAccounts.ZhongningOfficer, shown, StringComparison.Ordinal);
            Assert.DoesNotContain(TestAccounts.Operator, shown, StringComparison.Ordinal);
            var timeline = JsonDocument.Parse(shown).RootElement.GetProperty("timeline").EnumerateArray().ToList();
            Assert.Contains(timeline, e => e.GetProperty("kind").GetString() == "Acknowledged" && e.GetProperty("district").GetString() == "640521");
            Assert.Contains(timeline, e => e.GetProperty("kind").GetString() == "Issued");
        }
    }

    [Fact]
    public async Task WarningView_Anonymous_ShowsNoPendingDraft_NoEditNoReason()
    {
        await using var server = await RunningServer.StartAsync(replay: true, TestAccounts.Settings(new() { ["Warnings:ApprovalFrom:frost"] = "Blue" }));
        var board = server.Service<WarningBoard>();
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        await board.StepAsync(0, SignalLevel.Blue);
        var first = (await op.Http.GetFromJsonAsync<JsonElement>("/api/drafts")).EnumerateArray().Single();
        (await op.Http.PostAsJsonAsync($"/api/drafts/{first.GetProperty("id").GetInt64()}/approve", new { rowVersion = 1 })).EnsureSuccessStatusCode();
        var id = (await server.AllMessagesAsync())[0].Id;

        // An upgrade waits for approval: its draft, its edits and its rejection are the operators' business.
        await board.StepAsync(420, SignalLevel.Yellow);
        var pending = (await op.Http.GetFromJsonAsync<JsonElement>("/api/drafts")).EnumerateArray().Single();
        const string secretHeadline = "未发布的草稿标题 unpublished draft headline";
        (await op.Http.PostAsJsonAsync($"/api/drafts/{pending.GetProperty("id").GetInt64()}/edit",
            new { rowVersion = pending.GetProperty("rowVersion").GetInt32(), headlineZh = secretHeadline })).EnsureSuccessStatusCode();
        var full = await op.Http.GetStringAsync($"/api/warnings/{id}");
        Assert.Contains("Edited", full, StringComparison.Ordinal);
        Assert.Contains("Draft", full, StringComparison.Ordinal);

        var shown = await server.Http.GetStringAsync($"/api/warnings/{id}");
        Assert.DoesNotContain(secretHeadline, shown, StringComparison.Ordinal);
        Assert.DoesNotContain(TestAccounts.Operator, shown, StringComparison.Ordinal);
        var timeline = JsonDocument.Parse(shown).RootElement.GetProperty("timeline").EnumerateArray().ToList();
        Assert.DoesNotContain(timeline, e => e.GetProperty("kind").GetString() is "Draft" or "Edited" or "Approved" or "Rejected");
    }

    [Fact]
    public async Task PublicListAndHubPushes_NameNoApprover_OperatorsSeeIt()
    {
        await using var server = await RunningServer.StartAsync(replay: true, TestAccounts.Settings());
        await using var listener = await server.ListenAsync("emergency", "640521");
        await server.Service<ClimateWarn.Server.Warn.WarningBoard>().StepAsync(0, ClimateWarn.Core.Hazards.SignalLevel.Orange, value: -5.2);
        using var op = await server.OperatorAsync();
        var draft = (await op.Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/drafts")).EnumerateArray().Single();
        (await op.Http.PostAsJsonAsync($"/api/drafts/{draft.GetProperty("id").GetInt64()}/approve", new { rowVersion = 1 })).EnsureSuccessStatusCode();
        Assert.NotNull(Assert.Single(await server.AllMessagesAsync()).ApprovedBy);

        var anonymous = await server.Http.GetStringAsync("/api/warnings?afterSeq=0");
        Assert.DoesNotContain("approvedBy\":\"", anonymous, StringComparison.Ordinal);
        var forOperator = await op.Http.GetStringAsync("/api/warnings?afterSeq=0");
        Assert.Contains("approvedBy\":\"", forOperator, StringComparison.Ordinal);
        await Eventually.UntilAsync(() => !listener.Events.IsEmpty, TimeSpan.FromSeconds(20), "the approved warning is pushed");
        Assert.All(listener.Events, e => Assert.Null(e.Warning.ApprovedBy));
    }
}
