using System.Collections.Concurrent;
using System.Net.Http.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Assess;
using ClimateWarn.Server.Deliver;
using ClimateWarn.Server.Store.Relational;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ClimateWarn.Core.Hazards.Frost;

namespace ClimateWarn.Server.Tests.Deliver;

/// <summary>
/// Pushes are a doorbell: a client that was cut off catches up over HTTP from its last sequence number and ends with
/// every message once, in order. The client below follows the page's protocol (LiveWarnings in wwwroot/js/common.js).
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class CutOffClientTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(45)]
    [InlineData(300)]
    public async Task ClientCutOffDuringABurstOf100_EndsWithAll100InOrderWithoutDuplicates(int offlineSeconds)
    {
        // The server's wall clock is a fake one: the client's absence passes on it without the test waiting minutes.
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var server = await RunningServer.StartAsync(replay: true, Settings(), s => s.AddSingleton<TimeProvider>(clock));
        using var client = new CatchingUpClient(server.BaseUrl);
        await client.ConnectAsync();
        var burst = Task.Run(() => BurstAsync(server, 0, 100));

        await client.WaitForAsync(20, TimeSpan.FromSeconds(60));
        await client.Connection.StopAsync();
        clock.Advance(TimeSpan.FromSeconds(offlineSeconds));
        if (offlineSeconds < 30)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));   // a short absence: back while the burst still runs
        }
        else
        {
            await burst.WaitAsync(TimeSpan.FromMinutes(2));   // a long one: the whole burst happened while away
        }

        await client.ConnectAsync();
        await burst.WaitAsync(TimeSpan.FromMinutes(2));
        await client.WaitForAsync(100, TimeSpan.FromSeconds(60));

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), client.Received);
        await client.Connection.DisposeAsync();
    }

    [Fact]
    public async Task ServerRestartedInTheMiddleOfABurst_ClientEndsWithAll100InOrder()
    {
        var settings = Settings();
        var first = await RunningServer.StartAsync(replay: true, settings);
        settings["Paths:Data"] = first.DataDirectory;
        settings["Urls"] = first.BaseUrl;   // the restarted server comes back on the same address the client knows
        using var client = new CatchingUpClient(first.BaseUrl);
        await client.ConnectAsync();
        await BurstAsync(first, 0, 50);
        await first.DisposeAsync();   // stopped mid-burst: doorbells not yet rung are still owed in the outbox

        await using var second = await RunningServer.StartAsync(replay: true, settings);
        await BurstAsync(second, 50, 50);
        if (client.Connection.State != HubConnectionState.Connected)
        {
            await client.ConnectAsync();   // the page reconnects and catches up by sequence
        }

        await client.WaitForAsync(100, TimeSpan.FromSeconds(60));

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), client.Received);
        Assert.Empty(await second.Service<Outbox>().StatesAsync(undeliveredOnly: true, 500, CancellationToken.None));
        await client.Connection.DisposeAsync();
    }

    /// <summary>Every step of the burst changes the level, so hysteresis is off here, and approval: this is about delivery.</summary>
    private static Dictionary<string, string?> Settings() =>
        new() { ["Replay:Start"] = "Manual", ["Warnings:HoldTime"] = "00:00:00", ["Warnings:ApprovalFrom:frost"] = "None" };

    /// <summary>Messages for Zhongning: a frost signal whose level changes every step (issued, then upgraded and downgraded).</summary>
    private static async Task BurstAsync(RunningServer server, int from, int messages)
    {
        var board = server.Service<WarningBoard>();
        var district = TestPlaces.Zhongning;
        SignalLevel[] cycle = [SignalLevel.Blue, SignalLevel.Yellow, SignalLevel.Orange, SignalLevel.Yellow];
        var t0 = new DateTimeOffset(2021, 3, 20, 0, 0, 0, TimeSpan.Zero);
        for (var i = from; i < from + messages; i++)
        {
            var now = t0.AddMinutes(i);
            var signal = new HazardSignal(FrostHazard.Id, cycle[i % cycle.Length], now.AddHours(6), now.AddHours(9), -4, "burst");
            var cells = district.Cells.Select(c => new CellAssessment(c, HasData: true, c.IsSeat ? [signal] : [])).ToList();
            await board.ApplyAsync([DistrictAssessment.Aggregate(district.Code, now, cells)], now, CancellationToken.None);
            await Task.Delay(50);
        }
    }

    private sealed class CatchingUpClient(string baseUrl) : IDisposable
    {
        private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly ConcurrentQueue<long> _received = new();
        private long _last;

        public HubConnection Connection { get; private set; } = null!;

        public void Dispose()
        {
            _gate.Dispose();
            _http.Dispose();
        }

        public IReadOnlyList<long> Received => [.. _received];

        public async Task ConnectAsync()
        {
            Connection = new HubConnectionBuilder().WithUrl(baseUrl + "/hubs/warnings")
                .AddJsonProtocol(o => WarningJson.Configure(o.PayloadSerializerOptions)).Build();
            foreach (var name in new[] { "WarningIssued", "WarningUpdated", "WarningLifted" })
            {
                Connection.On<Warning>(name, OnPushAsync);
            }

            await Connection.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await Connection.InvokeAsync<Subscription>("Subscribe", "agriculture", new[] { "640521" }).WaitAsync(TimeSpan.FromSeconds(30));
            await CatchUpAsync();
        }

        public Task WaitForAsync(int count, TimeSpan timeout) =>
            Eventually.UntilAsync(() => _received.Count >= count, timeout, $"{count} messages received (have {_received.Count})");

        private async Task OnPushAsync(Warning w)
        {
            if (w.Sequence > Interlocked.Read(ref _last) + 1)
            {
                await CatchUpAsync(); // a gap: fetch what was missed, in order
                return;
            }

            await AcceptAsync([w]);
        }

        private async Task CatchUpAsync()
        {
            var page = await _http.GetFromJsonAsync<RunningServer.WarningPage>($"/api/warnings?afterSeq={Interlocked.Read(ref _last)}", WarningJson.Options);
            await AcceptAsync(page!.Warnings);
        }

        private async Task AcceptAsync(IEnumerable<Warning> warnings)
        {
            await _gate.WaitAsync();
            try
            {
                foreach (var w in warnings.OrderBy(w => w.Sequence).Where(w => w.Sequence == _last + 1))
                {
                    _received.Enqueue(w.Sequence);
                    _last = w.Sequence;
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
