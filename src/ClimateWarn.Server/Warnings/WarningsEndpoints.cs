using ClimateWarn.Core.Places;

namespace ClimateWarn.Server.Warnings;

public static class WarningsEndpoints
{
    public const int MaxPage = 500;

    public static IEndpointRouteBuilder MapWarnings(this IEndpointRouteBuilder app)
    {
        app.MapHub<WarningsHub>("/hubs/warnings");
        // ?active=true (default): warnings in force. ?afterSeq=N: every message after N, in order (catch-up after a gap).
        app.MapGet("/api/warnings", async (bool? active, long? afterSeq, string? district, int? limit,
            WarningBoard board, WarningLog log, PlaceCatalog places, CancellationToken ct) =>
        {
            if (district is not null && !places.TryGetDistrict(district, out _))
            {
                return Results.Problem(statusCode: 404, title: "未知区县 Unknown district", detail: $"No district has code '{district}'.");
            }

            if (afterSeq is < 0 || limit is < 1 or > MaxPage)
            {
                return Results.Problem(statusCode: 400, title: "参数无效 Invalid parameter",
                    detail: $"afterSeq must be ≥ 0 and limit between 1 and {MaxPage}.");
            }

            var warnings = afterSeq is { } after
                ? await log.AfterAsync(after, limit ?? MaxPage, ct)
                : active ?? true ? board.Active : await log.AfterAsync(Math.Max(0, board.LastSequence - (limit ?? 100)), limit ?? 100, ct);
            var filtered = district is null ? warnings : [.. warnings.Where(w => w.Districts.Contains(district))];
            return Results.Ok(new { lastSequence = board.LastSequence, warnings = filtered });
        });
        app.MapGet("/api/ops/deliveries", async (bool? pending, int? limit, Outbox outbox, CancellationToken ct) =>
            limit is < 1 or > 5_000
                ? Results.Problem(statusCode: 400, title: "参数无效 Invalid parameter", detail: "limit must be between 1 and 5000.")
                : Results.Ok(await outbox.StatesAsync(pending ?? false, limit ?? 200, ct)));
        return app;
    }
}
