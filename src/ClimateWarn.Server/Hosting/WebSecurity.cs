using System.Net;
using ClimateWarn.Server.Configuration;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Hosting;

/// <summary>
/// The server behind a TLS proxy and in front of browsers: forwarded headers from known proxies only, Secure cookies when
/// the request (or the public base URL) is HTTPS, and security headers on every answer (a content security policy that
/// allows only the server's own scripts, no framing, no sniffing). docs/operations.md shows the proxy side.
/// </summary>
public static class WebSecurity
{
    /// <summary>The API page (Scalar) starts itself with an inline module script; only that path may run one.</summary>
    private const string PagePolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string ApiPagePolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddWebSecurity(this IServiceCollection services)
    {
        services.AddValidatedOptions<ServerOptions>(ServerOptions.Section);
        services.AddSingleton<IValidateOptions<ServerOptions>, ServerOptionsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ServerOptions>>((o, server) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in server.Value.KnownProxies.Where(p => IPAddress.TryParse(p, out _)))
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in server.Value.KnownNetworks.Where(n => System.Net.IPNetwork.TryParse(n, out _)))
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        // Cookies: Secure whenever the request came over HTTPS (directly or through a known proxy), always when public is https.
        services.AddOptions<CookieAuthenticationOptions>(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme)
            .Configure<IOptions<ServerOptions>>((o, server) => o.Cookie.SecurePolicy =
                server.Value.PublicBase?.Scheme == "https" ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        return services;
    }

    /// <summary>First in the pipeline: the forwarded headers, then the security headers on every answer.</summary>
    public static IApplicationBuilder UseWebSecurity(this IApplicationBuilder app)
    {
        app.UseForwardedHeaders();
        return app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ApiDocs.PagePath) ? ApiPagePolicy : PagePolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next(context);
        });
    }
}
