using System.Globalization;
using ClimateWarn.Core;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Deliver.Channels;
using ClimateWarn.Server.Warn;
using ClimateWarn.Server.Store.Relational;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Deliver.ReleasePlatform;

/// <summary>
/// The release platform as a delivery channel ("platform"): every published message, once, as its CAP 1.2 document in
/// the drop folder under the platform's file naming; then each attempt is a look for the platform's acknowledgement.
/// Accepted (status 0): delivered. Rejected: parked at once with the platform's error code and note. Malformed, or
/// none within <see cref="ReleasePlatformOptions.AckTimeout"/>: parked with the reason — a failed delivery, shown in the
/// delivery log, where an operator can send it again (a new file). The file is written aside and renamed, so the
/// platform never collects half a document; a full disk or a missing folder is an attempt that failed, retried.
/// </summary>
public sealed class ReleasePlatformChannel : IDeliveryChannel, IDisposable
{
    public const string Name = "platform";

    private readonly IOptions<ReleasePlatformOptions> _options;
    private readonly WarningLog _log;
    private readonly PlaceCatalog _places;
    private readonly HazardRegistry _hazards;
    private readonly IOptions<CapOptions> _cap;
    private readonly TimeProvider _clock;
    private readonly PlatformLedger _ledger;
    private readonly CapSigner _signer;
    private readonly Func<string> _webBase;

    public ReleasePlatformChannel(IOptions<ReleasePlatformOptions> options, WarningLog log, PlaceCatalog places, HazardRegistry hazards,
        IOptions<CapOptions> cap, ResolvedPaths paths, TimeProvider clock, CapSigner signer, IOptions<ServerOptions> server,
        Microsoft.AspNetCore.Hosting.Server.IServer kestrel, IDbContextFactory<WarningsDb> databases, ILogger<ReleasePlatformChannel> logger)
    {
        ArgumentNullException.ThrowIfNull(paths);
        _signer = signer;
        _webBase = () => PublicAddress.BaseUrl(server.Value, kestrel);
        (_options, _log, _places, _hazards, _cap, _clock) = (options, log, places, hazards, cap, clock);
        _ledger = new PlatformLedger(databases, Path.Combine(paths.Data, "release-platform"), clock, logger);
    }

    public string Kind => Name;

    public void Dispose() => _ledger.Dispose();

    public IEnumerable<string> TargetsFor(Warning message) => _options.Value.Enabled ? [Name] : [];

    public IEnumerable<string> EscalationTargetsFor(string district) => [];

    /// <summary>Forgets the drop of one delivery, so sending it again drops a new file (the platform de-duplicates by the CAP identifier).</summary>
    public Task ResendingAsync(DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return _ledger.ForgetAsync(attempt.IdempotencyKey, cancellationToken);
    }

    public async Task<string?> SendAsync(DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var o = _options.Value;
        if (!o.Enabled)
        {
            return "the release platform channel is no longer enabled (ReleasePlatform:Enabled)";
        }

        var key = attempt.IdempotencyKey;
        await _ledger.ScanAsync(o.AckDirectory!, cancellationToken);
        var now = _clock.GetUtcNow();
        if (await _ledger.GetAsync(key, cancellationToken) is not { } drop)
        {
            var file = await DropAsync(attempt.Warning, o, now, cancellationToken);
            // Another node recording a drop for the key first can only be a lease that ran out mid-delivery: both files
            // then carry the same CAP identifier, which the platform de-duplicates; the first recorded is the one awaited.
            return await _ledger.AddAsync(key, new PlatformDrop(file, now, null), cancellationToken)
                ? $"dropped {file}; awaiting the platform's acknowledgement"
                : $"dropped {file}, but another node had dropped this message first; awaiting the platform's acknowledgement of that one";
        }

        if (drop.Ack is { } ack)
        {
            return ack.Accepted ? null
                : ack.Malformed is not null ? throw new DeliveryRefusedException($"the platform's acknowledgement {ack.File} of {drop.File} is malformed: {ack.Malformed}")
                : throw new DeliveryRefusedException(string.Create(CultureInfo.InvariantCulture,
                    $"rejected by the release platform: status {ack.Status}, error_code {ack.ErrorCode ?? "(none)"}: {ack.Note ?? "(no note)"} ({drop.File})"));
        }

        return now - drop.Dropped > o.AckTimeout
            ? throw new DeliveryRefusedException(string.Create(CultureInfo.InvariantCulture,
                $"no acknowledgement from the release platform within {o.AckTimeout.TotalMinutes:0.#} min of dropping {drop.File}"))
            : $"awaiting the platform's acknowledgement of {drop.File}";
    }

    private async Task<string> DropAsync(Warning message, ReleasePlatformOptions o, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var messages = await _log.ForWarningAsync(message.Id, cancellationToken);
        var index = messages.ToList().FindIndex(m => m.Sequence == message.Sequence);
        var document = CapEndpoints.Build(index < 0 ? [message] : messages, index < 0 ? 0 : index, _places, _hazards,
            CapEndpoints.Sender(_cap.Value, _places) with { WebBase = _webBase() });
        Directory.CreateDirectory(o.DropDirectory!);
        var name = FileName(message, o, now, n => File.Exists(Path.Combine(o.DropDirectory!, n)));
        var temp = Path.Combine(o.DropDirectory!, "." + name + ".tmp");
        await File.WriteAllTextAsync(temp, _signer.Text(document), new System.Text.UTF8Encoding(false), cancellationToken);
        File.Move(temp, Path.Combine(o.DropDirectory!, name));
        return name;
    }

    /// <summary>
    /// <c>&lt;sender code&gt;_&lt;sent yyyyMMddHHmmss + 7 digits&gt;_&lt;city&gt;-&lt;area type&gt;_&lt;city&gt;-&lt;second type&gt;_&lt;now yyyyMMddHHmmssfff&gt;_&lt;tag&gt;_&lt;n&gt;.xml</c>,
    /// in Beijing time, n the first that is free (after one real name; research/release-platform.md).
    /// </summary>
    public string FileName(Warning message, ReleasePlatformOptions o, DateTimeOffset now, Func<string, bool> taken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(taken);
        var c = CultureInfo.InvariantCulture;
        var city = _places.City.Code;
        var sender = o.SenderCode ?? city + "41600000";
        var sent = TimeZoneInfo.ConvertTime(message.UpdatedAt, TimeZones.Shanghai);
        var stamp = TimeZoneInfo.ConvertTime(now, TimeZones.Shanghai);
        for (var n = 0; ; n++)
        {
            var name = string.Create(c, $"{sender}_{sent:yyyyMMddHHmmss}0000000_{city}-{o.AreaType}_{city}-{o.SecondAreaType}_{stamp:yyyyMMddHHmmssfff}_{o.Tag}_{n}.xml");
            if (!taken(name))
            {
                return name;
            }
        }
    }
}
