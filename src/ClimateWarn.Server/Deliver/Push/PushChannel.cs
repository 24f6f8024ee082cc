using System.Net;
using System.Text.Json;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Deliver.Channels;
using ClimateWarn.Server.Store.Relational;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Deliver.Push;

/// <summary>
/// Web Push as a delivery channel ("push"): one outbox row per agricultural message; the attempt pushes, encrypted
/// (RFC 8291) and signed (VAPID), to every subscribed phone the message concerns (<see cref="Devices.Concerns"/>) that it
/// has not reached yet (push_sent: message key × device), so a retry never pushes a phone twice. A subscription the push
/// service says is gone (404, 410) is deleted; one that refuses the message (413 too large, 400) is skipped with the
/// reason; a push service that fails or hangs leaves those phones for the next attempt.
/// </summary>
public sealed partial class PushChannel(IOptions<PushOptions> options, VapidKeys keys, IDbContextFactory<WarningsDb> databases, Devices devices,
    IHttpClientFactory http, IOptions<DeliveryOptions> delivery, IOptions<ServerOptions> server,
    Microsoft.AspNetCore.Hosting.Server.IServer kestrel, TimeProvider time, ILogger<PushChannel> logger) : IDeliveryChannel
{
    public const string Name = "push";
    public const string HttpClientName = "web-push";

    public string Kind => Name;

    public IEnumerable<string> TargetsFor(Warning message) =>
        options.Value.Enabled && message.Audiences.Contains(Devices.Audience) ? [Name] : [];

    public IEnumerable<string> EscalationTargetsFor(string district) => [];

    public async Task<string?> SendAsync(DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var w = attempt.Warning;
        var key = attempt.IdempotencyKey;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var done = (await db.PushSent.Where(p => p.Key == key).Select(p => p.Token).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var subscriptions = await db.PushSubscriptions.Join(db.Devices, p => p.Token, d => d.Token, (p, d) => new { Push = p, Device = d }).ToListAsync(cancellationToken);
        var owed = subscriptions.Where(s => !done.Contains(s.Push.Token) && devices.Concerns(Devices.ToDevice(s.Device), w)).ToList();
        if (owed.Count == 0)
        {
            return null;
        }

        // VAPID's contact: Push:Subject, else the public address when it is https (push services refuse anything else).
        var subject = options.Value.Subject ?? (PublicAddress.BaseUrl(server.Value, kestrel) is { } self && self.StartsWith("https://", StringComparison.Ordinal) ? self : null)
            ?? throw new DeliveryRefusedException("Web Push needs Push:Subject (mailto: or https:) while Server:PublicBaseUrl is not https");
        var client = new PushServiceClient(http.CreateClient(HttpClientName))
        {
            DefaultAuthentication = new VapidAuthentication(keys.PublicKey, keys.PrivateKey) { Subject = subject },
        };
        var payload = JsonSerializer.Serialize(new
        {
            id = w.Id, sequence = w.Sequence, action = w.Action.ToString(), hazard = w.Hazard, level = SignalLevels.En(w.Level),
            title = w.HeadlineZh, body = w.DescriptionZh.Length > 300 ? w.DescriptionZh[..300] + "…" : w.DescriptionZh,
            titleEn = w.HeadlineEn, validTo = w.ValidTo,
        });
        var failures = new List<string>();
        foreach (var s in owed)
        {
            var subscription = new PushSubscription { Endpoint = s.Push.Endpoint, Keys = new Dictionary<string, string> { ["p256dh"] = s.Push.P256dh, ["auth"] = s.Push.Auth } };
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(delivery.Value.AttemptTimeout);
            try
            {
                await client.RequestPushMessageDeliveryAsync(subscription, new PushMessage(payload) { Topic = null, TimeToLive = 24 * 3600, Urgency = PushMessageUrgency.High }, timeout.Token);
                db.PushSent.Add(new PushSentRow { Key = key, Token = s.Push.Token, Sent = time.GetUtcNow().ToUnixTimeMilliseconds() });
            }
            catch (PushServiceClientException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                LogGone(logger, s.Push.Token, (int)ex.StatusCode);
                db.PushSubscriptions.Remove(s.Push);
            }
            catch (PushServiceClientException ex) when (ex.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest)
            {
                // Refused for good: recorded as done (sending again cannot help), said in the log.
                LogRefused(logger, s.Push.Token, (int)ex.StatusCode, ex.Message);
                db.PushSent.Add(new PushSentRow { Key = key, Token = s.Push.Token, Sent = -(int)ex.StatusCode });
            }
            catch (Exception ex) when (ex is PushServiceClientException or HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                failures.Add($"{s.Push.Token[..8]}…: {(ex is OperationCanceledException ? $"no answer within {delivery.Value.AttemptTimeout.TotalSeconds:0.#} s" : ex.Message)}");
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return failures.Count == 0 ? null : $"{failures.Count} phone(s) not reached yet: {string.Join("; ", failures.Take(3))}";
    }

    [LoggerMessage(EventId = 3030, Level = LogLevel.Information, Message = "Web Push subscription of device {Token} is gone ({Status}): removed")]
    private static partial void LogGone(ILogger logger, string token, int status);

    [LoggerMessage(EventId = 3031, Level = LogLevel.Warning, Message = "Web Push to device {Token} refused ({Status}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string token, int status, string reason);
}
