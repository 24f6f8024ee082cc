namespace ClimateWarn.Server.Store.Ops;

public static class OpsEndpoints
{
    public static IEndpointRouteBuilder MapOps(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/ops/ingest", async (int? limit, OpsDatabase ops, CancellationToken ct) =>
            limit is < 1 or > 5_000
                ? Results.Problem(statusCode: 400, title: "参数无效 Invalid parameter", detail: "limit must be between 1 and 5000.")
                : Results.Ok(await ops.LedgerAsync(limit ?? 200, latestPerKey: false, ct)));
        app.MapGet("/api/ops/dead-letters", async (int? limit, OpsDatabase ops, CancellationToken ct) =>
            limit is < 1 or > 5_000
                ? Results.Problem(statusCode: 400, title: "参数无效 Invalid parameter", detail: "limit must be between 1 and 5000.")
                : Results.Ok(await ops.DeadLettersAsync(limit ?? 200, ct)));
        return app;
    }
}
