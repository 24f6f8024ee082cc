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
        app.MapGet("/api/warnings", async (bool? active, long? afterSeq, string? district, int? limit, HttpContext http,
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
            // Who approved is operators' business: the public list names no one.
            var shown = Roles.IsOperatorOrAdmin(http.User) ? filtered : [.. filtered.Select(w => w.WithoutNames())];
            return Results.Ok(new { lastSequence = board.LastSequence, warnings = shown });
        })
            .WithSummary("预警 / Warnings")
            .WithDescription("Warnings in force (?active=true, the default), or every message after a sequence (?afterSeq=N&limit=…, oldest first): the catch-up after a gap or reconnect. ?district= filters by district. Answers { lastSequence, warnings }. 400 for a negative afterSeq or a limit outside 1–500, 404 for an unknown district.")
            .WithTags("warnings")
            .Produces(200)
            .ProducesProblem(400)
            .ProducesProblem(404);
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
                messages = [.. messages.Select(m => m.WithoutNames())];
                owed = [.. owed.Select(a => a with { AcknowledgedBy = null })];
            }

            return Results.Ok(new { warning = messages[^1], messages, acks = owed, timeline });
        })
            .WithSummary("预警详情 / One warning")
            .WithDescription("One warning: { warning, messages, acks, timeline }, its latest message, every message oldest first, the acknowledgements owed and the timeline. Operators and admins also see drafts, edits, reasons, names and deliveries; the public view names no one. 404 for an unknown warning.")
            .WithTags("warnings")
            .Produces(200)
            .ProducesProblem(404);
        app.MapGet("/api/bulletins", (WarningBoard board, PlaceCatalog places, HazardRegistry hazards) => BulletinComposer.Combine(board.Active, places, hazards, TimeZones.Shanghai))
            .WithSummary("综合公报 / Combined bulletins")
            .WithDescription("One combined bulletin per set of districts: every warning in force there in one zh/en text, most severe first.")
            .WithTags("warnings")
            .Produces(200);
        app.MapGet("/api/acks", async (bool? pending, Acknowledgements acks, CancellationToken ct) => await acks.ForAsync(null, pending ?? true, ct))
            .RequireStaff()
            .WithSummary("待确认 / Acknowledgements owed")
            .WithDescription("Acknowledgements owed by orange and red warnings in force (?pending=false for all): district, deadline, who acknowledged and when, escalation time.")
            .WithTags("warnings")
            .Produces(200);
        app.MapPost("/api/warnings/{id}/acknowledge", async (string id, AckRequest? body, HttpContext http, Acknowledgements acks, CancellationToken ct) =>
            body?.District is not { Length: > 0 and <= 12 } district
                ? Invalid("district is required.")
                : Answer(await acks.AcknowledgeAsync(id, district, http.User.Identity!.Name!, Roles.DistrictsOf(http.User), ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.WatchOfficer))
            .WithSummary("确认收到 / Acknowledge")
            .WithDescription("A watch officer acknowledges a warning for one of their districts: { district }. 400 without a district, 403 for another district, 404 when nothing is owed there, 409 when the warning is no longer in force.")
            .WithTags("warnings")
            .Produces(200)
            .ProducesProblem(400)
            .ProducesProblem(403)
            .ProducesProblem(404)
            .ProducesProblem(409);

        var operators = app.MapGroup("/api").RequireAuthorization(p => p.RequireRole(Roles.Operator));
        operators.MapGet("/drafts", async (bool? all, Approvals approvals, CancellationToken ct) => await approvals.DraftsAsync(!(all ?? false), ct))
            .WithSummary("待审草稿 / Drafts")
            .WithDescription("Drafts waiting for an operator (or all with ?all=true): { id, rowVersion, state, warning }.")
            .WithTags("approval")
            .Produces(200);
        operators.MapPost("/drafts/{id:long}/approve", async (long id, Decision? body, HttpContext http, Approvals approvals, CancellationToken ct) =>
            body?.RowVersion is not { } version ? Invalid("rowVersion is required.") : Answer(await approvals.ApproveAsync(id, version, http.User.Identity!.Name!, ct)))
            .WithSummary("批准发布 / Approve")
            .WithDescription("Publishes a draft: { rowVersion } as last read. 400 without rowVersion, 404 for an unknown draft, 409 when the row version is stale or the draft is settled.")
            .WithTags("approval")
            .Produces(200)
            .ProducesProblem(400)
            .ProducesProblem(404)
            .ProducesProblem(409);
        operators.MapPost("/drafts/{id:long}/edit", async (long id, DraftEdit? body, HttpContext http, Approvals approvals, CancellationToken ct) =>
            body is null ? Invalid("an edit body is required.")
            : body.RowVersion is null ? Invalid("rowVersion is required.")
            : Answer(await approvals.EditAsync(id, body, http.User.Identity!.Name!, ct)))
            .WithSummary("修改草稿 / Edit")
            .WithDescription("Changes a draft's text, districts or validity: { rowVersion, headlineZh?, headlineEn?, descriptionZh?, descriptionEn?, districts?, validTo? }; answers the draft with its new row version; every change is audited. Text holding characters CAP cannot carry and null list items are refused (400). 404 unknown, 409 stale.")
            .WithTags("approval")
            .Produces(200)
            .ProducesProblem(400)
            .ProducesProblem(404)
            .ProducesProblem(409);
        operators.MapPost("/drafts/{id:long}/reject", async (long id, Decision? body, HttpContext http, Approvals approvals, CancellationToken ct) =>
            body?.RowVersion is not { } version ? Invalid("rowVersion is required.") : Answer(await approvals.RejectAsync(id, version, body.Reason, http.User.Identity!.Name!, ct)))
            .WithSummary("驳回 / Reject")
            .WithDescription("Rejects a draft: { rowVersion, reason }. The same signal does not draft again until it ends or rises. 400, 404, 409 as for approve.")
            .WithTags("approval")
            .Produces(200)
            .ProducesProblem(400)
            .ProducesProblem(404)
            .ProducesProblem(409);
        operators.MapPost("/warnings", async (ComposeRequest? body, HttpContext http, ManualWarnings manual, CancellationToken ct) =>
            Answer(await manual.PublishAsync(body!, http.User, ct)))
            .WithSummary("人工发布 / Compose and publish")
            .WithDescription("An operator publishes any signal in force by hand: { hazard, level, districts, validFrom, validTo, descriptionZh?, descriptionEn?, reason? }. It issues a new warning, or continues, upgrades or downgrades the one in force for the same hazard and first district, with the same log, CAP, delivery and audit as the engine's; the engine then leaves it to the forecaster until its validity ends or a rule calls for a higher level. 400 for a hazard not in force, a level it lacks, an unknown district, or a validity that ends before it starts, is over or runs past Warnings:MaximumValidity; 403 for a district the operator does not cover.")
            .WithTags("approval")
            .Produces(200)
            .ProducesProblem(400)
            .ProducesProblem(403);
        operators.MapPost("/warnings/preview", async (ComposeRequest? body, HttpContext http, ManualWarnings manual, CancellationToken ct) =>
            Answer(await manual.PreviewAsync(body!, http.User, ct)))
            .WithSummary("预览 / Preview")
            .WithDescription("The message and its CAP 1.2 document as POST /api/warnings would publish them, without storing or sending anything: { warning, cap }. The same checks and answers as publishing.")
            .WithTags("approval")
            .Produces(200)
            .ProducesProblem(400)
            .ProducesProblem(403);
        operators.MapPost("/warnings/{id}/lift", async (string id, Decision? body, HttpContext http, Approvals approvals, CancellationToken ct) =>
            Answer(await approvals.LiftAsync(id, body?.Reason, http.User.Identity!.Name!, ct)))
            .WithSummary("解除 / Lift")
            .WithDescription("Publishes a lift of a warning in force: { reason } (required). The engine does not re-issue it at or below that level until the signal ends. 400 without a reason, 404 unknown, 409 when already lifted.")
            .WithTags("approval")
            .Produces(200)
            .ProducesProblem(400)
            .ProducesProblem(404)
            .ProducesProblem(409);
        app.MapGet("/api/audit", async (string? target, int? limit, Approvals approvals, CancellationToken ct) =>
            limit is < 1 or > 1_000 ? Invalid("limit must be between 1 and 1000.") : Results.Ok(await approvals.AuditAsync(target, limit ?? 200, ct)))
            .RequireOperatorOrAdmin()
            .WithSummary("审计 / Audit")
            .WithDescription("Who did what and when, with what changed (?target=<warning or draft id>, ?limit=1–1000, default 200), newest first.")
            .WithTags("approval")
            .Produces(200)
            .ProducesProblem(400);

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
