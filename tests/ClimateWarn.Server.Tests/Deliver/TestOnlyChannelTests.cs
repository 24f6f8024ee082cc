using System.Collections.Concurrent;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Server.Deliver.Channels;
using ClimateWarn.Server.Store.Relational;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.Extensions.DependencyInjection;

namespace ClimateWarn.Server.Tests.Deliver;

/// <summary>
/// A delivery channel is one class and one registration: a test-only pager channel, registered by the test host and known
/// to no other file, is owed every message through the outbox, receives it, and fails and retries like any channel.
/// </summary>
public sealed class TestOnlyChannelTests
{
    private sealed class PagerChannel : IDeliveryChannel
    {
        public ConcurrentQueue<DeliveryAttempt> Sent { get; } = new();

        public int FailuresLeft { get; set; } = 1;

        public string Kind => "test-pager";

        public IEnumerable<string> TargetsFor(ClimateWarn.Core.Warnings.Warning message) => [Kind + ":duty"];

        public IEnumerable<string> EscalationTargetsFor(string district) => [];

        public Task<string?> SendAsync(DeliveryAttempt attempt, CancellationToken cancellationToken)
        {
            if (FailuresLeft-- > 0)
            {
                return Task.FromResult<string?>("pager network busy");
            }

            Sent.Enqueue(attempt);
            return Task.FromResult<string?>(null);
        }
    }

    [Fact]
    public async Task RegisteredChannel_IsOwedEveryMessage_AndGetsItAfterARetry()
    {
        var pager = new PagerChannel();
        await using var server = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?>
        {
            ["Replay:Start"] = "Manual",
            ["Delivery:RetryDelay"] = "00:00:00.050",
        }, s => s.AddSingleton<IDeliveryChannel>(pager));

        await server.Service<WarningBoard>().StepAsync(0, SignalLevel.Blue);

        await Eventually.UntilAsync(() => !pager.Sent.IsEmpty, TimeSpan.FromSeconds(30), "the pager channel receives the message");
        var sent = Assert.Single(pager.Sent);
        Assert.Equal("duty", sent.Name);
        Assert.Null(sent.EscalationDistrict);
        var message = Assert.Single(await server.AllMessagesAsync());
        Assert.Equal(message.Id, sent.Warning.Id);
        Assert.Equal($"{message.Id}:{sent.Sequence}", sent.IdempotencyKey);
        var rows = await server.Service<Outbox>().StatesAsync(undeliveredOnly: false, 100, CancellationToken.None);
        Assert.Contains(rows, r => r.Channel == "test-pager:duty" && r.Attempts >= 1);
        Assert.Contains(rows, r => r.Channel == "signalr");
    }
}
