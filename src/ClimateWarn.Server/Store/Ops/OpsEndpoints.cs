namespace ClimateWarn.Server.Store.Ops;

public static class OpsEndpoints
{
    public static IEndpointRouteBuilder MapOps(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/ops/ingest", async (int? limit, OpsDatabase ops, CancellationToken ct) =>
            limit is < 1 or > 5_000
                ? Results.Problem(statusCode: 400, title: "参数无效 Invalid parameter", detail: "limit must be between 1 and 5000.")
                : Results.Ok(await ops.LedgerAsync(limit ?? 200, latestPerKey: false, ct)))
            .WithSummary("入库台账 / Ingest ledger")
            .WithDescription("The ingest ledger, newest first (?limit=): each fetch, replay batch or import with its source, kind, places, range, points produced and written, status and error.")
            .WithTags("ops")
            .Produces(200)
            .ProducesProblem(400);
        app.MapGet("/api/ops/dead-letters", async (int? limit, OpsDatabase ops, CancellationToken ct) =>
            limit is < 1 or > 5_000
                ? Results.Problem(statusCode: 400, title: "参数无效 Invalid parameter", detail: "limit must be between 1 and 5000.")
                : Results.Ok(await ops.DeadLettersAsync(limit ?? 200, ct)))
            .WithSummary("拒收数据 / Dead letters")
            .WithDescription("Lines the time-series store refused, with the store's reason (?limit=), newest first.")
            .WithTags("ops")
            .Produces(200)
            .ProducesProblem(400);
        return app;
    }
}
