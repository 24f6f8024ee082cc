using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Assess;
using ClimateWarn.Server.Deliver;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ClimateWarn.Core.Hazards.Frost;

namespace ClimateWarn.Bench;

/// <summary>
/// From a warning's commit (the board storing it with its outbox rows) to its receipt by N SignalR clients on loopback,
/// against a raw WebSocket broadcast of the same JSON payload from a plain Kestrel endpoint, in the same run.
/// Goals on 2 cores: p99 under 1 s, and at most 2× the raw broadcast.
/// </summary>
public static class DeliveryBench
{
    private const int Messages = 20;

    /// <summary>First messages on each path are not measured: first use of the code paths on 1,000 connections.</summary>
    private const int WarmUp = 2;

    public static async Task<int> RunAsync(int clients)
    {
        var signalr = await SignalRAsync(clients);
        var raw = await RawAsync(clients, signalr.Payload);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"clients: {clients}, messages: {Messages} measured after {WarmUp} warm-up, payload {signalr.Payload.Length} bytes\n" +
            $"SignalR (commit → receipt): p50 {signalr.P50:0.0} ms, p99 {signalr.P99:0.0} ms, receipts {signalr.Receipts}/{clients * Messages} (goal p99 < 1000 ms)\n" +
            $"raw WebSocket broadcast:    p50 {raw.P50:0.0} ms, p99 {raw.P99:0.0} ms, receipts {raw.Receipts}/{clients * Messages}\n" +
            $"ratio p99 SignalR/raw: {signalr.P99 / raw.P99:0.00} (goal ≤ 2)"));
        return 0;
    }

    private sealed record Result(double P50, double P99, int Receipts, byte[] Payload);

    private static async Task<Result> SignalRAsync(int clients)
    {
        // Each message alternates the level; hysteresis off, so every step is a delivered message.
        await using var server = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?> { ["Replay:Start"] = "Manual", ["Warnings:HoldTime"] = "00:00:00", ["Warnings:ApprovalFrom:frost"] = "None" });
        var receipts = new ConcurrentDictionary<long, ConcurrentBag<long>>();
        var connections = new List<HubConnection>();
        for (var i = 0; i < clients; i++)
        {
            var c = new HubConnectionBuilder().WithUrl(server.BaseUrl + "/hubs/warnings")
                .AddJsonProtocol(o => WarningJson.Configure(o.PayloadSerializerOptions)).Build();
            foreach (var name in new[] { "WarningIssued", "WarningUpdated" })
            {
                c.On<Warning>(name, w => receipts.GetOrAdd(w.Sequence, _ => []).Add(Stopwatch.GetTimestamp()));
            }

            await c.StartAsync();
            await c.InvokeAsync<Subscription>("Subscribe", "agriculture", new[] { "640521" });
            connections.Add(c);
        }

        var board = server.Service<WarningBoard>();
        var district = TestPlaces.Zhongning;
        var committed = new ConcurrentDictionary<long, long>();
        server.Service<WarningLog>().Committed += seq => committed[seq] = Stopwatch.GetTimestamp();
        SignalLevel[] cycle = [SignalLevel.Blue, SignalLevel.Yellow];
        var t0 = new DateTimeOffset(2021, 3, 20, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Messages + WarmUp; i++)
        {
            var now = t0.AddMinutes(i);
            var signal = new HazardSignal(FrostHazard.Id, cycle[i % 2], now.AddHours(6), now.AddHours(9), -4, "bench");
            var cells = district.Cells.Select(c => new CellAssessment(c, true, c.IsSeat ? [signal] : [])).ToList();
            await board.ApplyAsync([DistrictAssessment.Aggregate(district.Code, now, cells)], now, CancellationToken.None);
            await WaitAsync(() => receipts.TryGetValue(board.LastSequence, out var r) && r.Count == clients, TimeSpan.FromSeconds(30));
        }

        var payload = JsonSerializer.SerializeToUtf8Bytes(board.Active[0], WarningJson.Options);
        var latencies = receipts.Where(r => r.Key > WarmUp).SelectMany(r => r.Value.Select(t => Stopwatch.GetElapsedTime(committed[r.Key], t).TotalMilliseconds)).Order().ToList();
        foreach (var c in connections)
        {
            await c.DisposeAsync();
        }

        return new Result(latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.99)], latencies.Count, payload);
    }

    private static async Task<Result> RawAsync(int clients, byte[] payload)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var app = builder.Build();
        var sockets = new ConcurrentBag<WebSocket>();
        app.UseWebSockets();
        app.Map("/ws", async (HttpContext ctx) =>
        {
            using var socket = await ctx.WebSockets.AcceptWebSocketAsync();
            sockets.Add(socket);
            var buffer = new byte[16];
            while (socket.State == WebSocketState.Open && !(await socket.ReceiveAsync(buffer, ctx.RequestAborted)).CloseStatus.HasValue)
            {
            }
        });
        await app.StartAsync();
        var url = app.Urls.First().Replace("http", "ws", StringComparison.Ordinal) + "/ws";
        var receipts = new ConcurrentBag<long>[Messages + WarmUp];
        for (var i = 0; i < Messages + WarmUp; i++)
        {
            receipts[i] = [];
        }

        var current = -1;
        var clientsList = new List<ClientWebSocket>();
        for (var i = 0; i < clients; i++)
        {
            var ws = new ClientWebSocket();
            await ws.ConnectAsync(new Uri(url), CancellationToken.None);
            clientsList.Add(ws);
            _ = Task.Run(async () =>
            {
                var buffer = new byte[64 * 1024];
                while (ws.State == WebSocketState.Open)
                {
                    WebSocketReceiveResult r;
                    try
                    {
                        r = await ws.ReceiveAsync(buffer, CancellationToken.None);
                    }
                    catch (WebSocketException)
                    {
                        return;
                    }

                    if (r.EndOfMessage && r.MessageType == WebSocketMessageType.Text)
                    {
                        // Like a SignalR client, a receipt is the warning parsed, not just bytes arrived.
                        _ = JsonSerializer.Deserialize<Warning>(buffer.AsSpan(0, r.Count), WarningJson.Options);
                        receipts[Volatile.Read(ref current)].Add(Stopwatch.GetTimestamp());
                    }
                }
            });
        }

        await WaitAsync(() => sockets.Count == clients, TimeSpan.FromSeconds(30));
        var sent = new long[Messages + WarmUp];
        for (var i = 0; i < Messages + WarmUp; i++)
        {
            Volatile.Write(ref current, i);
            sent[i] = Stopwatch.GetTimestamp();
            await Task.WhenAll(sockets.Select(s => s.SendAsync(payload, WebSocketMessageType.Text, true, CancellationToken.None)));
            var index = i;
            await WaitAsync(() => receipts[index].Count == clients, TimeSpan.FromSeconds(30));
        }

        var latencies = receipts.SelectMany((r, i) => i < WarmUp ? [] : r.Select(t => Stopwatch.GetElapsedTime(sent[i], t).TotalMilliseconds)).Order().ToList();
        foreach (var ws in clientsList)
        {
            ws.Abort();
            ws.Dispose();
        }

        await app.StopAsync();
        return new Result(latencies[latencies.Count / 2], latencies[(int)(latencies.Count * 0.99)], latencies.Count, payload);
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException("receipts did not all arrive");
            }

            await Task.Delay(1);
        }
    }
}
