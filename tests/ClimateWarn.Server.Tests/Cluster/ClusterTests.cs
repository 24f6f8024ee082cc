using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Server.Tests.Support;
using Xunit.Abstractions;

namespace ClimateWarn.Server.Tests.Cluster;

/// <summary>
/// Two ClimateWarn nodes (their own processes) on one PostgreSQL, one Redis and one InfluxDB, HAProxy in front: what a
/// node's death (SIGKILL) must not lose. Every engine is the real Debian package on loopback.
/// </summary>
[Collection(nameof(ClusterTests))]
public sealed class ClusterTests(ClusterFixture cluster, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    private static readonly string[] Districts = ["640502", "640521", "640522"];

    [Fact]
    public async Task HundredWarnings_WhileANodeIsKilled_EveryClientEndsWithAllInOrder_EachWebhookKeyOnce_OutboxDrains()
    {
        var keys = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await using var receiver = await FakeUpstream.StartAsync();
        receiver.Default = ctx =>
        {
            keys.AddOrUpdate(ctx.Request.Headers["Idempotency-Key"].ToString(), 1, (_, n) => n + 1);
            ctx.Response.StatusCode = 204;
            return Task.CompletedTask;
        };
        Dictionary<string, string?> Hooks() => new() { ["Delivery:Webhooks:0:Url"] = receiver.BaseUrl + "/hook", ["Delivery:Webhooks:0:Name"] = "county-emergency" };
        await using var a = await ClusterNode.StartAsync("node-a", cluster.NodeSettings(more: Hooks()));
        await using var b = await ClusterNode.StartAsync("node-b", cluster.NodeSettings(more: Hooks()));
        using var proxy = await HaproxyServer.StartAsync([a.Port, b.Port]);
        using var op = await SignInAsync(proxy.Url);
        var before = (await op.GetFromJsonAsync<JsonElement>("/api/warnings?active=false&limit=1")).GetProperty("lastSequence").GetInt64();

        var clients = new List<CatchUpClient>();
        for (var i = 0; i < 200; i += 20)
        {
            clients.AddRange(await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => CatchUpClient.ConnectAsync(proxy.Url, before, "emergency", Districts))));
        }

        var onA = await ConnectionsOnAsync(a.Url);
        output.WriteLine($"clients: {onA} on node A, {200 - onA} on node B (from node A's hub)");
        Assert.InRange(onA, 20, 180);

        var killedAt = TimeSpan.Zero;
        var killedWall = DateTimeOffset.MinValue;
        var clock = Stopwatch.StartNew();
        try
        {
            for (var n = 1; n <= 100; n++)
            {
                if (n == 50)
                {
                    a.Kill();
                    killedAt = clock.Elapsed;
                    killedWall = TimeProvider.System.GetUtcNow();
                }

                await ComposeAsync(op, n);
            }
        }
        catch (Exception) when (Dump(a, b))
        {
            throw;
        }

        // What was published, by the log every node shares: 100, or 101 if node A committed one whose answer died with it
        // (the operator's client then sent it again, as a person would).
        var expected = (await op.GetFromJsonAsync<JsonElement>($"/api/warnings?afterSeq={before}&limit=500")).GetProperty("warnings").EnumerateArray()
            .Select(w => w.GetProperty("sequence").GetInt64()).ToList();
        Assert.InRange(expected.Count, 100, 101);

        // Every client ends with every message of the log, in its order: nothing lost, none twice.
        await Eventually.UntilAsync(async () =>
        {
            await Task.WhenAll(clients.Select(c => c.SettleAsync()));
            return clients.All(c => c.Applied.Count == expected.Count);
        }, TimeSpan.FromSeconds(120), "every client has applied every message");
        foreach (var c in clients)
        {
            Assert.Equal(expected, c.Applied.ToList());
        }

        output.WriteLine($"node A killed {killedAt.TotalSeconds:0.0} s in; {clients.Sum(c => c.Reconnects)} reconnects, {clients.Sum(c => c.Repeats)} repeats dropped, "
            + $"{clients.Sum(c => c.Pushed)} pushes for {clients.Count * expected.Count} deliveries owed; the last client back on node B "
            + $"{(clients.Max(c => c.ReconnectedAt) - killedWall)?.TotalSeconds:0.0} s after the kill");
        Assert.All(clients.Where(c => c.Reconnects > 0), c => Assert.True(c.ReconnectedAt - killedWall < TimeSpan.FromSeconds(30), "a client of the dead node was back within 30 s"));

        // The webhook: every message's key arrives; a repeat (a node that died between the POST and marking it delivered) is counted.
        await Eventually.UntilAsync(() => Task.FromResult(expected.All(s => keys.Keys.Any(k => k.EndsWith($":{s}", StringComparison.Ordinal)))),
            TimeSpan.FromSeconds(90), "every message reaches the webhook");
        Assert.Equal(expected.Count, keys.Count);
        var repeats = keys.Values.Count(v => v > 1);
        output.WriteLine($"webhook: {keys.Count} keys, {repeats} received more than once (at most the rows node A had claimed when it died)");
        Assert.True(repeats <= 5, $"{repeats} webhook keys arrived twice: only the few in flight on node A when it died may");

        await Eventually.UntilAsync(async () => await cluster.QueryAsync<long>("SELECT count(*) FROM outbox WHERE \"Delivered\" IS NULL AND \"Parked\" IS NULL") == 0,
            TimeSpan.FromSeconds(60), "the outbox drains");
        Assert.Equal(0L, await cluster.QueryAsync<long>("SELECT count(*) FROM outbox WHERE \"Parked\" IS NOT NULL"));
        await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
    }

    [Fact]
    public async Task TheForecastJob_FiresOncePerSchedule_AndKeepsFiringAfterTheNodeRunningItDies()
    {
        // Every 5 s; Open-Meteo refuses, so each run is one failed ledger row per district, recorded in the shared ledger.
        var cron = "0/5 * * * * ?";
        await using var a = await ClusterNode.StartAsync("node-a", cluster.NodeSettings(cron));
        await using var b = await ClusterNode.StartAsync("node-b", cluster.NodeSettings(cron));
        var start = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        await Task.Delay(TimeSpan.FromSeconds(21));   // the schedules under test are wall-clock cron firings of two processes

        var runs = Runs(await cluster.LedgerAsync("open-meteo"), start);
        output.WriteLine($"two nodes, 21 s: {runs.Count} runs at {string.Join(", ", runs.Select(r => DateTimeOffset.FromUnixTimeMilliseconds(r).ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.InRange(runs.Count, 3, 5);
        Assert.All(runs.Zip(runs.Skip(1)), p => Assert.True(p.Second - p.First >= 4000, "two runs of one schedule: it fired on both nodes"));

        // Kill the node that ran the last one (whichever holds it, one of the two does); the other carries on.
        var last = runs[^1];
        var victim = a;
        a.Kill();
        var killed = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        await Eventually.UntilAsync(async () => Runs(await cluster.LedgerAsync("open-meteo"), killed).Count >= 2, TimeSpan.FromSeconds(60),
            "the surviving node runs the next schedules");
        var after = Runs(await cluster.LedgerAsync("open-meteo"), killed);
        output.WriteLine(System.FormattableString.Invariant($"{victim.Name} killed {DateTimeOffset.FromUnixTimeMilliseconds(killed):HH:mm:ss.fff} (last run before {DateTimeOffset.FromUnixTimeMilliseconds(last):HH:mm:ss.fff}); ")
            + $"next runs on node B at {string.Join(", ", after.Select(r => DateTimeOffset.FromUnixTimeMilliseconds(r).ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)))}: "
            + $"first {(after[0] - killed) / 1000.0:0.0} s after the kill");
        Assert.True(after[0] - killed < 15_000, "the surviving node ran the job within 15 s of the kill");
        // One run per schedule: a firing node A had taken when it died runs once, late, on node B (the misfire policy,
        // fire once and proceed), beside the schedules after it; none runs twice.
        var schedules = Enumerable.Range(1, 20).Select(i => (killed / 5000 + i) * 5000).Where(s => s <= after[^1]).ToList();
        Assert.Equal(schedules.Count, after.Count);
    }

    [Fact]
    public async Task AnOperatorSignedInThroughNodeA_ActsThroughNodeB()
    {
        await using var a = await ClusterNode.StartAsync("node-a", cluster.NodeSettings());
        await using var b = await ClusterNode.StartAsync("node-b", cluster.NodeSettings());
        var cookies = new CookieContainer();
        using var atA = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(a.Url) };
        using var login = await atA.PostAsJsonAsync("/api/auth/login", new { userName = TestAccounts.Operator, password = TestAccounts.Password });
        login.EnsureSuccessStatusCode();

        // The same cookie, sent to node B: B reads it with the key ring A wrote to the shared database.
        var cookie = cookies.GetCookieHeader(new Uri(a.Url));
        using var atB = new HttpClient { BaseAddress = new Uri(b.Url) };
        atB.DefaultRequestHeaders.Add("Cookie", cookie);
        using var drafts = await atB.GetAsync("/api/drafts");
        Assert.Equal(HttpStatusCode.OK, drafts.StatusCode);
        using var composed = await ComposeAsync(atB, 1, ensure: false);
        Assert.Equal(HttpStatusCode.OK, composed.StatusCode);
        var audit = await atB.GetFromJsonAsync<JsonElement>("/api/audit?limit=5");
        Assert.Contains(audit.EnumerateArray(), x => x.GetProperty("action").GetString() == "compose" && x.GetProperty("user").GetString() == TestAccounts.Operator);

        // Without it, node B refuses: the test can fail.
        using var anonymous = new HttpClient { BaseAddress = new Uri(b.Url) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/drafts")).StatusCode);
    }

    [Fact]
    public async Task PostgresRestarted_BothNodesSayNotReady_ThenRecoverWithoutARestart_NothingLost()
    {
        await using var a = await ClusterNode.StartAsync("node-a", cluster.NodeSettings());
        await using var b = await ClusterNode.StartAsync("node-b", cluster.NodeSettings());
        using var opA = await SignInAsync(a.Url);
        using var opB = await SignInAsync(b.Url);
        await ComposeAsync(opA, 1);
        var before = (await opA.GetFromJsonAsync<JsonElement>("/api/warnings?afterSeq=0&limit=500")).GetProperty("warnings").GetArrayLength();
        await using var client = await CatchUpClient.ConnectAsync(b.Url, 0, "emergency", Districts);

        await cluster.Postgres.StopAsync();
        var stopped = Stopwatch.StartNew();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        foreach (var node in new[] { a, b })
        {
            using var health = await http.GetAsync($"{node.Url}/health/node");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Contains("the warnings database", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var ready = await http.GetAsync($"{node.Url}/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }

        // A compose while the database is away is refused (nothing half-stored), not lost silently.
        using (var refused = await ComposeAsync(opB, 2, ensure: false))
        {
            // 503 naming the database, with Retry-After: trying again later is right, and nothing was stored.
            var body = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)refused.StatusCode} {body}");
            Assert.Contains("nothing was stored", body, StringComparison.Ordinal);
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));   // a few seconds of outage: the nodes' dispatchers, escalation and board re-reads all hit it
        await cluster.Postgres.StartAsync();
        await Eventually.UntilAsync(async () =>
        {
            using var ha = await http.GetAsync($"{a.Url}/health/node");
            using var hb = await http.GetAsync($"{b.Url}/health/node");
            return ha.IsSuccessStatusCode && hb.IsSuccessStatusCode;
        }, TimeSpan.FromSeconds(60), "both nodes are ready again, neither restarted");
        output.WriteLine($"PostgreSQL away {stopped.Elapsed.TotalSeconds:0.0} s until both nodes answered /health/node again");
        Assert.True(a.Running && b.Running, "neither node exited");

        // Nothing lost: what was stored before is there, and a message composed now on A reaches B's client.
        var after = (await opA.GetFromJsonAsync<JsonElement>("/api/warnings?afterSeq=0&limit=500")).GetProperty("warnings").GetArrayLength();
        Assert.Equal(before, after);
        // PostgreSQL's sequence jumps after its crash recovery (it logs 32 values ahead): the next number is higher, not next.
        using (var third = await ComposeAsync(opA, 3))
        {
            output.WriteLine($"compose after the restart: {(int)third.StatusCode} {(await third.Content.ReadAsStringAsync())[..200]}");
        }

        using (var atB = await http.GetAsync($"{b.Url}/api/warnings?afterSeq=0&limit=500"))
        {
            output.WriteLine($"node B's catch-up answer after the restart: {(int)atB.StatusCode} {(await atB.Content.ReadAsStringAsync())[..Math.Min(300, (int)(atB.Content.Headers.ContentLength ?? 300))]}");
            output.WriteLine($"client: applied {client.Applied.Count}, pushed {client.Pushed}, reconnects {client.Reconnects}, state {client.Connection.State}");
        }

        await Eventually.UntilAsync(async () =>
        {
            await client.SettleAsync();
            return client.Applied.Count == before + 1;
        }, TimeSpan.FromSeconds(30), "node B's client receives the message node A published after the restart");
        await Eventually.UntilAsync(async () => await cluster.QueryAsync<long>("SELECT count(*) FROM outbox WHERE \"Delivered\" IS NULL AND \"Parked\" IS NULL") == 0,
            TimeSpan.FromSeconds(30), "the outbox drains");
    }

    [Fact]
    public async Task BoardLockHeldByAnotherNode_AComposeWaitsAtMostLockWait_Answers503_ThenSucceedsOnceFree()
    {
        await using var a = await ClusterNode.StartAsync("node-a", cluster.NodeSettings(more: new() { ["Cluster:LockWait"] = "00:00:02" }));
        using var op = await SignInAsync(a.Url);
        await ComposeAsync(op, 1);

        // Another node in the middle of a decision that does not end: it holds the board's lock on its own connection.
        await using var other = new Npgsql.NpgsqlConnection(cluster.Postgres.ConnectionString);
        await other.OpenAsync();
        await using (var take = new Npgsql.NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended('climatewarn:warning-board', 0))", other))
        {
            await take.ExecuteScalarAsync();
        }

        var waited = Stopwatch.StartNew();
        using (var refused = await ComposeAsync(op, 2, ensure: false))
        {
            waited.Stop();
            var body = await refused.Content.ReadAsStringAsync();
            output.WriteLine($"with the lock held elsewhere: {(int)refused.StatusCode} after {waited.Elapsed.TotalSeconds:0.0} s: {body}");
            Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)refused.StatusCode} {body}");
            Assert.Contains("Cluster:LockWait", body, StringComparison.Ordinal);
            Assert.InRange(waited.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(15));
        }

        var sequences = (await op.GetFromJsonAsync<JsonElement>("/api/warnings?afterSeq=0&limit=500")).GetProperty("warnings").GetArrayLength();
        await using (var free = new Npgsql.NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended('climatewarn:warning-board', 0))", other))
        {
            Assert.Equal(true, await free.ExecuteScalarAsync());
        }

        using var accepted = await ComposeAsync(op, 3);
        var after = (await op.GetFromJsonAsync<JsonElement>("/api/warnings?afterSeq=0&limit=500")).GetProperty("warnings").GetArrayLength();
        Assert.Equal(sequences + 1, after);   // the refused compose stored nothing; the next one is stored once
    }

    [Fact]
    public async Task ReleasePlatform_DropsMadeByANodeThatDied_AreNotDroppedAgainByTheSurvivor_AndTheirAcknowledgementsSettleThem()
    {
        var drop = Repo.TempDirectory();
        var acks = Repo.TempDirectory();
        Dictionary<string, string?> Platform() => new()
        {
            // The platform's folders are shared by the nodes (a network share in production).
            ["ReleasePlatform:Enabled"] = "true",
            ["ReleasePlatform:DropDirectory"] = drop,
            ["ReleasePlatform:AckDirectory"] = acks,
            ["Delivery:RetryDelay"] = "00:00:01",
            ["Delivery:MaxRetryDelay"] = "00:00:02",
            ["Delivery:MaxAttempts"] = "1000",
        };
        await using var a = await ClusterNode.StartAsync("node-a", cluster.NodeSettings(more: Platform()));
        using var opA = await SignInAsync(a.Url);
        for (var n = 1; n <= 5; n++)
        {
            await ComposeAsync(opA, n);
        }

        async Task<List<JsonElement>> PlatformRowsAsync(HttpClient op) =>
            [.. (await op.GetFromJsonAsync<JsonElement>("/api/ops/delivery-log?limit=5000")).EnumerateArray().Where(d => d.GetProperty("channel").GetString() == "platform")];
        await Eventually.UntilAsync(async () => Directory.GetFiles(drop, "*.xml").Length == 5 && (await PlatformRowsAsync(opA)).Count == 5,
            TimeSpan.FromSeconds(30), "node A drops the five messages");
        var attemptsOnA = (await PlatformRowsAsync(opA)).Sum(r => r.GetProperty("attempts").GetInt32());

        // Node A dies awaiting the acknowledgements; node B takes the rows over once A's lease runs out and retries them.
        a.Kill();
        await using var b = await ClusterNode.StartAsync("node-b", cluster.NodeSettings(more: Platform()));
        using var opB = await SignInAsync(b.Url);
        await Eventually.UntilAsync(async () => (await PlatformRowsAsync(opB)).Sum(r => r.GetProperty("attempts").GetInt32()) >= attemptsOnA + 10,
            TimeSpan.FromSeconds(60), "node B retries each row (at least twice in all)");
        var rows = await PlatformRowsAsync(opB);
        output.WriteLine($"attempts: {attemptsOnA} on A before the kill, {rows.Sum(r => r.GetProperty("attempts").GetInt32())} now; last: {rows[0].GetProperty("lastError")}");
        Assert.All(rows, r => Assert.Contains("awaiting the platform's acknowledgement", r.GetProperty("lastError").GetString(), StringComparison.Ordinal));
        Assert.Equal(5, Directory.GetFiles(drop, "*.xml").Length);   // node B found A's drops in the shared database

        foreach (var file in Directory.GetFiles(drop, "*.xml"))
        {
            await File.WriteAllTextAsync(Path.Combine(acks, Path.GetFileNameWithoutExtension(file) + "_ack.xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><msg><data><rows><status>0</status><error_code></error_code><note>CAP文件上传成功！</note></rows></data></msg>");
        }

        await Eventually.UntilAsync(async () => (await PlatformRowsAsync(opB)).All(r => r.GetProperty("state").GetString() == "delivered"),
            TimeSpan.FromSeconds(30), "the acknowledgements, read by node B, settle every row");
        Assert.Equal(5, Directory.GetFiles(drop, "*.xml").Length);
        Assert.Equal(5, Directory.GetFiles(Path.Combine(acks, "processed")).Length);
    }

    [Fact]
    public async Task RedisKilledDuringABurst_EachNodesOwnClientsKeepGettingPushes_TheOthersGetThemWhenRedisReturns()
    {
        await using var a = await ClusterNode.StartAsync("node-a", cluster.NodeSettings(more: new() { ["Delivery:RetryDelay"] = "00:00:01", ["Delivery:MaxRetryDelay"] = "00:00:02" }));
        await using var b = await ClusterNode.StartAsync("node-b", cluster.NodeSettings(more: new() { ["Delivery:RetryDelay"] = "00:00:01", ["Delivery:MaxRetryDelay"] = "00:00:02" }));
        using var op = await SignInAsync(a.Url);
        var before = (await op.GetFromJsonAsync<JsonElement>("/api/warnings?active=false&limit=1")).GetProperty("lastSequence").GetInt64();
        var onA = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => CatchUpClient.ConnectAsync(a.Url, before, "emergency", Districts)));
        var onB = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => CatchUpClient.ConnectAsync(b.Url, before, "emergency", Districts)));

        cluster.Redis.Kill();
        for (var n = 1; n <= 10; n++)
        {
            await ComposeAsync(op, n);   // published by node A, whose dispatcher pushes
        }

        // Node A's own clients get every push while Redis is away (no catch-up needed: they were pushed, in order).
        await Eventually.UntilAsync(() => Task.FromResult(onA.All(c => c.Applied.Count == 10)), TimeSpan.FromSeconds(30),
            "node A's clients are pushed all ten while Redis is down");
        foreach (var line in a.Log.Where(l => l.Contains("backplane", StringComparison.Ordinal) || l.Contains("Delivery", StringComparison.Ordinal)).Take(12))
        {
            output.WriteLine("node A: " + line);
        }

        // Pushes go on: the last message, published seconds into the outage, was pushed to each of node A's clients. (A
        // publish in the instant Redis dies can vanish inside the Redis client without an error — seen here, one of ten —
        // and is recovered by the gap the next push shows; the pages also catch up every minute.)
        var last = (await op.GetFromJsonAsync<JsonElement>("/api/warnings?active=false&limit=1")).GetProperty("lastSequence").GetInt64();
        Assert.All(onA, c => Assert.Contains(last, c.PushedSequences));
        var onBDuring = onB.Sum(c => c.Applied.Count);
        output.WriteLine($"Redis down: node A's clients applied {onA.Sum(c => c.Applied.Count)}/100, {onA.Sum(c => c.Pushed)} of them by push; node B's {onBDuring}/100");

        await cluster.Redis.StartAsync();
        try
        {
            // Node B's clients get them by push when the outbox's retries go through Redis, or, if a retry went out before
            // node B's subscriptions were back (Redis pub/sub keeps nothing), by their catch-up (the pages': every minute).
            await Eventually.UntilAsync(async () =>
            {
                await Task.Delay(500);
                await Task.WhenAll(onB.Select(c => c.SettleAsync()));
                return onB.All(c => c.Applied.Count == 10);
            }, TimeSpan.FromSeconds(60), "node B's clients have every message once Redis is back");
        }
        catch (TimeoutException)
        {
            foreach (var (node, line) in a.Log.Select(l => ("A", l)).Concat(b.Log.Select(l => ("B", l))).Where(x => !x.l.Contains("Delivery of", StringComparison.Ordinal)).TakeLast(40))
            {
                output.WriteLine($"node {node}: {line[..Math.Min(line.Length, 300)]}");
            }

            throw;
        }
        var expected = (await op.GetFromJsonAsync<JsonElement>($"/api/warnings?afterSeq={before}&limit=500")).GetProperty("warnings").EnumerateArray()
            .Select(w => w.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(10, expected.Count);
        Assert.All(onA.Concat(onB), c => Assert.Equal(expected, c.Applied.ToList()));
        output.WriteLine($"Redis back: node B's clients {onB.Sum(c => c.Applied.Count)}/100, {onB.Sum(c => c.Pushed)} by push; repeats dropped on A: {onA.Sum(c => c.Repeats)}");

        // And the backplane is whole again: once both nodes have reconnected to Redis, a message node A publishes is pushed
        // to node B's clients. (A message published before node B's subscriptions are back reaches them by catch-up only,
        // so the check publishes again every few seconds until one is pushed.)
        var again = 11;
        await Eventually.UntilAsync(async () =>
        {
            using var next = await ComposeAsync(op, again++);
            var nextSeq = (await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sequence").GetInt64();
            return await Eventually.HoldsAsync(() => onB.All(c => c.PushedSequences.Contains(nextSeq)), TimeSpan.FromSeconds(5));
        }, TimeSpan.FromSeconds(90), "node B's clients are pushed node A's messages through Redis again");
        output.WriteLine($"backplane whole again after {again - 11} message(s) published once Redis was back");
        await Eventually.UntilAsync(async () => await cluster.QueryAsync<long>("SELECT count(*) FROM outbox WHERE \"Delivered\" IS NULL AND \"Parked\" IS NULL") == 0,
            TimeSpan.FromSeconds(30), "the outbox drains");
        foreach (var c in onA.Concat(onB))
        {
            await c.DisposeAsync();
        }
    }

    [Fact]
    public async Task AnUnacknowledgedWarning_EscalatesOnce_ThoughBothNodesCheckTheDeadline()
    {
        var window = new Dictionary<string, string?> { ["Warnings:AckWindow"] = "00:00:03" };
        await using var a = await ClusterNode.StartAsync("node-a", cluster.NodeSettings(more: window));
        await using var b = await ClusterNode.StartAsync("node-b", cluster.NodeSettings(more: window));
        using var op = await SignInAsync(a.Url);
        var now = TimeProvider.System.GetUtcNow();
        using var published = await op.PostAsJsonAsync("/api/warnings", new
        {
            hazard = "gale", level = "orange", districts = new[] { "640521" }, validFrom = now.AddHours(1), validTo = now.AddHours(13), reason = "cluster escalation",
        });
        published.EnsureSuccessStatusCode();
        var id = (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        // Both nodes check every 2 s; the deadline passes 3 s after publishing; give both several ticks past it.
        await Eventually.UntilAsync(async () => await cluster.QueryAsync<long>($"SELECT count(*) FROM acks WHERE \"WarningId\" = '{id}' AND \"EscalatedAt\" IS NOT NULL") > 0,
            TimeSpan.FromSeconds(30), "the unacknowledged orange warning escalates");
        await Task.Delay(TimeSpan.FromSeconds(6));
        var acks = await cluster.QueryAsync<long>($"SELECT count(*) FROM acks WHERE \"WarningId\" = '{id}'");
        var escalations = await cluster.QueryAsync<long>($"SELECT count(*) FROM audit WHERE \"Action\" = 'escalate' AND \"Target\" = '{id}'");
        output.WriteLine($"{acks} acknowledgement(s) owed, {escalations} escalation(s) recorded");
        Assert.True(acks > 0);
        Assert.Equal(acks, escalations);
    }

    /// <summary>On a failure, what the nodes logged at warning and above (their errors name the cause of a 500); never catches.</summary>
    private bool Dump(params ClusterNode[] nodes)
    {
        foreach (var node in nodes)
        {
            foreach (var line in node.Log.Where(l => !l.Contains("Delivery of", StringComparison.Ordinal)).TakeLast(60))
            {
                output.WriteLine($"{node.Name}: {line}");
            }
        }

        return false;
    }

    private static List<long> Runs(List<(string Key, long Recorded)> ledger, long since) =>
        [.. ledger.Where(r => r.Recorded >= since && r.Key.Contains(":640502:", StringComparison.Ordinal)).Select(r => r.Recorded).Distinct().Order()];

    private static async Task<int> ConnectionsOnAsync(string nodeUrl)
    {
        using var http = await SignInAsync(nodeUrl);
        var node = await http.GetFromJsonAsync<JsonElement>("/api/ops/cluster");
        Assert.True(node.GetProperty("clustered").GetBoolean());
        Assert.True(node.GetProperty("scheduler").GetProperty("jobStoreClustered").GetBoolean());
        return node.GetProperty("connections").GetInt32();
    }

    private static async Task<HttpClient> SignInAsync(string url)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { userName = TestAccounts.Operator, password = TestAccounts.Password });
        login.EnsureSuccessStatusCode();
        return http;
    }

    /// <summary>The n-th sandstorm yellow for Shapotou: the first issues, each next one continues it (its own message and sequence).</summary>
    private static async Task<HttpResponseMessage> ComposeAsync(HttpClient op, int n, bool ensure = true)
    {
        var now = TimeProvider.System.GetUtcNow();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var response = await op.PostAsJsonAsync("/api/warnings", new
                {
                    hazard = "sandstorm", level = "yellow", districts = new[] { "640502" }, validFrom = now.AddHours(1), validTo = now.AddHours(13),
                    reason = $"cluster test #{n}",
                });
                if (ensure && response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable && attempt < 20)
                {
                    response.Dispose();
                    await Task.Delay(250);   // HAProxy has not yet marked the dead node down
                    continue;
                }

                if (ensure)
                {
                    Assert.True(response.IsSuccessStatusCode, $"compose #{n}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }

                return response;
            }
            catch (HttpRequestException) when (ensure && attempt < 20)
            {
                await Task.Delay(250);
            }
        }
    }
}
