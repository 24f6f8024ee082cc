using Microsoft.AspNetCore.Diagnostics;

namespace ClimateWarn.Server.Hosting;

/// <summary>
/// A request ASP.NET Core cannot bind (malformed JSON, a wrong type, a missing body) answers 400 ProblemDetails that
/// says why, instead of a bare "Bad Request": route handlers throw (ThrowOnBadRequest) and this handler writes it.
/// </summary>
internal sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services.AddExceptionHandler<BadRequestHandler>();
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        var detail = bad.InnerException is { } inner ? $"{bad.Message} {inner.Message}" : bad.Message;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = bad.StatusCode, Title = "请求无效 Invalid request", Detail = detail },
        });
    }
}
