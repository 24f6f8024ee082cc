using System.Net.Http.Json;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Warn;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Deliver.Channels;

/// <summary>
/// Outbound webhooks (an SMS gateway, a WeChat Work robot relay…): every message is POSTed as JSON to each configured
/// <c>Delivery:Webhooks</c> entry, escalations to each <c>Delivery:EscalationWebhooks</c> entry, with an Idempotency-Key
/// header and an optional bearer token. A webhook answering non-2xx, or not within <c>Delivery:AttemptTimeout</c>, failed.
/// </summary>
public sealed class WebhookChannel(IHttpClientFactory httpClients, IOptions<DeliveryOptions> options) : IDeliveryChannel
{
    public const string HttpClientName = "webhooks";

    public string Kind => "webhook";

    public IEnumerable<string> TargetsFor(Warning message) => options.Value.Webhooks.Select(w => $"{Kind}:{w.Name}");

    public IEnumerable<string> EscalationTargetsFor(string district) => options.Value.EscalationWebhooks.Select(w => $"{Kind}:{w.Name}");

    public async Task<string?> SendAsync(DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var o = options.Value;
        var hook = (attempt.EscalationDistrict is null ? o.Webhooks : o.EscalationWebhooks).FirstOrDefault(h => h.Name == attempt.Name);
        if (hook is null)
        {
            return $"webhook '{attempt.Name}' is no longer configured";
        }

        var key = attempt.IdempotencyKey;
        using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url)
        {
            Content = JsonContent.Create(
                new { idempotencyKey = key, sequence = attempt.Sequence, escalation = attempt.EscalationDistrict is not null, district = attempt.EscalationDistrict, warning = attempt.Warning.WithoutNames() },
                options: WarningJson.Options),
        };
        request.Headers.Add("Idempotency-Key", key);
        if (!string.IsNullOrEmpty(hook.BearerToken))
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", hook.BearerToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(o.AttemptTimeout);
        HttpResponseMessage response;
        try
        {
            response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {o.AttemptTimeout.TotalSeconds:0.#} s";
        }

        using var _ = response;
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var body = await response.Content.ReadAsStringAsync(timeout.Token);
        return $"HTTP {(int)response.StatusCode}: {(body.Length > 200 ? body[..200] : body)}";
    }
}
