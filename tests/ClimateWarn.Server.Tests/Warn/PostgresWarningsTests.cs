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

    /// <summary>
    /// Eight escalation checks at the same moment on PostgreSQL — as two nodes' checks would meet if the escalation lock
    /// did not keep them apart (held here by the test, so the server's own tick stays out) — escalate each owed
    /// acknowledgement exactly once: one audit line each, one outbox row per escalation channel, and no check fails.
    /// Checked to fail without the conditional claim in Acknowledgements.EscalateDueAsync (the checks then escalate a
    /// row twice, and the second insert of its outbox rows breaks their unique key).
    /// </summary>
    [Fact]
    public async Task OnPostgres_ConcurrentEscalationChecks_EscalateEachAcknowledgementOnce()
    {
        var connection = await postgres.CreateDatabaseAsync("escalation");
        var wall = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var settings = TestAccounts.Settings(new Dictionary<string, string?>
        {
            ["Warnings:Database:Provider"] = "Postgres",
            ["Warnings:Database:ConnectionString"] = connection,
            ["Delivery:EscalationWebhooks:0:Name"] = "duty-sms",
            ["Delivery:EscalationWebhooks:0:Url"] = "http://127.0.0.1:9/escalate",
        });
        await using var server = await RunningServer.StartAsync(replay: true, settings,
            s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<TimeProvider>(s, wall));
        var board = server.Service<WarningBoard>();
        foreach (var district in TestPlaces.Catalog.Districts)
        {
            await board.StepAsync(0, SignalLevel.Orange, value: -5.2, district: district);
        }

        using var op = await server.SignInAsync(TestAccounts.Operator, TestAccounts.Password);
        foreach (var draft in (await op.Http.GetFromJsonAsync<JsonElement>("/api/drafts")).EnumerateArray())
        {
            using var approved = await op.Http.PostAsJsonAsync($"/api/drafts/{draft.GetProperty("id").GetInt64()}/approve", new { rowVersion = draft.GetProperty("rowVersion").GetInt32() });
            approved.EnsureSuccessStatusCode();
        }

        var acks = server.Service<Acknowledgements>();
        var owed = (await op.Http.GetFromJsonAsync<JsonElement>("/api/acks?pending=true")).GetArrayLength();
        Assert.Equal(TestPlaces.Catalog.Districts.Count, owed);

        // The server's own check takes the escalation lock each tick; holding it keeps that check out of the count.
        await using (var held = await server.Service<ClimateWarn.Server.Store.Relational.IClusterLock>().AcquireAsync("escalation", CancellationToken.None))
        {
            wall.Advance(TimeSpan.FromMinutes(16));
            using var start = new ManualResetEventSlim();
            var checks = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await acks.EscalateDueAsync(CancellationToken.None);
            })).ToList();
            start.Set();
            var escalated = await Task.WhenAll(checks);   // a check that failed (a broken unique key) fails the test here
            Assert.Equal(owed, escalated.Sum());
        }

        Assert.Equal(owed, await PostgresServer.ScalarAsync<long>(connection, "SELECT count(*) FROM audit WHERE \"Action\" = 'escalate'"));
        var perEscalation = server.Service<IDeliveryChannels>().ForEscalation("640521").Count;
        Assert.InRange(perEscalation, 1, 10);
        Assert.Equal(owed * perEscalation, await PostgresServer.ScalarAsync<long>(connection, "SELECT count(*) FROM outbox WHERE \"Channel\" LIKE 'escalation:%'"));
        Assert.Equal(owed, await PostgresServer.ScalarAsync<long>(connection, "SELECT count(*) FROM acks WHERE \"EscalatedAt\" IS NOT NULL"));
        Assert.Equal(0, await acks.EscalateDueAsync(CancellationToken.None));
    }
}
