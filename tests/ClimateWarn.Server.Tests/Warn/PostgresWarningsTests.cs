using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;

namespace ClimateWarn.Server.Tests.Warn;

/// <summary>The same warnings database on a real PostgreSQL: its migrations apply, and the lifecycle and approval work on it.</summary>
public sealed class PostgresWarningsTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task OnPostgres_DraftApprovedAcknowledgedAndLifted_SurvivesARestart()
    {
        var settings = TestAccounts.Settings(new Dictionary<string, string?>
        {
            ["Warnings:Database:Provider"] = "Postgres",
            ["Warnings:Database:ConnectionString"] = postgres.ConnectionString,
        });
        await using (var server = await RunningServer.StartAsync(replay: true, settings))
        {
            var board = server.Service<WarningBoard>();
            await board.StepAsync(0, SignalLevel.Blue);
            await board.StepAsync(60, SignalLevel.Orange, value: -5.2);
            using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
            var draft = (await op.Http.GetFromJsonAsync<JsonElement>("/api/drafts")).EnumerateArray().Single();
            using var approved = await op.Http.PostAsJsonAsync($"/api/drafts/{draft.GetProperty("id").GetInt64()}/approve", new { rowVersion = 1 });
            approved.EnsureSuccessStatusCode();
            using var officer = await server.SignInAsync(TestAccounts.ZhongningOfficer, TestAccounts.Password);
            var id = (await server.AllMessagesAsync())[0].Id;
            using var ack = await officer.Http.PostAsJsonAsync($"/api/warnings/{id}/acknowledge", new { district = "640521" });
            ack.EnsureSuccessStatusCode();
        }

        // A second server on the same database: migrations are idempotent, accounts are not seeded twice, state is kept.
        await using var again = await RunningServer.StartAsync(replay: true, settings);
        var messages = await again.AllMessagesAsync();
        Assert.Equal([(WarningAction.Issued, SignalLevel.Blue), (WarningAction.Upgraded, SignalLevel.Orange)], messages.Select(m => (m.Action, m.Level)));
        Assert.Equal(messages[0].MessageId, messages[1].References);
        Assert.Equal(TestAccounts.Operator, messages[1].ApprovedBy);
        Assert.Equal(SignalLevel.Orange, Assert.Single(again.Service<WarningBoard>().Active).Level);
        using var op2 = await again.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        using var lifted = await op2.Http.PostAsJsonAsync($"/api/warnings/{messages[0].Id}/lift", new { reason = "test" });
        lifted.EnsureSuccessStatusCode();
        Assert.Equal(3, (await again.AllMessagesAsync()).Count);
        var detail = await again.Http.GetFromJsonAsync<JsonElement>($"/api/warnings/{messages[0].Id}");
        Assert.Contains(detail.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "Acknowledged");
    }
}
