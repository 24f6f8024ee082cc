using ClimateWarn.Server.Accounts;
using ClimateWarn.Core;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Deliver;
using ClimateWarn.Server.Store.Relational;

namespace ClimateWarn.Server.Warn;

public sealed record Decision(int? RowVersion, string? Reason);

public sealed record AckRequest(string? District);

public static class WarningsEndpoints
{
    public const int MaxPage = 500;

    public static IEndpointRouteBuilder MapWarnings(this IEndpointRouteBuilder app)
    {
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
        // Operators and admins see who did what, drafts, edits, reasons and deliveries; everyone else the published
        // messages and, per district, whether and when it was acknowledged, without names.
        app.MapGet("/api/warnings/{id}", async (string id, HttpContext http, WarningLog log, Acknowledgements acks, CancellationToken ct) =>
        {
            var messages = await log.ForWarningAsync(id, ct);
            if (messages.Count == 0)
            {
                return NotFound(id);
            }

            var staff = Roles.IsOperatorOrAdmin(http.User);
            var owed = await acks.ForAsync(id, pendingOnly: false, ct);
            var timeline = await acks.TimelineAsync(messages, publicOnly: !staff, ct);
            if (!staff)
            {
                messages = [.. messages.Select(m => m with { ApprovedBy = null })];
                owed = [.. owed.Select(a => a with { AcknowledgedBy = null })];
            }

            return Results.Ok(new { warning = messages[^1], messages, acks = owed, timeline });
        });
        app.MapGet("/api/bulletins", (WarningBoard board, PlaceCatalog places, HazardRegistry hazards) => BulletinComposer.Combine(board.Active, places, hazards, TimeZones.Shanghai));
        app.MapGet("/api/acks", async (bool? pending, Acknowledgements acks, CancellationToken ct) => await acks.ForAsync(null, pending ?? true, ct))
            .RequireStaff();
        app.MapPost("/api/warnings/{id}/acknowledge", async (string id, AckRequest? body, HttpContext http, Acknowledgements acks, CancellationToken ct) =>
            body?.District is not { Length: > 0 and <= 12 } district
                ? Invalid("district is required.")
                : Answer(await acks.AcknowledgeAsync(id, district, http.User.Identity!.Name!, Roles.DistrictsOf(http.User), ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.WatchOfficer));

        var operators = app.MapGroup("/api").RequireAuthorization(p => p.RequireRole(Roles.Operator));
        operators.MapGet("/drafts", async (bool? all, Approvals approvals, CancellationToken ct) => await approvals.DraftsAsync(!(all ?? false), ct));
        operators.MapPost("/drafts/{id:long}/approve", async (long id, Decision? body, HttpContext http, Approvals approvals, CancellationToken ct) =>
            body?.RowVersion is not { } version ? Invalid("rowVersion is required.") : Answer(await approvals.ApproveAsync(id, version, http.User.Identity!.Name!, ct)));
        operators.MapPost("/drafts/{id:long}/edit", async (long id, DraftEdit? body, HttpContext http, Approvals approvals, CancellationToken ct) =>
            body is null ? Invalid("an edit body is required.")
            : body.RowVersion is null ? Invalid("rowVersion is required.")
            : Answer(await approvals.EditAsync(id, body, http.User.Identity!.Name!, ct)));
        operators.MapPost("/drafts/{id:long}/reject", async (long id, Decision? body, HttpContext http, Approvals approvals, CancellationToken ct) =>
            body?.RowVersion is not { } version ? Invalid("rowVersion is required.") : Answer(await approvals.RejectAsync(id, version, body.Reason, http.User.Identity!.Name!, ct)));
        operators.MapPost("/warnings/{id}/lift", async (string id, Decision? body, HttpContext http, Approvals approvals, CancellationToken ct) =>
            Answer(await approvals.LiftAsync(id, body?.Reason, http.User.Identity!.Name!, ct)));
        app.MapGet("/api/audit", async (string? target, int? limit, Approvals approvals, CancellationToken ct) =>
            limit is < 1 or > 1_000 ? Invalid("limit must be between 1 and 1000.") : Results.Ok(await approvals.AuditAsync(target, limit ?? 200, ct)))
            .RequireOperatorOrAdmin();

        return app;
    }

    internal static IResult Answer<T>(Outcome<T> outcome) => outcome.Value is { } value
        ? Results.Ok(value)
        : Results.Problem(statusCode: outcome.Status, title: outcome.Status switch
        {
            400 => "请求无效 Invalid request",
            403 => "无权操作 Forbidden",
            404 => "未找到 Not found",
            409 => "版本冲突 Conflict",
            _ => "操作失败 Failed",
        }, detail: outcome.Error);

    internal static IResult Invalid(string detail) => Results.Problem(statusCode: 400, title: "请求无效 Invalid request", detail: detail);

    private static IResult NotFound(string id) => Results.Problem(statusCode: 404, title: "未知预警 Unknown warning", detail: $"No published message for warning '{id}'.");
}
