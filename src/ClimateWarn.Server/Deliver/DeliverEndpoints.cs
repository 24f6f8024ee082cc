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
        }).RequireRateLimiting(ClientLimits.AnonymousWrites);
        app.MapGet("/api/subscriptions/{token}", async (string token, Devices devices, CancellationToken ct) =>
            await devices.GetAsync(token, ct) is { } device ? Results.Ok(device) : UnknownDevice());
        app.MapPut("/api/subscriptions/{token}", async (string token, DeviceRequest? body, Devices devices, CancellationToken ct) =>
            WarningsEndpoints.Answer(await devices.UpdateAsync(token, body ?? new DeviceRequest(null, null), ct)))
            .RequireRateLimiting(ClientLimits.AnonymousWrites);
        app.MapDelete("/api/subscriptions/{token}", async (string token, Devices devices, CancellationToken ct) =>
            await devices.DeleteAsync(token, ct) ? Results.NoContent() : UnknownDevice())
            .RequireRateLimiting(ClientLimits.AnonymousWrites);
        app.MapGet("/api/subscriptions/{token}/warnings", async (string token, Devices devices, WarningBoard board, CancellationToken ct) =>
            await devices.GetAsync(token, ct) is { } device
                ? Results.Ok(new { lastSequence = board.LastSequence, warnings = board.Active.Where(w => w.Audiences.Contains(Devices.Audience) && w.Districts.Any(device.Districts.Contains)) })
                : UnknownDevice());

        app.MapGet("/api/ops/deliveries", async (bool? pending, int? limit, Outbox outbox, CancellationToken ct) =>
            limit is < 1 or > 5_000
                ? WarningsEndpoints.Invalid("limit must be between 1 and 5000.")
                : Results.Ok(await outbox.StatesAsync(pending ?? false, limit ?? 200, ct)))
            .RequireOperatorOrAdmin();
        return app;
    }

    private static IResult UnknownDevice() => Results.Problem(statusCode: 404, title: "未知订阅 Unknown subscription", detail: "No subscription has this device token.");
}
