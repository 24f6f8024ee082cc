using Microsoft.AspNetCore.Diagnostics;

namespace ClimateWarn.Server.Hosting;

/// <summary>
/// A request ASP.NET Core cannot bind (malformed JSON, a wrong type, a missing body) answers 400 ProblemDetails that
/// says why, instead of a bare "Bad Request": route handlers throw (ThrowOnBadRequest) and this handler writes it.
/// </summary>
internal sealed partial class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        // A body over Kestrel's limit is answered 413 by the framework itself (no exception reaches this handler): word it here.
        services.Configure<ProblemDetailsOptions>(o =>
        {
            var earlier = o.CustomizeProblemDetails;
            o.CustomizeProblemDetails = context =>
            {
                earlier?.Invoke(context);
                if (context.ProblemDetails.Status == StatusCodes.Status413PayloadTooLarge && context.ProblemDetails.Detail is null)
                {
                    context.ProblemDetails.Title = "请求过大 Request too large";
                    context.ProblemDetails.Detail = TooLarge;
                }
            };
        });
        return services.AddExceptionHandler<BadRequestHandler>();
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "请求过大 Request too large" : "请求无效 Invalid request",
                Detail = Explain(bad),
            },
        });
    }

    /// <summary>The longest detail an answer carries; what the client sent is quoted at most <see cref="MaxQuoted"/> characters.</summary>
    public const int MaxDetail = 400;
    public const int MaxQuoted = 40;

    private const string TooLarge = "请求体超过服务器允许的大小 / the request body is larger than this server accepts (Kestrel:Limits:MaxRequestBodySize).";

    /// <summary>
    /// Why the request was refused, in the caller's terms: the field and the reason, never an internal type name, and never
    /// more than a short quote of what was sent (a 10 MB value is not echoed back).
    /// </summary>
    internal static string Explain(BadHttpRequestException bad)
    {
        string detail;
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            detail = TooLarge;
        }
        else if (bad.InnerException is System.Text.Json.JsonException json)
        {
            var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "" : $" ({json.Path.TrimStart('$', '.')})";
            // Our own converters speak to the user; the serializer's own messages name .NET types, so say it plainly.
            detail = json.Message.Contains(" / ", StringComparison.Ordinal)
                ? $"{json.Message.Split(" Path:", 2)[0]}{field}"
                : $"请求体不是此接口要求的 JSON / the body is not the JSON this request takes{field}: check the field's type and the syntax.";
        }
        else if (Quoted().Match(bad.Message) is { Success: true } m)
        {
            // 'Failed to bind parameter "long id" from "abc".' and the like: name the parameter, quote a little of the value.
            var value = m.Groups["value"].Value;
            detail = $"参数 {m.Groups["name"].Value} 的值无效 / the value of '{m.Groups["name"].Value}' is not valid: \"{Shorten(value, MaxQuoted)}\".";
        }
        else if (bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
        {
            detail = "缺少或无法读取请求体 / the request body is missing or could not be read as JSON (Content-Type: application/json).";
        }
        else
        {
            detail = TypeNames().Replace(bad.Message, "");
        }

        return Shorten(detail, MaxDetail);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    [System.Text.RegularExpressions.GeneratedRegex("""parameter "(?:[^" ]+ )?(?<name>[^" ]+)" from "(?<value>.*)"\.?$""", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex Quoted();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(System|Microsoft|ClimateWarn)(\.[A-Za-z0-9_`\[\]]+)+\s?")]
    private static partial System.Text.RegularExpressions.Regex TypeNames();
}
