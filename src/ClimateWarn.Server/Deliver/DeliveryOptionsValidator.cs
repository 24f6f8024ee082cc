using System.Globalization;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Deliver;

/// <summary>Refuses delivery settings that could never deliver (an empty webhook URL, no attempts), naming the key and the value.</summary>
public sealed class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        Hooks(nameof(options.Webhooks), options.Webhooks, problems);
        Hooks(nameof(options.EscalationWebhooks), options.EscalationWebhooks, problems);
        if (options.MaxAttempts < 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{DeliveryOptions.Section}:{nameof(options.MaxAttempts)} = {options.MaxAttempts} must be at least 1"));
        }

        foreach (var (key, value) in new[] { (nameof(options.RetryDelay), options.RetryDelay), (nameof(options.MaxRetryDelay), options.MaxRetryDelay), (nameof(options.AttemptTimeout), options.AttemptTimeout) })
        {
            if (value <= TimeSpan.Zero)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{DeliveryOptions.Section}:{key} = {value} must be more than zero"));
            }
        }

        if (options.MaxRetryDelay < options.RetryDelay)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{DeliveryOptions.Section}:{nameof(options.MaxRetryDelay)} = {options.MaxRetryDelay} is shorter than RetryDelay ({options.RetryDelay})"));
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Hooks(string key, List<WebhookOptions> hooks, List<string> problems)
    {
        for (var i = 0; i < hooks.Count; i++)
        {
            var hook = hooks[i];
            var at = $"{DeliveryOptions.Section}:{key}:{i}";
            if (string.IsNullOrWhiteSpace(hook.Name) || hook.Name.Contains(':', StringComparison.Ordinal))
            {
                problems.Add($"{at}:Name = '{hook.Name}' must be a non-empty name without ':'");
            }
            else if (hooks.Take(i).Any(h => h.Name == hook.Name))
            {
                problems.Add($"{at}:Name = '{hook.Name}' is used twice");
            }

            if (!Uri.TryCreate(hook.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                problems.Add($"{at}:Url = '{hook.Url}' must be an absolute http(s) URL");
            }
            else if (!string.IsNullOrEmpty(url.UserInfo))
            {
                problems.Add($"{at}:Url carries credentials: give them as {at}:BearerToken (from the environment), never in the URL");
            }
        }
    }
}
