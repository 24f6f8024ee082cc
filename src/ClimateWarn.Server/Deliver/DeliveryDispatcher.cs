using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Deliver.Channels;
using ClimateWarn.Server.Store.Relational;
using ClimateWarn.Server.Warn;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Deliver;

public sealed class WebhookOptions
{
    public string Name { get; set; } = string.Empty;

    public string Url { get; set; } = string.Empty;

    /// <summary>Sent as "Authorization: Bearer …"; from configuration or the environment, never the repo or the URL.</summary>
    public string? BearerToken { get; set; }
}

public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Outbound webhooks (an SMS gateway, a WeChat Work robot relay…): every message is POSTed to each.</summary>
    public List<WebhookOptions> Webhooks { get; set; } = [];

    public int MaxAttempts { get; set; } = 40;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A webhook that has not answered in this time has failed this attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The second channel for warnings nobody acknowledged in time (a duty phone's SMS gateway, say).</summary>
    public List<WebhookOptions> EscalationWebhooks { get; set; } = [];
}

/// <summary>
/// Delivers the outbox: each due row goes to the registered <see cref="IDeliveryChannel"/> whose kind begins its target
/// (the SignalR doorbell, webhooks), each message with an idempotency key ("{warning id}:{sequence}"). Failures are retried
/// with backoff; after MaxAttempts the row is parked with its reason for operators (GET /api/ops/deliveries). The retry
/// state lives in the database, not in memory, so a restart resumes where it stopped; that is why this loop schedules its
/// own retries instead of a resilience pipeline. Retry times are on the wall clock (the TimeProvider service; a fake one in
/// tests) even in a replay, whose simulated clock races ahead. It is also what the warning side knows of delivery
/// (<see cref="IDeliveryChannels"/>): which targets a message and an escalation are owed on.
/// </summary>
public sealed partial class DeliveryDispatcher(
    Outbox outbox,
    IEnumerable<IDeliveryChannel> channels,
    IOptions<DeliveryOptions> options,
    TimeProvider clock,
    ILogger<DeliveryDispatcher> logger) : BackgroundService, IDeliveryChannels
{
    private readonly IReadOnlyList<IDeliveryChannel> _channels = [.. channels];
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Called after a message is stored, so delivery starts at once rather than at the next poll.</summary>
    public void Wake() => _wake.Release();

    public IReadOnlyList<string> ForMessage(Warning message) => [.. _channels.SelectMany(c => c.TargetsFor(message))];

    public IReadOnlyList<string> ForEscalation(string district) =>
        [.. _channels.SelectMany(c => c.EscalationTargetsFor(district)).Select(t => DeliveryAttempt.Escalation(district, t))];

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<OutboxItem> due;
            try
            {
                due = await outbox.DueAsync(clock.GetUtcNow(), 200, stoppingToken);
                foreach (var item in due)
                {
                    await DeliverAsync(item, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                // The database is away (restarting, failing over): nothing is lost, the rows wait; try again shortly.
                LogDatabaseAway(logger, ex.Message);
                due = [];
            }

            if (due.Count == 0)
            {
                await _wake.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task DeliverAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var (district, target) = DeliveryAttempt.Parse(item.Channel);
        var kind = DeliveryAttempt.KindOf(target);
        var channel = _channels.FirstOrDefault(c => c.Kind == kind);
        string? error;
        try
        {
            error = channel is null
                ? $"no delivery channel '{kind}' is registered any more"
                : await channel.SendAsync(new DeliveryAttempt(item.Sequence, WarningLog.Parse(item.Json), target, district), cancellationToken);
        }
        catch (DeliveryRefusedException refused)
        {
            LogParked(logger, item.Sequence, item.Channel, item.Attempts + 1, refused.Message);
            await outbox.ParkAsync(item.Id, refused.Message, cancellationToken);
            return;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or UnauthorizedAccessException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            error = ex.Message;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A channel's own fault fails this attempt (retried, then parked with it); it never stops the other deliveries.
            error = $"{ex.GetType().Name}: {ex.Message}";
        }

        if (error is null)
        {
            await outbox.DeliveredAsync(item.Id, clock.GetUtcNow(), cancellationToken);
            return;
        }

        var o = options.Value;
        if (item.Attempts + 1 >= o.MaxAttempts)
        {
            LogParked(logger, item.Sequence, item.Channel, item.Attempts + 1, error);
            await outbox.ParkAsync(item.Id, $"gave up after {item.Attempts + 1} attempts: {error}", cancellationToken);
            return;
        }

        var delay = TimeSpan.FromTicks(Math.Min(o.MaxRetryDelay.Ticks, o.RetryDelay.Ticks << Math.Min(item.Attempts, 20)));
        LogRetry(logger, item.Sequence, item.Channel, item.Attempts + 1, delay, error);
        await outbox.FailedAsync(item.Id, clock.GetUtcNow() + delay, error, cancellationToken);
    }

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "Delivery paused: the warnings database does not answer ({Error}); trying again in a second")]
    private static partial void LogDatabaseAway(ILogger logger, string error);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Delivery of #{Sequence} to {Channel} failed (attempt {Attempt}), retrying in {Delay}: {Error}")]
    private static partial void LogRetry(ILogger logger, long sequence, string channel, int attempt, TimeSpan delay, string error);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Delivery of #{Sequence} to {Channel} parked after {Attempts} attempts: {Error}")]
    private static partial void LogParked(ILogger logger, long sequence, string channel, int attempts, string error);
}
