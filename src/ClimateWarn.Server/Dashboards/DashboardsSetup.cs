using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Bureau;
using ClimateWarn.Server.Ingest;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Dashboards;

/// <summary>
/// The audience dashboards: their pages (wwwroot/*.html, sharing wwwroot/js/common.js) and the few read endpoints
/// only the pages need: advice texts, data freshness, observed-vs-forecast series and the verification table.
/// </summary>
public static class DashboardsSetup
{
    /// <summary>The page routes; /health is the health dashboard, while /health/live and /health/ready stay health checks.</summary>
    public static readonly IReadOnlyList<string> Pages = ["emergency", "agriculture", "health", "ops", "farmer"];

    public static IServiceCollection AddDashboards(this IServiceCollection services, string configDirectory, GuidanceCatalog guidance) =>
        services.AddSingleton(AdviceLoader.Load(configDirectory, guidance)).AddMemoryCache().AddSingleton<VerificationPages>();

    public static IEndpointRouteBuilder MapDashboards(this IEndpointRouteBuilder app)
    {
        foreach (var page in Pages)
        {
            app.MapGet("/" + page, (IWebHostEnvironment env) =>
                env.WebRootFileProvider.GetFileInfo(page + ".html") is { Exists: true, PhysicalPath: { } path }
                    ? Results.File(path, "text/html; charset=utf-8")
                    : Results.Problem(statusCode: 404, title: "页面缺失 Page missing", detail: $"wwwroot/{page}.html is not deployed."))
                .ExcludeFromDescription();   // a page, not an API
        }

        app.MapGet("/api/advice", (AdviceCatalog advice) => Results.Ok(new
        {
            crops = new { note = advice.CropsNote, items = advice.Crops },
            health = new { note = advice.HealthNote, items = advice.Groups },
            hazardNames = advice.HazardNames.Select(n => new { hazard = n.Key, nameZh = n.Value.Zh, nameEn = n.Value.En }),
        }))
            .WithSummary("农事与健康建议 / Advice")
            .WithDescription("Crop and health advice texts the dashboards show beside warnings, and zh/en names of hazards advised on before they have a rule.")
            .WithTags("dashboards")
            .Produces(200);
        // Freshness per source against the server's clock (the simulated clock in replay), so pages never compare to the browser's.
        app.MapGet("/api/dashboards/sources", (SourceHealth health, PipelineClock clock) => Results.Ok(new
        {
            now = clock.Now,
            sources = health.All,
        }))
            .WithSummary("数据新鲜度 / Source freshness")
            .WithDescription("Each source's last success, last failure and error, and points written, with the pipeline's now (the simulated clock in a replay), so pages judge freshness against the server and not the browser.")
            .WithTags("dashboards")
            .Produces(200);
        app.MapSeries();
        app.MapVerification();
        app.MapIndicesSeason();
        app.MapFireDanger();
        return app;
    }
}
