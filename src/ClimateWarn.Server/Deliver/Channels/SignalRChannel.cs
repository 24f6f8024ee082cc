using ClimateWarn.Core.Warnings;
using Microsoft.AspNetCore.SignalR;

namespace ClimateWarn.Server.Deliver.Channels;

/// <summary>
/// The doorbell: pushes each message to the hub groups of its audiences and districts, and an escalation to the district's
/// emergency group. A client that was away catches up by sequence (GET /api/warnings?afterSeq=N), so a push is never retried
/// for one client; it succeeds once the hub has taken it.
/// </summary>
public sealed class SignalRChannel(IHubContext<WarningsHub, IWarningsClient> hub) : IDeliveryChannel
{
    public string Kind => "signalr";

    public IEnumerable<string> TargetsFor(Warning message) => [Kind];

    public IEnumerable<string> EscalationTargetsFor(string district) => [Kind];

    public async Task<string?> SendAsync(DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var w = attempt.Warning.WithoutNames();   // the hub's groups are public: no operator's name
        if (attempt.EscalationDistrict is { } district)
        {
            await hub.Clients.Group(WarningsHub.GroupName("emergency", district)).WarningEscalated(w, district);
            return null;
        }

        var clients = hub.Clients.Groups([.. w.Audiences.SelectMany(a => w.Districts.Select(d => WarningsHub.GroupName(a, d)))]);
        await (w.Action switch
        {
            WarningAction.Issued => clients.WarningIssued(w),
            WarningAction.Lifted or WarningAction.Expired => clients.WarningLifted(w),
            _ => clients.WarningUpdated(w),
        });
        return null;
    }
}
