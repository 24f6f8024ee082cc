using ClimateWarn.Server.Accounts;
using System.Security.Claims;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Store.Relational;
using ClimateWarn.Server.Warn;
using Microsoft.AspNetCore.SignalR;

namespace ClimateWarn.Server.Deliver;

/// <summary>Events a client receives; each warning carries its sequence number.</summary>
public interface IWarningsClient
{
    Task WarningIssued(Warning warning);

    Task WarningUpdated(Warning warning);

    Task WarningLifted(Warning warning);

    /// <summary>Nobody acknowledged it in time for this district: shown red to the emergency dashboards.</summary>
    Task WarningEscalated(Warning warning, string district);

    Task AckChanged(Ack ack);

    /// <summary>To operators: the number of drafts waiting.</summary>
    Task DraftsChanged(int pending);
}

/// <summary>What a subscription joined, and the last sequence number, from which the client catches up over HTTP.</summary>
public sealed record Subscription(string Audience, IReadOnlyList<string> Districts, long LastSequence);

/// <summary>
/// Pushes are a doorbell (SignalR delivers at most once): a client subscribes to one audience and some districts (or,
/// for a farmer, its device token), and after a reconnect or a gap in sequence numbers it fetches
/// GET /api/warnings?afterSeq=N and subscribes again. Acknowledging needs a watch officer, approving an operator:
/// checked here exactly as on the HTTP endpoints.
/// </summary>
public sealed class WarningsHub(PlaceCatalog places, WarningBoard board, Devices devices, Acknowledgements acknowledgements, Approvals approvals,
    HubConnections connections) : Hub<IWarningsClient>
{
    public const string OperatorsGroup = "operators";
    private const string GroupsKey = "groups";

    public static string GroupName(string audience, string district) => $"{audience}:{district}";

    public override async Task OnConnectedAsync()
    {
        if (Context.User?.IsInRole(Roles.Operator) == true)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, OperatorsGroup);
        }

        connections.Opened();
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Closed();
        return base.OnDisconnectedAsync(exception);
    }

    public async Task<Subscription> Subscribe(string audience, string[] districts)
    {
        if (audience is null || !HazardConfigLoader.KnownAudiences.Contains(audience))
        {
            throw new HubException($"未知受众 unknown audience '{audience}' (agriculture, health, emergency)");
        }

        if (districts is null || districts.Length == 0 || districts.Length > 50)
        {
            throw new HubException("请至少选择一个区县 subscribe to 1–50 districts");
        }

        foreach (var code in districts)
        {
            if (!places.TryGetDistrict(code, out _))
            {
                throw new HubException($"未知区县代码 unknown district code '{code}'");
            }
        }

        var unique = districts.Distinct(StringComparer.Ordinal).ToList();
        await JoinAsync([.. unique.Select(d => GroupName(audience, d))]);
        return new Subscription(audience, unique, board.LastSequence);
    }

    /// <summary>A farmer's phone: the districts of its subscription's townships, agricultural warnings.</summary>
    public async Task<Subscription> SubscribeDevice(string token)
    {
        var device = await devices.GetAsync(token ?? string.Empty, Context.ConnectionAborted)
            ?? throw new HubException("未知订阅 unknown device token");
        await JoinAsync([.. device.Districts.Select(d => GroupName(Devices.Audience, d))]);
        return new Subscription(Devices.Audience, device.Districts, board.LastSequence);
    }

    [HubRoles(Roles.WatchOfficer)]
    public async Task<Ack> Acknowledge(string warningId, string district)
    {
        var user = Context.User!;
        var outcome = await acknowledgements.AcknowledgeAsync(warningId ?? string.Empty, district ?? string.Empty, user.Identity!.Name!, Roles.DistrictsOf(user), Context.ConnectionAborted);
        return outcome.Value ?? throw new HubException(outcome.Error);
    }

    [HubRoles(Roles.Operator)]
    public async Task<Warning> Approve(long draftId, int rowVersion)
    {
        var outcome = await approvals.ApproveAsync(draftId, rowVersion, Context.User!.Identity!.Name!, Context.ConnectionAborted);
        return outcome.Value ?? throw new HubException(outcome.Error);
    }

    private async Task JoinAsync(List<string> groups)
    {
        if (Context.Items.TryGetValue(GroupsKey, out var old) && old is List<string> joined)
        {
            foreach (var group in joined)
            {
                await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
            }
        }

        foreach (var group in groups)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group);
        }

        Context.Items[GroupsKey] = groups;
    }
}

/// <summary>Relays acknowledgement and draft changes to the hub's clients (emergency dashboards, operators).</summary>
public sealed class HubRelay(IHubContext<WarningsHub, IWarningsClient> hub, Acknowledgements acknowledgements, WarningBoard board, Approvals approvals) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        acknowledgements.Changed += OnAck;
        board.DraftsChanged += OnDrafts;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        acknowledgements.Changed -= OnAck;
        board.DraftsChanged -= OnDrafts;
        return Task.CompletedTask;
    }

    private void OnAck(Ack ack) => _ = hub.Clients.Group(WarningsHub.GroupName("emergency", ack.District)).AckChanged(ack);

    private void OnDrafts() => _ = Task.Run(async () =>
    {
        var pending = await approvals.DraftsAsync(pendingOnly: true, CancellationToken.None);
        await hub.Clients.Group(WarningsHub.OperatorsGroup).DraftsChanged(pending.Count);
    });
}

/// <summary>How many hub connections this node holds now (/api/ops/cluster): in a cluster, how the load balancer spread them.</summary>
public sealed class HubConnections
{
    private long _open;

    public long Open => Interlocked.Read(ref _open);

    public void Opened() => Interlocked.Increment(ref _open);

    public void Closed() => Interlocked.Decrement(ref _open);
}
