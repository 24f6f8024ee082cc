using System.Net.Http.Json;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Store.Relational;
using ClimateWarn.Server.Warn;
using Microsoft.AspNetCore.SignalR;
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

    public IReadOnlyList<string> Channels => ["signalr", .. Webhooks.Select(w => "webhook:" + w.Name)];

    /// <summary>An escalation for one district: pushed again over SignalR and posted to every escalation webhook.</summary>
    public IReadOnlyList<string> EscalationChannels(string district) =>
        [$"escalation:{district}:signalr", .. EscalationWebhooks.Select(w => $"escalation:{district}:webhook:{w.Name}")];
}

/// <summary>
/// Delivers the outbox: the SignalR doorbell and every webhook, each message with an idempotency key
/// ("{warning id}:{sequence}"). Failures are retried with backoff; after MaxAttempts the row is parked with its reason
/// for operators (GET /api/ops/deliveries). The retry state lives in the database, not in memory, so a restart
/// resumes where it stopped; that is why this loop schedules its own retries instead of a resilience pipeline.
/// Retry times are on the wall clock (the TimeProvider service; a fake one in tests) even in a replay, whose simulated
/// clock races ahead. It is also what the warning side knows of delivery (<see cref="IDeliveryChannels"/>).
/// </summary>
public sealed partial class DeliveryDispatcher(
    Outbox outbox,
    IHubContext<WarningsHub, IWarningsClient> hub,
    IHttpClientFactory httpClients,
    IOptions<DeliveryOptions> options,
    TimeProvider clock,
    ILogger<DeliveryDispatcher> logger) : BackgroundService, IDeliveryChannels
{
    public const string HttpClientName = "webhooks";
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Called after a message is stored, so delivery starts at once rather than at the next poll.</summary>
    public void Wake() => _wake.Release();

    public IReadOnlyList<string> ForMessage(Warning message) => options.Value.Channels;

    public IReadOnlyList<string> ForEscalation(string district) => options.Value.EscalationChannels(district);

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var due = await outbox.DueAsync(clock.GetUtcNow(), 200, stoppingToken);
            foreach (var item in due)
            {
                await DeliverAsync(item, stoppingToken);
            }

            if (due.Count == 0)
            {
                await _wake.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task DeliverAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        var warning = WarningLog.Parse(item.Json);
        string? error;
        try
        {
            error = Channel.Parse(item.Channel) switch
            {
                { Webhook: null, District: null } => await RingAsync(warning),
                { Webhook: null, District: { } district } => await RingEscalationAsync(warning, district),
                { Webhook: { } hook, District: var district } => await PostAsync(item, warning, hook, district, cancellationToken),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            error = ex.Message;
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

    private async Task<string?> RingAsync(Warning w)
    {
        var groups = w.Audiences.SelectMany(a => w.Districts.Select(d => WarningsHub.GroupName(a, d))).ToList();
        var clients = hub.Clients.Groups(groups);
        await (w.Action switch
        {
            WarningAction.Issued => clients.WarningIssued(w),
            WarningAction.Lifted or WarningAction.Expired => clients.WarningLifted(w),
            _ => clients.WarningUpdated(w),
        });
        return null;
    }

    private async Task<string?> RingEscalationAsync(Warning w, string district)
    {
        await hub.Clients.Group(WarningsHub.GroupName("emergency", district)).WarningEscalated(w, district);
        return null;
    }

    private async Task<string?> PostAsync(OutboxItem item, Warning warning, string name, string? district, CancellationToken cancellationToken)
    {
        var hook = (district is null ? options.Value.Webhooks : options.Value.EscalationWebhooks).FirstOrDefault(h => h.Name == name);
        if (hook is null)
        {
            return $"webhook '{name}' is no longer configured";
        }

        var key = district is null ? $"{warning.Id}:{item.Sequence}" : $"{warning.Id}:{item.Sequence}:escalation:{district}";
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url)
        {
            Content = JsonContent.Create(new { idempotencyKey = key, sequence = item.Sequence, escalation = district is not null, district, warning }, options: WarningJson.Options),
        };
        request.Headers.Add("Idempotency-Key", key);
        if (!string.IsNullOrEmpty(hook.BearerToken))
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", hook.BearerToken);
        }

        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(options.Value.AttemptTimeout);
        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(HttpClientName).SendAsync(request, attempt.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {options.Value.AttemptTimeout.TotalSeconds:0.#} s";
        }

        using var _ = response;
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync(attempt.Token);
        return $"HTTP {(int)response.StatusCode}: {(body.Length > 200 ? body[..200] : body)}";
    }

    /// <summary>"signalr", "webhook:{name}", "escalation:{district}:signalr" or "escalation:{district}:webhook:{name}".</summary>
    private readonly record struct Channel(string? District, string? Webhook)
    {
        public static Channel Parse(string channel)
        {
            string? district = null;
            if (channel.StartsWith("escalation:", StringComparison.Ordinal))
            {
                var rest = channel["escalation:".Length..];
                var colon = rest.IndexOf(':', StringComparison.Ordinal);
                district = rest[..colon];
                channel = rest[(colon + 1)..];
            }

            return new Channel(district, channel.StartsWith("webhook:", StringComparison.Ordinal) ? channel["webhook:".Length..] : null);
        }
    }

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Delivery of #{Sequence} to {Channel} failed (attempt {Attempt}), retrying in {Delay}: {Error}")]
    private static partial void LogRetry(ILogger logger, long sequence, string channel, int attempt, TimeSpan delay, string error);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Delivery of #{Sequence} to {Channel} parked after {Attempts} attempts: {Error}")]
    private static partial void LogParked(ILogger logger, long sequence, string channel, int attempts, string error);
}
