using ClimateWarn.Core.Places;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Hazards;
using Microsoft.AspNetCore.SignalR;

namespace ClimateWarn.Server.Warnings;

/// <summary>Events a client receives; each carries the warning with its sequence number.</summary>
public interface IWarningsClient
{
    Task WarningIssued(Warning warning);

    Task WarningUpdated(Warning warning);

    Task WarningLifted(Warning warning);
}

/// <summary>What a subscription joined, and the last sequence number, from which the client catches up over HTTP.</summary>
public sealed record Subscription(string Audience, IReadOnlyList<string> Districts, long LastSequence);

/// <summary>
/// Pushes are a doorbell (SignalR delivers at most once): a client subscribes to one audience and some districts,
/// and after a reconnect or a gap in sequence numbers it fetches GET /api/warnings?afterSeq=N and subscribes again.
/// </summary>
public sealed class WarningsHub(PlaceCatalog places, WarningBoard board) : Hub<IWarningsClient>
{
    private const string GroupsKey = "groups";

    public static string GroupName(string audience, string district) => $"{audience}:{district}";

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

        if (Context.Items.TryGetValue(GroupsKey, out var old) && old is List<string> joined)
        {
            foreach (var group in joined)
            {
                await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
            }
        }

        var groups = districts.Distinct(StringComparer.Ordinal).Select(d => GroupName(audience, d)).ToList();
        foreach (var group in groups)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group);
        }

        Context.Items[GroupsKey] = groups;
        return new Subscription(audience, [.. districts.Distinct(StringComparer.Ordinal)], board.LastSequence);
    }
}
