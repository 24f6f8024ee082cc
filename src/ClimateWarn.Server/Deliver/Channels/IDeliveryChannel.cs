using ClimateWarn.Core.Warnings;

namespace ClimateWarn.Server.Deliver.Channels;

/// <summary>
/// One way of reaching people (the SignalR doorbell, webhooks; phones and e-mail next). The outbox holds one row per message
/// and target; the dispatcher hands each due row to the channel whose <see cref="Kind"/> begins the target, and retries or
/// parks the row on the error the channel returns. A new channel is a class here and one <c>AddDeliveryChannel&lt;T&gt;()</c>.
/// </summary>
public interface IDeliveryChannel
{
    /// <summary>The first part of every target this channel owns: "signalr", "webhook".</summary>
    string Kind { get; }

    /// <summary>The targets a published message is owed on ("signalr", "webhook:sms"), written to the outbox with it.</summary>
    IEnumerable<string> TargetsFor(Warning message);

    /// <summary>The targets an unacknowledged warning escalates to in <paramref name="district"/> (the dispatcher files them under the district).</summary>
    IEnumerable<string> EscalationTargetsFor(string district);

    /// <summary>Delivers one attempt: null when done, else the reason it failed (retried with backoff, then parked with it).</summary>
    Task<string?> SendAsync(DeliveryAttempt attempt, CancellationToken cancellationToken);

    /// <summary>An operator sends this delivery again: forget whatever the channel kept of the earlier attempts (the release platform's dropped file).</summary>
    Task ResendingAsync(DeliveryAttempt attempt, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// A delivery that retrying cannot mend (the receiver rejected the message, its answer cannot be read, it never
/// answered in time): the dispatcher parks the row at once with this reason, for an operator to look at and send again.
/// </summary>
public sealed class DeliveryRefusedException(string reason) : Exception(reason);

/// <param name="Target">The target as the channel named it ("webhook:sms"), without the escalation prefix.</param>
/// <param name="EscalationDistrict">Set when this is an escalation of an unacknowledged warning in that district.</param>
public sealed record DeliveryAttempt(long Sequence, Warning Warning, string Target, string? EscalationDistrict)
{
    /// <summary>What follows the kind in the target ("sms" in "webhook:sms"); empty when the target is the kind alone.</summary>
    public string Name => Target.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? Target[(colon + 1)..] : string.Empty;

    /// <summary>The key a receiver uses to drop a repeat: "{warning id}:{sequence}", plus ":escalation:{district}" for escalations.</summary>
    public string IdempotencyKey => EscalationDistrict is null ? $"{Warning.Id}:{Sequence}" : $"{Warning.Id}:{Sequence}:escalation:{EscalationDistrict}";

    /// <summary>Splits an outbox channel ("webhook:sms" or "escalation:<district code>:webhook:sms") into district and target.</summary>
    public static (string? District, string Target) Parse(string channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        const string escalation = "escalation:";
        if (!channel.StartsWith(escalation, StringComparison.Ordinal))
        {
            return (null, channel);
        }

        var rest = channel[escalation.Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (null, channel) : (rest[..colon], rest[(colon + 1)..]);
    }

    /// <summary>The outbox channel for an escalation target.</summary>
    public static string Escalation(string district, string target) => $"escalation:{district}:{target}";

    /// <summary>The kind a target belongs to: its text up to the first ':'.</summary>
    public static string KindOf(string target) => target.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? target[..colon] : target;
}

public static class DeliveryChannelSetup
{
    /// <summary>Registers a channel; the dispatcher offers every message to every registered channel, in registration order.</summary>
    public static IServiceCollection AddDeliveryChannel<TChannel>(this IServiceCollection services)
        where TChannel : class, IDeliveryChannel => services.AddSingleton<IDeliveryChannel, TChannel>();
}
