using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using ClimateWarn.Server.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClimateWarn.Server.Tests.Deliver;

/// <summary>Webhook delivery through the outbox, against local Kestrel receivers that go away, misbehave and return.</summary>
[Collection(TimingSensitive.Name)]
public sealed class DeliveryTests
{
    private static Dictionary<string, string?> Replay(int webhookPort, string? dataDirectory = null, string start = "Auto") => new()
    {
        ["Replay:Start"] = start,
        ["Warnings:ApprovalFrom:frost"] = "None", // delivery is under test here, not approval
        ["Replay:StartDelay"] = "00:00:00",
        ["Replay:Speed"] = "1000000000",
        ["Replay:From"] = "2021-03-15T00:00:00Z",
        ["Delivery:Webhooks:0:Name"] = "sms",
        ["Delivery:Webhooks:0:Url"] = $"http://127.0.0.1:{webhookPort}/hook",
        ["Delivery:RetryDelay"] = "00:00:00.500",
        ["Delivery:MaxRetryDelay"] = "00:00:05",
        ["Delivery:MaxAttempts"] = "1000",
        ["Delivery:AttemptTimeout"] = "00:00:02",
    };

    private static async Task<JsonElement[]> PendingWebhooksAsync(RunningServer server) =>
        [.. (await (await server.OperatorHttpAsync()).GetFromJsonAsync<JsonElement>("/api/ops/deliveries?pending=true")).EnumerateArray().Where(d => d.GetProperty("channel").GetString() == "webhook:sms")];

    private static Func<HttpContext, Task> Recorder(ConcurrentQueue<string> keys) => ctx =>
    {
        keys.Enqueue(ctx.Request.Headers["Idempotency-Key"].ToString());
        ctx.Response.StatusCode = 204;
        return Task.CompletedTask;
    };

    [Fact]
    public async Task WebhookDownForTwoMinutes_ThenUp_GetsEveryMessageOncePerIdempotencyKey()
    {
        var keys = new ConcurrentQueue<string>();
        await using var receiver = await FakeUpstream.StartAsync();
        receiver.Default = Recorder(keys);
        receiver.Down = true;
        // Retries run on the wall clock, a fake one here: two minutes of outage pass in a moment.
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var server = await RunningServer.StartAsync(replay: true, Replay(receiver.Port), s => s.AddSingleton<TimeProvider>(clock));
        await server.ReplayFinishedAsync(TimeSpan.FromMinutes(2));
        var messages = await server.AllMessagesAsync();
        Assert.True(messages.Count >= 5, $"the replay of 15–31 March should publish several messages, got {messages.Count}");
        Assert.Equal(messages.Count, (await PendingWebhooksAsync(server)).Length);

        for (var s = 0; s < 120; s++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(25);
        }

        Assert.Equal(messages.Count, (await PendingWebhooksAsync(server)).Length);
        Assert.All(await PendingWebhooksAsync(server), d => Assert.True(d.GetProperty("attempts").GetInt32() >= 1, "the dispatcher kept trying while the webhook was down"));
        Assert.Empty(keys);
        receiver.Down = false;
        await Eventually.UntilAsync(async () =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return (await PendingWebhooksAsync(server)).Length == 0;
        }, TimeSpan.FromMinutes(1), "every delivery owed is made once the webhook is back");

        Assert.Equal(messages.Select(m => $"{m.Id}:{m.Sequence}").Order(), keys.Order());
    }

    [Fact]
    public async Task WebhookAnsweringGarbageOrHanging_IsRetriedThenParkedWithTheReason()
    {
        await using var broken = await FakeUpstream.StartAsync();
        broken.Default = async ctx =>
        {
            if (ctx.Request.Path == "/hang")
            {
                await Task.Delay(TimeSpan.FromSeconds(20), ctx.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            ctx.Response.StatusCode = 500;
            await ctx.Response.WriteAsync("<html>oops</html>");
        };
        var settings = Replay(0);
        settings["Delivery:Webhooks:0:Url"] = broken.BaseUrl + "/garbage";
        settings["Delivery:Webhooks:1:Name"] = "robot";
        settings["Delivery:Webhooks:1:Url"] = broken.BaseUrl + "/hang";
        settings["Delivery:MaxAttempts"] = "3";
        settings["Delivery:RetryDelay"] = "00:00:00.100";
        settings["Delivery:AttemptTimeout"] = "00:00:01";
        settings["Replay:To"] = "2021-03-18T00:00:00Z";
        await using var server = await RunningServer.StartAsync(replay: true, settings);

        await Eventually.UntilAsync(async () =>
        {
            var all = (await (await server.OperatorHttpAsync()).GetFromJsonAsync<JsonElement>("/api/ops/deliveries")).EnumerateArray().ToList();
            return all.Count > 0 && all.Where(d => d.GetProperty("channel").GetString()!.StartsWith("webhook:", StringComparison.Ordinal))
                .All(d => d.GetProperty("parked").ValueKind == JsonValueKind.String);
        }, TimeSpan.FromMinutes(1), "both webhooks are parked");

        var rows = (await (await server.OperatorHttpAsync()).GetFromJsonAsync<JsonElement>("/api/ops/deliveries")).EnumerateArray().ToList();
        Assert.Contains(rows, d => d.GetProperty("channel").GetString() == "webhook:sms" && d.GetProperty("parked").GetString()!.Contains("gave up after 3 attempts: HTTP 500: <html>oops</html>", StringComparison.Ordinal));
        Assert.Contains(rows, d => d.GetProperty("channel").GetString() == "webhook:robot" && d.GetProperty("parked").GetString()!.Contains("no answer within 1 s", StringComparison.Ordinal));
        Assert.All(rows.Where(d => d.GetProperty("channel").GetString() == "signalr"), d => Assert.Equal(JsonValueKind.String, d.GetProperty("delivered").ValueKind));
    }

    [Fact]
    public async Task ServerRestarted_OutboxDrainsAfterTheRestart()
    {
        var keys = new ConcurrentQueue<string>();
        await using var receiver = await FakeUpstream.StartAsync();
        receiver.Default = Recorder(keys);
        receiver.Down = true;
        var port = receiver.Port;
        string data;
        List<string> expected;
        await using (var first = await RunningServer.StartAsync(replay: true, Replay(port)))
        {
            await first.ReplayFinishedAsync(TimeSpan.FromMinutes(2));
            expected = [.. (await first.AllMessagesAsync()).Select(m => $"{m.Id}:{m.Sequence}")];
            data = first.DataDirectory;
        }

        receiver.Down = false;
        var settings = Replay(port, start: "Manual");
        settings["Paths:Data"] = data;
        await using var second = await RunningServer.StartAsync(replay: true, settings);
        await Eventually.UntilAsync(async () => (await PendingWebhooksAsync(second)).Length == 0, TimeSpan.FromMinutes(1), "the outbox drains after the restart");

        Assert.True(expected.Count >= 5, $"the replay of 15–31 March should publish several messages, got {expected.Count}");
        Assert.Equal(expected.Order(), keys.Order());
    }
}
