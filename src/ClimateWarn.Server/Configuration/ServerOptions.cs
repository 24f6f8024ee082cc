using System.Net;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Configuration;

public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>
    /// The address the public reaches the server at (https://warn.example.org): links in the Atom feed and CAP documents
    /// use it, never the request's Host header. Unset: the server's own listening address.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Proxies (IP addresses) whose X-Forwarded-For and X-Forwarded-Proto are believed; loopback always is.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies in CIDR form (10.0.0.0/8).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>The validated public base URL without a trailing slash, or null.</summary>
    public Uri? PublicBase => Uri.TryCreate(PublicBaseUrl?.TrimEnd('/'), UriKind.Absolute, out var u) ? u : null;
}

/// <summary>Refuses a public base URL that is not an absolute http(s) URL, and proxies that are not addresses.</summary>
public sealed class ServerOptionsValidator : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!string.IsNullOrEmpty(options.PublicBaseUrl)
            && (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.UserInfo)))
        {
            problems.Add($"{ServerOptions.Section}:{nameof(options.PublicBaseUrl)} = '{options.PublicBaseUrl}' must be an absolute http(s) URL without query or credentials, e.g. https://warn.example.org");
        }

        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                problems.Add($"{ServerOptions.Section}:{nameof(options.KnownProxies)}:{i} = '{options.KnownProxies[i]}' is not an IP address");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!System.Net.IPNetwork.TryParse(options.KnownNetworks[i], out _))
            {
                problems.Add($"{ServerOptions.Section}:{nameof(options.KnownNetworks)}:{i} = '{options.KnownNetworks[i]}' is not a network in CIDR form (10.0.0.0/8)");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>Where the public reaches this server, for the links it writes.</summary>
public static class PublicAddress
{
    /// <summary>
    /// The base of links the server writes (feed, CAP): the configured public base URL, else the server's own first listening
    /// address; never the request's Host header, which anyone can set.
    /// </summary>
    public static string BaseUrl(ServerOptions options, Microsoft.AspNetCore.Hosting.Server.IServer server)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(server);
        if (options.PublicBase is { } configured)
        {
            return configured.ToString().TrimEnd('/');
        }

        var listening = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost";
        return listening.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
            .Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).TrimEnd('/');
    }
}
