using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using ClimateWarn.Server.Configuration;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Deliver;

/// <summary>Per client (IP address, after forwarded headers): anonymous writes and hub method calls in a fixed window.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Anonymous writes (subscriptions created, changed, deleted) one client may make per <see cref="AnonymousWritesWindow"/>.</summary>
    [Range(1, 1_000_000)]
    public int AnonymousWrites { get; set; } = 30;

    [Duration("00:00:01", "1.00:00:00")]
    public TimeSpan AnonymousWritesWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Hub method calls one client may make per <see cref="HubCallsWindow"/>.</summary>
    [Range(1, 1_000_000)]
    public int HubCalls { get; set; } = 300;

    [Duration("00:00:01", "1.00:00:00")]
    public TimeSpan HubCallsWindow { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>ASP.NET Core's rate limiter on anonymous writes: 429 ProblemDetails with Retry-After, one log line per refusal.</summary>
public static partial class ClientLimits
{
    public const string AnonymousWrites = "anonymous-writes";

    public static IServiceCollection AddClientLimits(this IServiceCollection services)
    {
        services.AddValidatedOptions<RateLimitOptions>(RateLimitOptions.Section);
        services.AddSingleton<HubCallLimiter>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = OnRejectedAsync;
        });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((o, limits) => o.AddPolicy(AnonymousWrites, http =>
            RateLimitPartition.GetFixedWindowLimiter(ClientOf(http), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.Value.AnonymousWrites,
                Window = limits.Value.AnonymousWritesWindow,
                QueueLimit = 0,
            })));
        return services;
    }

    /// <summary>The client a limit counts: its address as Kestrel sees it, or as a known proxy forwarded it.</summary>
    public static string ClientOf(HttpContext http) => http?.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClientLimits).FullName!);
        var client = ClientOf(http);
        var path = http.Request.Path.Value ?? string.Empty;
        LogRefused(logger, http.Request.Method, path, client, seconds);
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "请求过于频繁 Too many requests",
            detail: string.Create(CultureInfo.InvariantCulture, $"请 {seconds} 秒后再试。 Too many requests from this address: try again in {seconds} s.")).ExecuteAsync(http);
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "{Method} {Path} refused for {Client}: rate limit, retry after {Seconds} s")]
    private static partial void LogRefused(ILogger logger, string method, string path, string client, int seconds);
}
