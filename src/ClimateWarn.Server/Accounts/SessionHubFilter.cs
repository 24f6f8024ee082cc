using System.Collections.Concurrent;
using ClimateWarn.Server.Store.Relational;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;

namespace ClimateWarn.Server.Accounts;

/// <summary>
/// A hub connection keeps the sign-in it was opened with, so it could outlive a logout or the cookie's expiry. Every
/// call on a signed-in connection is checked against the account's security stamp (renewed at logout and by
/// `users passwd`) and the sign-in's expiry on people's clock; a stale one is refused (the client reconnects to sign in
/// afresh). A logout also closes that account's connections at once (no more pushes to operators).
/// </summary>
public sealed class SessionHubFilter(TimeProvider time) : IHubFilter
{
    private const string ExpiresKey = "session-expires";
    private readonly ConcurrentDictionary<string, (string UserId, HubCallerContext Context)> _connections = new(StringComparer.Ordinal);

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var caller = context.Context;
        if (caller.User?.Identity?.IsAuthenticated == true && caller.UserIdentifier is { } userId)
        {
            var expires = caller.GetHttpContext()?.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.ExpiresUtc;
            if (expires is not null)
            {
                caller.Items[ExpiresKey] = expires.Value;
            }

            _connections[caller.ConnectionId] = (userId, caller);
        }

        await next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        _connections.TryRemove(context.Context.ConnectionId, out _);
        return next(context, exception);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var caller = invocationContext.Context;
        if (caller.User?.Identity?.IsAuthenticated == true)
        {
            var expired = caller.Items.TryGetValue(ExpiresKey, out var at) && at is DateTimeOffset expires && expires <= time.GetUtcNow();
            var signIn = invocationContext.ServiceProvider.GetRequiredService<SignInManager<Account>>();
            if (expired || await signIn.ValidateSecurityStampAsync(caller.User) is null)
            {
                throw new HubException("登录已失效，请重新登录 Your sign-in has ended (signed out or expired); sign in again.");
            }
        }

        return await next(invocationContext);
    }

    /// <summary>Closes every hub connection opened with this account's sign-in (at logout).</summary>
    public void EndSessions(string userId)
    {
        foreach (var (_, (owner, context)) in _connections)
        {
            if (owner == userId)
            {
                context.Abort();
            }
        }
    }
}
