using ClimateWarn.Server.Accounts;
using ClimateWarn.Server.Store.Relational;
using ClimateWarn.Server.Warn;

namespace ClimateWarn.Server.Deliver;

/// <summary>The delivery side's endpoints: the hub, farmers' subscriptions and the operators' delivery log.</summary>
public static class DeliverEndpoints
{
    public static IEndpointRouteBuilder MapDelivery(this IEndpointRouteBuilder app)
    {
        app.MapHub<WarningsHub>("/hubs/warnings", o => o.CloseOnAuthenticationExpiration = true);
        app.MapPost("/api/subscriptions", async (DeviceRequest? body, Devices devices, CancellationToken ct) =>
        {
            var outcome = await devices.CreateAsync(body ?? new DeviceRequest(null, null), ct);
            return outcome.Value is { } device ? Results.Created($"/api/subscriptions/{device.Token}", device) : WarningsEndpoints.Invalid(outcome.Error!);
        }).RequireRateLimiting(ClientLimits.AnonymousWrites)
            .WithSummary("农户订阅 / Subscribe a phone")
            .WithDescription("A farmer's phone subscribes without an account: { townships (1–20 township codes), crops? }, or, where the bureau lists no townships (GET /api/bureau subscribeBy = district), { districts (district codes), crops? }. Answers 201 with the device { token, townships, districts, crops }; keep the token. Rate-limited per client (429).")
            .WithTags("subscriptions")
            .Produces(201)
            .ProducesProblem(400)
            .ProducesProblem(429);
        app.MapPut("/api/subscriptions/{token}/push", async (string token, PushRequest? body, Devices devices, CancellationToken ct) =>
            await devices.SetPushAsync(token, body, ct) is { Error: { } error } failed
                ? (failed.Status == 404 ? UnknownDevice() : WarningsEndpoints.Invalid(error))
                : Results.NoContent())
            .RequireRateLimiting(ClientLimits.AnonymousWrites)
            .WithSummary("手机推送 / Push to this phone")
            .WithDescription("Adds or replaces the phone's Web Push subscription, as the browser's PushSubscription.toJSON() gives it: { endpoint (https), keys: { p256dh, auth } }. New and changed agricultural warnings for the subscription's townships are then pushed, encrypted (RFC 8291, VAPID). 204; 400 with the reason; 404 for an unknown token.")
            .WithTags("subscriptions")
            .Produces(204)
            .ProducesProblem(400)
            .ProducesProblem(404);
        app.MapDelete("/api/subscriptions/{token}/push", async (string token, Devices devices, CancellationToken ct) =>
            await devices.RemovePushAsync(token, ct) ? Results.NoContent() : UnknownDevice())
            .WithSummary("取消手机推送 / Stop pushing to this phone")
            .WithDescription("Removes the phone's Web Push subscription; the warnings still show when the farmer page is open. 204; 404 for an unknown token or one without a push subscription.")
            .WithTags("subscriptions")
            .Produces(204)
            .ProducesProblem(404);
        app.MapGet("/api/push/key", (Push.VapidKeys keys) => Results.Ok(new { publicKey = keys.PublicKey }))
            .WithSummary("推送公钥 / Push public key")
            .WithDescription("The server's VAPID public key (base64url), the applicationServerKey a page passes to PushManager.subscribe().")
            .WithTags("subscriptions")
            .Produces(200);
        app.MapGet("/api/subscriptions/{token}", async (string token, Devices devices, CancellationToken ct) =>
            await devices.GetAsync(token, ct) is { } device ? Results.Ok(device) : UnknownDevice())
            .WithSummary("查看订阅 / A subscription")
            .WithDescription("The subscription of this device token. 404 for an unknown (or expired) token.")
            .WithTags("subscriptions")
            .Produces(200)
            .ProducesProblem(404);
        app.MapPut("/api/subscriptions/{token}", async (string token, DeviceRequest? body, Devices devices, CancellationToken ct) =>
            WarningsEndpoints.Answer(await devices.UpdateAsync(token, body ?? new DeviceRequest(null, null), ct)))
            .RequireRateLimiting(ClientLimits.AnonymousWrites)
            .WithSummary("修改订阅 / Change a subscription")
            .WithDescription("Replaces the townships (or districts) and crops of this device: { townships | districts, crops? }. 400 for bad input, 404 unknown token, 429 over the rate limit.")
            .WithTags("subscriptions")
            .Produces(200)
            .ProducesProblem(400)
            .ProducesProblem(404)
            .ProducesProblem(429);
        app.MapDelete("/api/subscriptions/{token}", async (string token, Devices devices, CancellationToken ct) =>
            await devices.DeleteAsync(token, ct) ? Results.NoContent() : UnknownDevice())
            .RequireRateLimiting(ClientLimits.AnonymousWrites)
            .WithSummary("取消订阅 / Unsubscribe")
            .WithDescription("Deletes this device's subscription. 204, or 404 for an unknown token.")
            .WithTags("subscriptions")
            .Produces(204)
            .ProducesProblem(404)
            .ProducesProblem(429);
        app.MapGet("/api/subscriptions/{token}/warnings", async (string token, Devices devices, WarningBoard board, CancellationToken ct) =>
            await devices.GetAsync(token, ct) is { } device
                ? Results.Ok(new { lastSequence = board.LastSequence, warnings = board.Active.Where(w => devices.Concerns(device, w)).Select(w => w.WithoutNames()) })
                : UnknownDevice())
            .WithSummary("订阅的预警 / Warnings for a subscription")
            .WithDescription("The agricultural warnings in force for this device's districts (a warning narrowed to townships only where the device chose one of them): { lastSequence, warnings }. 404 for an unknown token.")
            .WithTags("subscriptions")
            .Produces(200)
            .ProducesProblem(404);

        app.MapGet("/api/ops/deliveries", async (bool? pending, int? limit, Outbox outbox, CancellationToken ct) =>
            limit is < 1 or > 5_000
                ? WarningsEndpoints.Invalid("limit must be between 1 and 5000.")
                : Results.Ok(await outbox.StatesAsync(pending ?? false, limit ?? 200, ct)))
            .RequireOperatorOrAdmin()
            .WithSummary("投递状态 / Deliveries")
            .WithDescription("Outbox rows per message and channel (signalr, webhook:<name>, escalations): attempts, delivered time, parked reason, last error (?pending=true, ?limit=).")
            .WithTags("ops")
            .Produces(200)
            .ProducesProblem(400);

        app.MapGet("/api/ops/delivery-log", async (string? state, int? limit, Outbox outbox, CancellationToken ct) =>
            limit is < 1 or > 5_000 ? WarningsEndpoints.Invalid("limit must be between 1 and 5000.")
            : !Enum.TryParse<DeliveryFilter>(state ?? "all", ignoreCase: true, out var filter) || int.TryParse(state, out _)
                ? WarningsEndpoints.Invalid("state must be all, pending, parked or delivered.")
                : Results.Ok(await outbox.LogAsync(filter, limit ?? 200, ct)))
            .RequireOperatorOrAdmin()
            .WithSummary("投递日志 / Delivery log")
            .WithDescription("Every message × channel × target, newest first, with its warning, attempts, state (pending, parked, delivered), delivered time and last error; ?state=all|pending|parked|delivered, ?limit=1–5000.")
            .WithTags("ops")
            .Produces<IReadOnlyList<DeliveryLogEntry>>(200)
            .ProducesProblem(400);

        app.MapPost("/api/ops/deliveries/{id:long}/resend", async (long id, HttpContext http, Outbox outbox, IEnumerable<Channels.IDeliveryChannel> channels,
            DeliveryDispatcher dispatcher, TimeProvider time, CancellationToken ct) =>
        {
            if (await outbox.GetAsync(id, ct) is not { } item)
            {
                return Results.Problem(statusCode: 404, title: "未知投递 Unknown delivery", detail: $"No delivery {id}.");
            }

            var (district, target) = Channels.DeliveryAttempt.Parse(item.Channel);
            var warning = Warn.WarningLog.Parse(item.Json);
            if (channels.FirstOrDefault(c => c.Kind == Channels.DeliveryAttempt.KindOf(target)) is { } channel)
            {
                await channel.ResendingAsync(new Channels.DeliveryAttempt(item.Sequence, warning, target, district), ct);
            }

            await outbox.ResendAsync(id, time.GetUtcNow(), http.User.Identity!.Name!, warning.Id, ct);
            dispatcher.Wake();
            return Results.Accepted(value: new { id, sequence = item.Sequence, channel = item.Channel, idempotencyKey = new Channels.DeliveryAttempt(item.Sequence, warning, target, district).IdempotencyKey });
        })
            .RequireAuthorization(p => p.RequireRole(Accounts.Roles.Operator))
            .WithSummary("重新发送 / Send again")
            .WithDescription("Operators only: the delivery is due again at once, attempts and result cleared, audited (resend). The idempotency key is the same, so a receiver that has it drops the repeat; the release platform gets a new file. 404 for an unknown delivery.")
            .WithTags("ops")
            .Produces(202)
            .ProducesProblem(404);
        return app;
    }

    private static IResult UnknownDevice() => Results.Problem(statusCode: 404, title: "未知订阅 Unknown subscription", detail: "No subscription has this device token.");
}
