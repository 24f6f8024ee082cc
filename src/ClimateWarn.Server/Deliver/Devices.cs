using System.Security.Cryptography;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Bureau;
using ClimateWarn.Server.Store.Relational;
using ClimateWarn.Server.Warn;
using Microsoft.EntityFrameworkCore;

namespace ClimateWarn.Server.Deliver;

/// <summary>A farmer's choice: townships (which give the districts) or, where the bureau lists no townships, districts; and crops.</summary>
public sealed record DeviceRequest(IReadOnlyList<string>? Townships, IReadOnlyList<string>? Crops, IReadOnlyList<string>? Districts = null);

public sealed record Device(string Token, IReadOnlyList<string> Townships, IReadOnlyList<string> Districts, IReadOnlyList<string> Crops, DateTimeOffset CreatedAt, DateTimeOffset ChangedAt);

/// <summary>
/// Farmers subscribe without an account: townships (which give the districts) or, for a bureau without a township
/// list, districts; and crops, kept on the server under a random device token that only the phone knows. Warnings are
/// per district, so a township's subscription receives its district's warnings.
/// </summary>
public sealed class Devices(IDbContextFactory<WarningsDb> databases, PlaceCatalog places, AdviceCatalog advice, TimeProvider time)
{
    /// <summary>The audience a farmer's device receives: agricultural warnings for its districts.</summary>
    public const string Audience = "agriculture";

    /// <summary>
    /// Whether a warning is this device's: agricultural, and for one of its districts, taken whole unless the forecaster
    /// narrowed that district to some of its townships; then only a device that chose one of them (a device chosen by
    /// district, where the bureau lists no townships, takes its districts whole).
    /// </summary>
    public bool Concerns(Device device, Warning warning)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(warning);
        if (!warning.Audiences.Contains(Audience))
        {
            return false;
        }

        var narrowed = (warning.Townships ?? []).Select(t => places.TryGetTownship(t, out var township) ? township : null).OfType<Township>().ToList();
        return warning.Districts.Where(device.Districts.Contains).Any(d =>
            narrowed.Where(t => t.DistrictCode == d).ToList() is not { Count: > 0 } inDistrict
            || device.Townships.Count == 0
            || inDistrict.Any(t => device.Townships.Contains(t.Code)));
    }

    private const long SeenResolution = 3_600_000;

    public async Task<Outcome<Device>> CreateAsync(DeviceRequest request, CancellationToken cancellationToken)
    {
        var (townships, districts, crops, error) = Validate(request);
        if (error is not null)
        {
            return Outcome.Fail<Device>(400, error);
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var row = new DeviceRow
        {
            Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Townships = string.Join(',', townships),
            Districts = string.Join(',', districts),
            Crops = string.Join(',', crops),
            Created = now,
            Changed = now,
            LastSeen = now,
        };
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.Devices.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(ToDevice(row));
    }

    public async Task<Device?> GetAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is 0 or > 64)
        {
            return null;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var row = await db.Devices.SingleOrDefaultAsync(d => d.Token == token, cancellationToken);
        if (row is null)
        {
            return null;
        }

        // Used: recorded at most once an hour, so a phone polling its warnings does not write on every read.
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (now - row.LastSeen > SeenResolution)
        {
            row.LastSeen = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return ToDevice(row);
    }

    /// <summary>Deletes the subscriptions neither used nor changed within <paramref name="unusedFor"/>; returns how many.</summary>
    public async Task<int> ExpireAsync(TimeSpan unusedFor, CancellationToken cancellationToken)
    {
        var cutoff = (time.GetUtcNow() - unusedFor).ToUnixTimeMilliseconds();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Devices.Where(d => d.LastSeen < cutoff && d.Changed < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<Outcome<Device>> UpdateAsync(string token, DeviceRequest request, CancellationToken cancellationToken)
    {
        var (townships, districts, crops, error) = Validate(request);
        if (error is not null)
        {
            return Outcome.Fail<Device>(400, error);
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var row = await db.Devices.SingleOrDefaultAsync(d => d.Token == token, cancellationToken);
        if (row is null)
        {
            return Outcome.Fail<Device>(404, "Unknown device token.");
        }

        row.Townships = string.Join(',', townships);
        row.Districts = string.Join(',', districts);
        row.Crops = string.Join(',', crops);
        row.Changed = time.GetUtcNow().ToUnixTimeMilliseconds();
        row.LastSeen = row.Changed;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(ToDevice(row));
    }

    public async Task<bool> DeleteAsync(string token, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Devices.Where(d => d.Token == token).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    private (List<string> Townships, List<string> Districts, List<string> Crops, string? Error) Validate(DeviceRequest request)
    {
        var townships = request?.Townships?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        var districts = request?.Districts?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        var crops = request?.Crops?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        var byTownship = places.Districts.Any(d => d.Townships.Count > 0);
        string? error = (townships.Count, districts.Count) switch
        {
            ( > 0, > 0) => "Give townships or districts, not both (乡镇或区县，二选一).",
            (0, 0) when byTownship => "Choose 1–20 townships (乡镇).",
            (0, 0) => $"Choose 1–{places.Districts.Count} districts (区县).",
            ( > 20, _) => "Choose 1–20 townships (乡镇).",
            (_, var n) when n > places.Districts.Count => $"Choose 1–{places.Districts.Count} districts (区县).",
            _ => townships.FirstOrDefault(t => !places.TryGetTownship(t, out _)) is { } t ? $"Unknown township code '{t}'."
                : districts.FirstOrDefault(d => !places.TryGetDistrict(d, out _)) is { } d ? $"Unknown district code '{d}' (known: {string.Join(", ", places.Districts.Select(x => x.Code))})."
                : null,
        };

        // The crops are the bureau's: those config/advice/crops.json has advice for.
        error ??= crops.FirstOrDefault(c => !advice.Crops.ContainsKey(c)) is { } crop ? $"Unknown crop '{crop}' (known: {string.Join(", ", advice.Crops.Keys)})." : null;
        if (error is not null)
        {
            return ([], [], [], error);
        }

        var chosen = townships.Count > 0 ? townships.Select(t => places.GetTownship(t).DistrictCode) : districts;
        return (townships, [.. chosen.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], crops, null);
    }

    /// <summary>
    /// Adds (or replaces) the phone's Web Push subscription: an absolute https endpoint (http only on the loopback, for
    /// tests), the p256dh key (an uncompressed P-256 point, 65 bytes) and the auth secret (16 bytes), both base64url.
    /// </summary>
    public async Task<Outcome<bool>> SetPushAsync(string token, PushRequest? request, CancellationToken cancellationToken)
    {
        if (request?.Endpoint is not { Length: > 0 and <= 2048 } endpoint || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            return Outcome.Fail<bool>(400, "endpoint must be an absolute https URL of at most 2048 characters.");
        }

        if (Bytes(request.Keys?.GetValueOrDefault("p256dh")) is not { Length: 65 } p256dh || p256dh[0] != 0x04)
        {
            return Outcome.Fail<bool>(400, "keys.p256dh must be a base64url P-256 public key (65 bytes, uncompressed).");
        }

        if (Bytes(request.Keys?.GetValueOrDefault("auth")) is not { Length: 16 })
        {
            return Outcome.Fail<bool>(400, "keys.auth must be a base64url 16-byte secret.");
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (!await db.Devices.AnyAsync(d => d.Token == token, cancellationToken))
        {
            return Outcome.Fail<bool>(404, "Unknown device token.");
        }

        await db.PushSubscriptions.Where(p => p.Token == token).ExecuteDeleteAsync(cancellationToken);
        db.PushSubscriptions.Add(new PushSubscriptionRow
        {
            Token = token, Endpoint = endpoint, P256dh = request.Keys!["p256dh"], Auth = request.Keys["auth"], Created = time.GetUtcNow().ToUnixTimeMilliseconds(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(true);
    }

    public async Task<bool> RemovePushAsync(string token, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.PushSubscriptions.Where(p => p.Token == token).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    private static byte[]? Bytes(string? base64Url)
    {
        if (base64Url is null || base64Url.Length > 200)
        {
            return null;
        }

        var s = base64Url.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        try
        {
            return Convert.FromBase64String(s);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    internal static Device ToDevice(DeviceRow d) =>
        new(d.Token, Split(d.Townships), Split(d.Districts), Split(d.Crops), DateTimeOffset.FromUnixTimeMilliseconds(d.Created), DateTimeOffset.FromUnixTimeMilliseconds(d.Changed));

    private static string[] Split(string csv) => csv.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A browser's PushSubscription as its toJSON() gives it: { endpoint, keys: { p256dh, auth } }.</summary>
public sealed record PushRequest(string? Endpoint, IReadOnlyDictionary<string, string>? Keys);
