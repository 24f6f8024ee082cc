using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Deliver.Channels;
using ClimateWarn.Server.Store.Relational;
using ClimateWarn.Server.Warn;
using Microsoft.AspNetCore.SignalR;

namespace ClimateWarn.Server.Deliver;

public static class DeliverSetup
{
    /// <summary>The outbox's dispatcher and its channels (SignalR doorbell, webhooks, e-mail, the release platform's file drop), the hub and its relay, farmers' subscriptions.</summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services)
    {
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>();
        services.AddHttpClient(WebhookChannel.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan); // per attempt: Delivery:AttemptTimeout
        services.AddValidatedOptions<ReleasePlatform.ReleasePlatformOptions>(ReleasePlatform.ReleasePlatformOptions.Section);
        services.AddSingleton<ReleasePlatform.ReleasePlatformChannel>();
        services.AddDeliveryChannel<SignalRChannel>().AddDeliveryChannel<WebhookChannel>();
        services.AddSingleton<IDeliveryChannel>(sp => sp.GetRequiredService<ReleasePlatform.ReleasePlatformChannel>());
        services.AddValidatedOptions<Email.EmailOptions>(Email.EmailOptions.Section);
        services.AddDeliveryChannel<Email.EmailChannel>();
        services.AddValidatedOptions<Push.PushOptions>(Push.PushOptions.Section);
        services.AddSingleton<Push.VapidKeys>();
        services.AddHttpClient(Push.PushChannel.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);   // per attempt: Delivery:AttemptTimeout
        services.AddDeliveryChannel<Push.PushChannel>();
        services.AddSingleton<Outbox>().AddSingleton<Devices>();
        services.AddSingleton<DeliveryDispatcher>();
        services.AddSingleton<IDeliveryChannels>(sp => sp.GetRequiredService<DeliveryDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryDispatcher>());
        services.AddHostedService<HubRelay>();
        services.AddClientLimits();
        services.AddValidatedOptions<SubscriptionOptions>(SubscriptionOptions.Section);
        services.AddHostedService<SubscriptionExpiry>();
        services.Configure<LoggerFilterOptions>(o => o.AddFilter(HubCallLimiter.DispatcherCategory, LogLevel.None));
        services.AddSingleton<HubConnections>();
        services.AddSignalR(o => o.AddFilter<HubCallLimiter>()).AddJsonProtocol(o => WarningJson.Configure(o.PayloadSerializerOptions));
        return services;
    }
}
