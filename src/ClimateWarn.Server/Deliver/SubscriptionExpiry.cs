using ClimateWarn.Server.Configuration;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Deliver;

public sealed class SubscriptionOptions
{
    public const string Section = "Subscriptions";

    /// <summary>A subscription nobody read, changed or subscribed with for this long is deleted.</summary>
    [Duration("1.00:00:00", "3650.00:00:00")]
    public TimeSpan ExpireUnusedAfter { get; set; } = TimeSpan.FromDays(180);

    [Duration("00:01:00", "7.00:00:00")]
    public TimeSpan ExpiryCheckEvery { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>Deletes unused farmers' subscriptions, on the people's clock (the injected TimeProvider), every ExpiryCheckEvery.</summary>
public sealed partial class SubscriptionExpiry(Devices devices, IOptions<SubscriptionOptions> options, TimeProvider time, ILogger<SubscriptionExpiry> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ExpiryCheckEvery, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var deleted = await devices.ExpireAsync(options.Value.ExpireUnusedAfter, stoppingToken);
                if (deleted > 0)
                {
                    LogExpired(logger, deleted, options.Value.ExpireUnusedAfter);
                }
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateException ex)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "{Count} subscriptions unused for {Period} deleted")]
    private static partial void LogExpired(ILogger logger, int count, TimeSpan period);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Error, Message = "Subscription expiry failed; retrying at the next check")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
