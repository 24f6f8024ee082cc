using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using StackExchange.Redis;

namespace ClimateWarn.Server.Deliver;

/// <summary>Redis did not take a push: this node's own clients had it; the others get it when the outbox retries.</summary>
public sealed class BackplaneUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// SignalR across nodes with Redis (RedisHubLifetimeManager), and without it when Redis is away. Redis's manager sends
/// even to this node's own clients through Redis, so an outage would silence every client; this one keeps a second,
/// in-process manager (DefaultHubLifetimeManager) of the same connections and groups, and when Redis refuses a push
/// (fail-fast, no backlog: <see cref="Hosting"/>'s cluster setup sets it) sends it to this node's clients directly,
/// then throws <see cref="BackplaneUnavailableException"/>: the outbox row stays due and is retried, through Redis once
/// it is back, reaching the other nodes' clients (this node's drop the repeat by sequence number). Clients also catch
/// up by sequence after any gap; that stays the guarantee.
/// </summary>
public sealed partial class BackplaneFallback<THub> : HubLifetimeManager<THub>
    where THub : Hub
{
    private readonly RedisHubLifetimeManager<THub> _redis;
    private readonly DefaultHubLifetimeManager<THub> _local;
    private readonly ILogger _logger;

    public BackplaneFallback(IServiceProvider services, ILogger<BackplaneFallback<THub>> logger)
    {
        _redis = ActivatorUtilities.CreateInstance<RedisHubLifetimeManager<THub>>(services);
        _local = ActivatorUtilities.CreateInstance<DefaultHubLifetimeManager<THub>>(services);
        _logger = logger;
    }

    public override async Task OnConnectedAsync(HubConnectionContext connection)
    {
        await _local.OnConnectedAsync(connection);
        await Tolerant(() => _redis.OnConnectedAsync(connection), "connect");
    }

    public override async Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        await _local.OnDisconnectedAsync(connection);
        await Tolerant(() => _redis.OnDisconnectedAsync(connection), "disconnect");
    }

    public override async Task AddToGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        await _local.AddToGroupAsync(connectionId, groupName, cancellationToken);
        await Tolerant(() => _redis.AddToGroupAsync(connectionId, groupName, cancellationToken), "join " + groupName);
    }

    public override async Task RemoveFromGroupAsync(string connectionId, string groupName, CancellationToken cancellationToken = default)
    {
        await _local.RemoveFromGroupAsync(connectionId, groupName, cancellationToken);
        await Tolerant(() => _redis.RemoveFromGroupAsync(connectionId, groupName, cancellationToken), "leave " + groupName);
    }

    public override Task SendAllAsync(string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(() => _redis.SendAllAsync(methodName, args, cancellationToken), () => _local.SendAllAsync(methodName, args, cancellationToken), methodName);

    public override Task SendAllExceptAsync(string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        SendAsync(() => _redis.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken),
            () => _local.SendAllExceptAsync(methodName, args, excludedConnectionIds, cancellationToken), methodName);

    public override Task SendConnectionAsync(string connectionId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(() => _redis.SendConnectionAsync(connectionId, methodName, args, cancellationToken),
            () => _local.SendConnectionAsync(connectionId, methodName, args, cancellationToken), methodName);

    public override Task SendConnectionsAsync(IReadOnlyList<string> connectionIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(() => _redis.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken),
            () => _local.SendConnectionsAsync(connectionIds, methodName, args, cancellationToken), methodName);

    public override Task SendGroupAsync(string groupName, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(() => _redis.SendGroupAsync(groupName, methodName, args, cancellationToken),
            () => _local.SendGroupAsync(groupName, methodName, args, cancellationToken), methodName);

    public override Task SendGroupsAsync(IReadOnlyList<string> groupNames, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(() => _redis.SendGroupsAsync(groupNames, methodName, args, cancellationToken),
            () => _local.SendGroupsAsync(groupNames, methodName, args, cancellationToken), methodName);

    public override Task SendGroupExceptAsync(string groupName, string methodName, object?[] args, IReadOnlyList<string> excludedConnectionIds, CancellationToken cancellationToken = default) =>
        SendAsync(() => _redis.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken),
            () => _local.SendGroupExceptAsync(groupName, methodName, args, excludedConnectionIds, cancellationToken), methodName);

    public override Task SendUserAsync(string userId, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(() => _redis.SendUserAsync(userId, methodName, args, cancellationToken), () => _local.SendUserAsync(userId, methodName, args, cancellationToken), methodName);

    public override Task SendUsersAsync(IReadOnlyList<string> userIds, string methodName, object?[] args, CancellationToken cancellationToken = default) =>
        SendAsync(() => _redis.SendUsersAsync(userIds, methodName, args, cancellationToken), () => _local.SendUsersAsync(userIds, methodName, args, cancellationToken), methodName);

    private async Task SendAsync(Func<Task> throughRedis, Func<Task> locally, string method)
    {
        try
        {
            await throughRedis();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            await locally();
            LogFallback(_logger, method, ex.Message);
            throw new BackplaneUnavailableException($"Redis did not take the push ({ex.Message}); sent to this node's clients only", ex);
        }
    }

    /// <summary>Joining and leaving while Redis is away: this node's own manager has it; Redis's subscriptions follow when it is back.</summary>
    private async Task Tolerant(Func<Task> action, string what)
    {
        try
        {
            await action();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogTolerated(_logger, what, ex.Message);
        }
    }

    [LoggerMessage(EventId = 3040, Level = LogLevel.Warning, Message = "SignalR backplane: Redis refused {Method}; sent to this node's clients, the outbox retries it for the others: {Error}")]
    private static partial void LogFallback(ILogger logger, string method, string error);

    [LoggerMessage(EventId = 3041, Level = LogLevel.Warning, Message = "SignalR backplane: Redis refused {What}; this node's clients are served meanwhile: {Error}")]
    private static partial void LogTolerated(ILogger logger, string what, string error);
}
