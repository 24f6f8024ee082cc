using System.Reflection;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Deliver;

/// <summary>
/// A hub method only these roles may call. Checked by <see cref="HubCallLimiter"/> rather than [Authorize], whose refusals
/// the dispatcher answers before any filter runs, so they could not be counted nor logged as one line.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HubRolesAttribute(params string[] roles) : Attribute
{
    public IReadOnlyList<string> Roles { get; } = roles;
}

/// <summary>
/// Every hub method call: counted per client in a fixed window (refused past the limit), its roles checked, and each
/// refusal (limit, role, bad argument) logged as one line without a stack trace; the caller gets a HubException.
/// </summary>
public sealed partial class HubCallLimiter(IOptions<RateLimitOptions> options, ILogger<HubCallLimiter> logger) : IHubFilter, IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.HubCalls,
            Window = options.Value.HubCallsWindow,
            QueueLimit = 0,
        }));

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var method = invocationContext.HubMethodName;
        var http = invocationContext.Context.GetHttpContext();
        var client = http is null ? "unknown" : ClientLimits.ClientOf(http);
        using var lease = _limiter.AttemptAcquire(client);
        if (!lease.IsAcquired)
        {
            LogRefused(logger, method, client, "rate limit");
            throw new HubException("请求过于频繁，请稍后再试 Too many calls from this address: try again later.");
        }

        var roles = invocationContext.HubMethod.GetCustomAttribute<HubRolesAttribute>()?.Roles;
        var user = invocationContext.Context.User;
        if (roles is not null && (user?.Identity?.IsAuthenticated != true || !roles.Any(user.IsInRole)))
        {
            var needed = string.Join(" or ", roles);
            LogRefused(logger, method, client, "not signed in as " + needed);
            throw new HubException($"无权操作 Forbidden: {method} needs a {needed} signed in.");
        }

        try
        {
            return await next(invocationContext);
        }
        catch (HubException ex)
        {
            LogRefused(logger, method, client, ex.Message);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The dispatcher's own log of failed calls is off (DeliverSetup): a real failure is logged here, with its trace.
            LogFailed(logger, method, ex);
            throw;
        }
    }

    /// <summary>The dispatcher logs every failed call, refusals included, as an error with a stack trace; we log them instead.</summary>
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public void Dispose() => _limiter.Dispose();

    [LoggerMessage(EventId = 4105, Level = LogLevel.Error, Message = "Hub call {Method} failed")]
    private static partial void LogFailed(ILogger logger, string method, Exception ex);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Hub call {Method} refused for {Client}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string client, string reason);
}
