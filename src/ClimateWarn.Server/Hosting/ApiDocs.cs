using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace ClimateWarn.Server.Hosting;

/// <summary>
/// The API described by the server itself: an OpenAPI 3.1 document at <c>/openapi/v1.json</c> (Microsoft.AspNetCore.OpenApi,
/// built from the endpoints' own metadata: parameters, bodies, answers) and an interactive page at <c>/api/docs</c> (Scalar,
/// its script served from the package, no CDN, no web fonts). Each endpoint states its summary and description where it is
/// mapped; who may call it is read from its authorization metadata here, so the document cannot drift from what is enforced.
/// </summary>
public static class ApiDocs
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string PagePath = "/api/docs";

    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "ClimateWarn 气候灾害预警系统 API",
                    Version = "v1",
                    Description = "气候灾害预警系统的 HTTP 接口 / the climate-hazard early-warning API. Sign-in is a cookie from POST /api/auth/login; each operation says " +
                        "which roles may call it. Times are UTC (ISO 8601); pages show them in Asia/Shanghai. Real-time messages come " +
                        "over the SignalR hub /hubs/warnings (see docs/api.md).",
                };
                // Health checks are not minimal-API handlers, so the document generator does not see them: described here.
                document.Paths ??= [];
                document.Paths["/health/live"] = Health("存活检查 / Liveness", "200 while the process serves requests; for the service manager's restart decision.");
                document.Paths["/health/ready"] = Health("就绪检查 / Readiness",
                    "200 when the store and every source are healthy; 503 naming each failing part (a source unreachable, a full disk) with its error.");
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                var who = Who(context.Description.ActionDescriptor.EndpointMetadata);
                operation.Description = string.IsNullOrEmpty(operation.Description) ? who : $"{operation.Description}\n\n{who}";
                if (who != Anonymous)
                {
                    operation.Responses ??= [];
                    operation.Responses.TryAdd("401", new OpenApiResponse { Description = "未登录 / not signed in (ProblemDetails)" });
                    operation.Responses.TryAdd("403", new OpenApiResponse { Description = "无权限 / signed in without the role (ProblemDetails)" });
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentPath);
        app.MapScalarApiReference(PagePath, o => o
            .WithTitle("ClimateWarn API")
            .WithOpenApiRoutePattern(DocumentPath)
            .DisableDefaultFonts()
            .DisableAgent()       // no "Ask AI" calling out to Scalar's service
            .DisableMcp()
            .DisableTelemetry()
            .HideDeveloperTools()
            .WithDotNetFlag(false));
        return app;
    }

    /// <summary>
    /// The endpoints a reader of the document would miss something on: every HTTP endpoint not excluded from the document
    /// (pages, the hub) must carry a summary and a description where it is mapped ("GET /api/x: no summary").
    /// </summary>
    public static IReadOnlyList<string> Undocumented(IEnumerable<EndpointDataSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var problems = new List<string>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var meta = endpoint.Metadata;
            if (meta.GetMetadata<HttpMethodMetadata>() is not { } methods || meta.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true }
                || meta.GetMetadata<Microsoft.AspNetCore.SignalR.HubMetadata>() is not null)
            {
                continue;
            }

            var name = $"{string.Join("/", methods.HttpMethods)} {endpoint.RoutePattern.RawText}";
            if (string.IsNullOrWhiteSpace(meta.GetMetadata<IEndpointSummaryMetadata>()?.Summary))
            {
                problems.Add($"{name}: no summary (.WithSummary)");
            }

            if (string.IsNullOrWhiteSpace(meta.GetMetadata<IEndpointDescriptionMetadata>()?.Description))
            {
                problems.Add($"{name}: no description (.WithDescription)");
            }
        }

        return problems;
    }

    private static OpenApiPathItem Health(string summary, string description) => new()
    {
        Operations = new Dictionary<HttpMethod, OpenApiOperation>
        {
            [HttpMethod.Get] = new()
            {
                Summary = summary,
                Description = description + "\n\n" + Anonymous,
                Tags = new HashSet<OpenApiTagReference> { new("health") },
                Responses = new OpenApiResponses
                {
                    ["200"] = new OpenApiResponse { Description = "Healthy (text/plain \"Healthy\")" },
                    ["503"] = new OpenApiResponse { Description = "Unhealthy, with the reasons (text/plain)" },
                },
            },
        },
    };

    internal const string Anonymous = "调用者 / Who may call: anyone (anonymous).";

    /// <summary>"Who may call" in words, from the endpoint's [Authorize]/RequireAuthorization metadata and role requirements.</summary>
    internal static string Who(IEnumerable<object> metadata)
    {
        var all = metadata.ToList();
        if (all.OfType<IAllowAnonymous>().Any() || !all.OfType<IAuthorizeData>().Any() && !all.OfType<AuthorizationPolicy>().Any())
        {
            return Anonymous;
        }

        var roles = all.OfType<IAuthorizeData>().SelectMany(a => (a.Roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Concat(all.OfType<AuthorizationPolicy>().SelectMany(p => p.Requirements.OfType<RolesAuthorizationRequirement>()).SelectMany(r => r.AllowedRoles))
            .Distinct(StringComparer.Ordinal).ToList();
        return roles.Count == 0
            ? "调用者 / Who may call: any signed-in user."
            : $"调用者 / Who may call: {string.Join(" or ", roles)} (signed in).";
    }
}
