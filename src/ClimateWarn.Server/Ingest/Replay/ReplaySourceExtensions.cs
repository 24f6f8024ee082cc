using ClimateWarn.Core.Places;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Ingest.Replay;

public static class ReplaySourceExtensions
{
    /// <summary>Replaces the live sources and the pipeline's clock: the ISD-Lite records drive the pipeline in simulated time (people's clock stays the wall clock).</summary>
    public static IServiceCollection AddReplaySource(this IServiceCollection services, ResolvedPaths paths, PlaceCatalog places)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var records = new ReplayRecords(paths.Replay, places);
        var clock = new ReplayClock(records.First);
        services.AddValidatedOptions<ReplayOptions>(ReplayOptions.Section);
        services.AddSingleton(records);
        services.AddSingleton(new ReplayPosition(paths));
        services.AddSingleton(clock);
        services.AddSingleton(new PipelineClock(clock, simulated: true));
        services.AddSingleton<ReplayForecastSource>();
        services.AddSingleton<IForecastSource>(sp => sp.GetRequiredService<ReplayForecastSource>());
        services.AddSingleton<ReplayDriver>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplayDriver>());
        return services;
    }

    public static IEndpointRouteBuilder MapReplay(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/replay", (ReplayDriver driver) => driver.Status)
            .WithSummary("回放状态 / Replay status")
            .WithDescription("Replay mode only: the replay's state (waiting, running, finished), simulated time, range and speed, and the record each district uses (districts: code, nameZh, isdId, record; record null when the district gets no replay data).")
            .WithTags("replay")
            .Produces(200);
        app.MapPost("/api/replay/start", (ReplayDriver driver) => driver.StartNow()
            ? Results.Accepted("/api/replay", driver.Status)
            : driver.Refusal is { } refusal
                ? Results.Problem(statusCode: 409, title: "数据目录已有更晚的预警，回放不能开始 The data directory already holds later warnings", detail: refusal)
                : Results.Problem(statusCode: 409, title: "回放已开始 Replay already started"))
            .WithSummary("开始回放 / Start the replay")
            .WithDescription("Replay mode only: starts a manual replay (202). 409 when it has already started, or when the data directory holds later messages than the replay would write.")
            .WithTags("replay")
            .Produces(202)
            .ProducesProblem(409);
        return app;
    }
}
