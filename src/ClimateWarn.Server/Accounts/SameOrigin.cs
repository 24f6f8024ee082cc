using ClimateWarn.Server.Configuration;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Accounts;

/// <summary>
/// Cross-site writes refused: SameSite=Strict keeps the cookie off most cross-site requests, but not all (a sibling
/// subdomain is "same-site"; a non-browser client sends whatever it likes). Every unsafe request (POST, PUT, PATCH,
/// DELETE) and every request to the hub (negotiate and the WebSocket upgrade) that names a foreign Origin, or that the
/// browser marks cross-site or same-site in Sec-Fetch-Site, is answered 403. Requests naming neither (curl, the farmers'
/// app, tests) pass: they carry no browser's ambient cookie by accident.
/// </summary>
public sealed class SameOriginMiddleware(RequestDelegate next, IOptions<AccountsOptions> options, IOptions<ServerOptions> server)
{
    // The configured public address is the server's own origin too (behind a proxy the request's host may differ).
    private readonly HashSet<string> _allowed = new(
        options.Value.AllowedOrigins.Select(o => o.TrimEnd('/'))
            .Concat(server.Value.PublicBase is { } b ? [b.GetLeftPart(UriPartial.Authority)] : []),
        StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var guarded = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
            || request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase);
        if (guarded && Refusal(request) is { } reason)
        {
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "跨站请求被拒绝 Cross-site request refused", detail: reason).ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private string? Refusal(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            var own = request.Scheme + "://" + request.Host.Value;
            return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) || _allowed.Contains(origin)
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"来源 {Shorten(origin)} 不是本站 Origin {Shorten(origin)} is not this server's ({own}); only its own pages (and {AccountsOptions.Section}:{nameof(AccountsOptions.AllowedOrigins)}) may write or use the hub.");
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site is "cross-site" or "same-site"
            ? $"来自其他站点的请求 The browser marks this request {site}; only this server's own pages may write or use the hub."
            : null;
    }

    private static string Shorten(string origin) => origin.Length <= 100 ? origin : origin[..100] + "…";
}

/// <summary>Each allowed origin is a scheme and host (and port), nothing more: "https://warn.example.cn".</summary>
public sealed class AccountsOptionsValidator : IValidateOptions<AccountsOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        for (var i = 0; i < options.AllowedOrigins.Count; i++)
        {
            var origin = options.AllowedOrigins[i];
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/" || origin.TrimEnd('/') != uri.GetLeftPart(UriPartial.Authority))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{AccountsOptions.Section}:{nameof(AccountsOptions.AllowedOrigins)}:{i} = '{origin}' is not an origin (scheme, host and port only, e.g. https://warn.example.cn)"));
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
