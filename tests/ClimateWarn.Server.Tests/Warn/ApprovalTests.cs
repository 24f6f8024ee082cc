using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Store.Relational;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using ClimateWarn.Core.Hazards.Frost;

namespace ClimateWarn.Server.Tests.Warn;

/// <summary>Orange and red wait for an operator: approve, edit, reject, lift; all audited; nobody else may.</summary>
public sealed class ApprovalTests
{
    private static async Task<(RunningServer Server, JsonElement Draft)> OrangeDraftAsync(Dictionary<string, string?>? more = null)
    {
        var server = await RunningServer.StartAsync(replay: true, TestAccounts.Settings(more));
        await server.Service<WarningBoard>().StepAsync(0, SignalLevel.Orange, value: -5.2);
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        var drafts = await op.Http.GetFromJsonAsync<JsonElement>("/api/drafts");
        return (server, Assert.Single(drafts.EnumerateArray()));
    }

    [Fact]
    public async Task Orange_WaitsAsADraft_UntilAnOperatorApproves()
    {
        var (server, draft) = await OrangeDraftAsync();
        await using var _ = server;
        Assert.Empty(await server.AllMessagesAsync());
        Assert.Equal("orange", draft.GetProperty("warning").GetProperty("level").GetString());

        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        using var approved = await op.Http.PostAsJsonAsync($"/api/drafts/{draft.GetProperty("id").GetInt64()}/approve", new { rowVersion = draft.GetProperty("rowVersion").GetInt32() });

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var published = Assert.Single(await server.AllMessagesAsync());
        Assert.Equal((WarningAction.Issued, SignalLevel.Orange, TestAccounts.Operator), (published.Action, published.Level, published.ApprovedBy));
        var audit = await op.Http.GetFromJsonAsync<JsonElement>("/api/audit");
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("action").GetString() == "approve" && a.GetProperty("user").GetString() == TestAccounts.Operator);

        // Approving again: the draft is settled.
        using var again = await op.Http.PostAsJsonAsync($"/api/drafts/{draft.GetProperty("id").GetInt64()}/approve", new { rowVersion = draft.GetProperty("rowVersion").GetInt32() });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Edit_ChangesTextDistrictsAndValidity_IsAudited_AndAStaleVersionGets409()
    {
        var (server, draft) = await OrangeDraftAsync();
        await using var _ = server;
        var id = draft.GetProperty("id").GetInt64();
        var version = draft.GetProperty("rowVersion").GetInt32();
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        var until = BoardDriver.T0.AddHours(30);

        using var edited = await op.Http.PostAsJsonAsync($"/api/drafts/{id}/edit",
            new { rowVersion = version, headlineZh = "中卫市气象台发布霜冻橙色预警信号（人工订正）", districts = new[] { "640521", "640502" }, validTo = until });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var after = await edited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(version + 1, after.GetProperty("rowVersion").GetInt32());
        Assert.Equal("中卫市气象台发布霜冻橙色预警信号（人工订正）", after.GetProperty("warning").GetProperty("headlineZh").GetString());

        using var stale = await op.Http.PostAsJsonAsync($"/api/drafts/{id}/approve", new { rowVersion = version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType!.MediaType);
        Assert.Empty(await server.AllMessagesAsync());

        using var approved = await op.Http.PostAsJsonAsync($"/api/drafts/{id}/approve", new { rowVersion = version + 1 });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var published = Assert.Single(await server.AllMessagesAsync());
        Assert.Equal("中卫市气象台发布霜冻橙色预警信号（人工订正）", published.HeadlineZh);
        Assert.Equal(["640521", "640502"], published.Districts);
        Assert.Equal(until, published.ValidTo);

        var audit = (await op.Http.GetFromJsonAsync<JsonElement>($"/api/audit?target={published.Id}")).EnumerateArray().ToList();
        var edit = Assert.Single(audit, a => a.GetProperty("action").GetString() == "edit");
        Assert.Equal(TestAccounts.Operator, edit.GetProperty("user").GetString());
        Assert.Contains("districts: '640521' → '640521,640502'", edit.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"rowVersion\":1,\"districts\":[\"640599\"]}", "Unknown district code '640599'")]
    [InlineData("{\"rowVersion\":1,\"headlineZh\":\"\"}", "headlineZh must be")]
    [InlineData("{\"rowVersion\":1,\"validTo\":\"2020-01-01T00:00:00Z\"}", "must come after validFrom")]
    [InlineData("{\"rowVersion\":1}", "changes nothing")]
    [InlineData("{\"rowVersion\":\"one\"", "not the JSON this request takes")]
    public async Task BadEdits_Get400_AndChangeNothing(string body, string reason)
    {
        var (server, draft) = await OrangeDraftAsync();
        await using var _ = server;
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        var id = draft.GetProperty("id").GetInt64();

        using var response = await op.Http.PostAsync($"/api/drafts/{id}/edit", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var still = Assert.Single((await op.Http.GetFromJsonAsync<JsonElement>("/api/drafts")).EnumerateArray());
        Assert.Equal(draft.GetProperty("rowVersion").GetInt32(), still.GetProperty("rowVersion").GetInt32());
    }

    [Fact]
    public async Task Reject_PublishesNothing_AndTheSameSignalDoesNotDraftAgain()
    {
        var (server, draft) = await OrangeDraftAsync();
        await using var _ = server;
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        var id = draft.GetProperty("id").GetInt64();

        using var noReason = await op.Http.PostAsJsonAsync($"/api/drafts/{id}/reject", new { rowVersion = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        using var rejected = await op.Http.PostAsJsonAsync($"/api/drafts/{id}/reject", new { rowVersion = 1, reason = "实况地温偏高 ground observations are warmer" });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);

        await server.Service<WarningBoard>().StepAsync(60, SignalLevel.Orange, value: -5.2);
        Assert.Empty((await op.Http.GetFromJsonAsync<JsonElement>("/api/drafts")).EnumerateArray());
        Assert.Empty(await server.AllMessagesAsync());

        // Once the signal has ended, the next orange is a new episode and drafts again.
        await server.Service<WarningBoard>().StepAsync(120, null);
        await server.Service<WarningBoard>().StepAsync(180, SignalLevel.Orange, value: -5.5);
        Assert.Single((await op.Http.GetFromJsonAsync<JsonElement>("/api/drafts")).EnumerateArray());
    }

    [Fact]
    public async Task Lift_ByAnOperator_PublishesALiftAndTheEngineDoesNotReissueIt()
    {
        var (server, draft) = await OrangeDraftAsync();
        await using var _ = server;
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        using var approved = await op.Http.PostAsJsonAsync($"/api/drafts/{draft.GetProperty("id").GetInt64()}/approve", new { rowVersion = 1 });
        var warning = (await server.AllMessagesAsync())[0];

        using var lifted = await op.Http.PostAsJsonAsync($"/api/warnings/{warning.Id}/lift", new { reason = "会商后解除" });
        Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
        await server.Service<WarningBoard>().StepAsync(60, SignalLevel.Orange, value: -5.2);

        var messages = await server.AllMessagesAsync();
        Assert.Equal([WarningAction.Issued, WarningAction.Lifted], messages.Select(m => m.Action));
        Assert.Equal(TestAccounts.Operator, messages[1].ApprovedBy);
        using var unknown = await op.Http.PostAsJsonAsync("/api/warnings/nope/lift", new { reason = "test" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    /// <summary>An operator's rejection or lift is theirs until the signal ends: a restart in between does not undo it.</summary>
    [Theory]
    [InlineData("reject")]
    [InlineData("lift")]
    public async Task RejectionAndLift_HoldAcrossARestart_UntilTheSignalEnds(string decision)
    {
        var settings = new Dictionary<string, string?> { ["Paths:Data"] = Repo.TempDirectory() };
        var (server, draft) = await OrangeDraftAsync(settings);
        int before;
        await using (server)
        {
            using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
            var id = draft.GetProperty("id").GetInt64();
            if (decision == "reject")
            {
                using var rejected = await op.Http.PostAsJsonAsync($"/api/drafts/{id}/reject", new { rowVersion = 1, reason = "实况地温偏高" });
                Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
            }
            else
            {
                using var approved = await op.Http.PostAsJsonAsync($"/api/drafts/{id}/approve", new { rowVersion = 1 });
                var warning = (await server.AllMessagesAsync())[0];
                using var lifted = await op.Http.PostAsJsonAsync($"/api/warnings/{warning.Id}/lift", new { reason = "会商后解除" });
                Assert.Equal(HttpStatusCode.OK, lifted.StatusCode);
            }

            before = (await server.AllMessagesAsync()).Count;
        }

        await using var restarted = await RunningServer.StartAsync(replay: true, TestAccounts.Settings(settings));
        using var op2 = await restarted.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        await restarted.Service<WarningBoard>().StepAsync(60, SignalLevel.Orange, value: -5.2);

        Assert.Empty((await op2.Http.GetFromJsonAsync<JsonElement>("/api/drafts")).EnumerateArray());
        Assert.Equal(before, (await restarted.AllMessagesAsync()).Count);

        // The signal ends: the hold is over, and the next orange drafts again.
        await restarted.Service<WarningBoard>().StepAsync(120, null);
        await restarted.Service<WarningBoard>().StepAsync(180, SignalLevel.Orange, value: -5.5);
        Assert.Single((await op2.Http.GetFromJsonAsync<JsonElement>("/api/drafts")).EnumerateArray());
    }

    [Fact]
    public async Task AnUnreadableSuppressionRow_RefusesStartUp_NamingTheRow()
    {
        var settings = TestAccounts.Settings(new() { ["Paths:Data"] = Repo.TempDirectory() });
        await using (var first = await RunningServer.StartAsync(replay: true, settings))
        {
            var databases = first.App.Services.GetRequiredService<IDbContextFactory<WarningsDb>>();
            await using var db = await databases.CreateDbContextAsync();
            db.Suppressions.Add(new SuppressionRow { Hazard = "frost", District = "640521", Level = "Purple", By = "op", Since = 0 });
            await db.SaveChangesAsync();
        }

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => RunningServer.StartAsync(replay: true, settings));

        Assert.Contains("suppressions row frost/640521: its level 'Purple' is not Blue, Yellow, Orange or Red", StartupDataException.Find(refused)?.Message ?? refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnonymousFarmerAndWatchOfficer_CannotApproveOrLift_OverHttpOrTheHub()
    {
        var (server, draft) = await OrangeDraftAsync();
        await using var _ = server;
        var approve = $"/api/drafts/{draft.GetProperty("id").GetInt64()}/approve";

        using var anonymous = await server.Http.PostAsJsonAsync(approve, new { rowVersion = 1 });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        using var list = await server.Http.GetAsync("/api/drafts");
        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        using var officer = await server.SignInAsync(TestAccounts.ZhongningOfficer, TestAccounts.Password);
        using var forbidden = await officer.Http.PostAsJsonAsync(approve, new { rowVersion = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
        using var lift = await officer.Http.PostAsJsonAsync("/api/warnings/x/lift", new { });
        Assert.Equal(HttpStatusCode.Forbidden, lift.StatusCode);

        // A farmer has a device token, not an account; over the hub, anonymous and officer calls are refused too.
        using var device = await server.Http.PostAsJsonAsync("/api/subscriptions", new { townships = new[] { "640521100" }, crops = new[] { "goji" } });
        Assert.Equal(HttpStatusCode.Created, device.StatusCode);
        await using var farmer = await server.ConnectAsync(cookies: null);
        await Assert.ThrowsAsync<HubException>(() => farmer.Connection.InvokeAsync<Warning>("Approve", draft.GetProperty("id").GetInt64(), 1));
        await using var officerHub = await server.ConnectAsync(officer.Cookies);
        await Assert.ThrowsAsync<HubException>(() => officerHub.Connection.InvokeAsync<Warning>("Approve", draft.GetProperty("id").GetInt64(), 1));
        Assert.Empty(await server.AllMessagesAsync());

        // The operator can, over the hub as well.
        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        await using var opHub = await server.ConnectAsync(op.Cookies);
        var published = await opHub.Connection.InvokeAsync<Warning>("Approve", draft.GetProperty("id").GetInt64(), 1);
        Assert.Equal(FrostHazard.Id, published.Hazard);
    }
}
