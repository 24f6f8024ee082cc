using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using ClimateWarn.Server.Store.Relational;
using Microsoft.EntityFrameworkCore;

namespace ClimateWarn.Server.Deliver.ReleasePlatform;

/// <summary>What the platform answered about one dropped file: status 0 accepted, anything else rejected with its code and note.</summary>
public sealed record PlatformAck(int? Status, string? ErrorCode, string? Note, string File, string? Malformed)
{
    public bool Accepted => Malformed is null && Status == 0;

    /// <summary>Reads /msg/data/rows/{status,error_code,note}; a file that is not that is kept as malformed with the reason.</summary>
    public static PlatformAck Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        XDocument doc;
        try
        {
            using var stream = System.IO.File.OpenRead(path);
            doc = XDocument.Load(XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 1_000_000 }));
        }
        catch (XmlException ex)
        {
            return new PlatformAck(null, null, null, name, $"not XML ({ex.Message})");
        }

        var row = doc.Root?.Name.LocalName == "msg" ? doc.Root.Element("data")?.Element("rows") : null;
        if (row is null)
        {
            return new PlatformAck(null, null, null, name, "no /msg/data/rows element");
        }

        var status = row.Element("status")?.Value.Trim();
        return int.TryParse(status, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code)
            ? new PlatformAck(code, Text(row.Element("error_code")), Text(row.Element("note")), name, null)
            : new PlatformAck(null, Text(row.Element("error_code")), Text(row.Element("note")), name, $"status '{status}' is not a number");
    }

    private static string? Text(XElement? e) => e is null || string.IsNullOrWhiteSpace(e.Value) ? null : e.Value.Trim();
}

/// <summary>One message's file on its way: which file was dropped when, and the acknowledgement once read.</summary>
public sealed record PlatformDrop(string File, DateTimeOffset Dropped, PlatformAck? Ack);

/// <summary>
/// The channel's own ledger, a row per delivery key in the warnings database (<see cref="PlatformDropRow"/>): the drop is
/// made once per key (a retry never drops a second file), and the acknowledgement, once matched, stays with it. In a
/// cluster every node reads and writes the same rows (the outbox gives each delivery to one node at a time), so a retry
/// taken over by another node finds the drop and looks for its acknowledgement instead of dropping again.
/// Acknowledgement files are matched by name (an ACK file's name begins with the dropped file's name without ".xml" —
/// inferred: confirm with the provincial node), then moved to processed/; one that matches no drop of the last
/// <see cref="MatchWindow"/> goes to unmatched/ with a log line. Drops kept as files by an earlier version
/// (&lt;data&gt;/release-platform/*.json) are imported once and their folder renamed release-platform.imported.
/// </summary>
public sealed partial class PlatformLedger(IDbContextFactory<WarningsDb> databases, string legacyDirectory, TimeProvider clock, ILogger logger) : IDisposable
{
    /// <summary>How far back an acknowledgement file is matched against drops (the platform answers in minutes).</summary>
    public static readonly TimeSpan MatchWindow = TimeSpan.FromDays(30);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _importGate = new(1, 1);
    private bool _imported;

    public async Task<PlatformDrop?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await ImportOnceAsync(cancellationToken);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.PlatformDrops.AsNoTracking().FirstOrDefaultAsync(d => d.Key == key, cancellationToken) is { } row ? ToDrop(row) : null;
    }

    /// <summary>Records a drop made; false when another node recorded one for the key first (its file stands).</summary>
    public async Task<bool> AddAsync(string key, PlatformDrop drop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drop);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.PlatformDrops.Add(new PlatformDropRow { Key = key, File = drop.File, Dropped = drop.Dropped.ToUnixTimeMilliseconds(), Ack = drop.Ack is null ? null : JsonSerializer.Serialize(drop.Ack, Json) });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            await using var again = await databases.CreateDbContextAsync(cancellationToken);
            if (await again.PlatformDrops.AsNoTracking().AnyAsync(d => d.Key == key, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }

    public void Dispose()
    {
        _gate.Dispose();
        _importGate.Dispose();
    }

    /// <summary>Forgets a key's drop, so a republish drops a new file.</summary>
    public async Task ForgetAsync(string key, CancellationToken cancellationToken)
    {
        await ImportOnceAsync(cancellationToken);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.PlatformDrops.Where(d => d.Key == key).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Reads every acknowledgement file waiting in <paramref name="ackDirectory"/> into the ledger.</summary>
    public async Task ScanAsync(string ackDirectory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(ackDirectory))
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var acks = Directory.GetFiles(ackDirectory, "*.xml").Order(StringComparer.Ordinal).ToList();
            if (acks.Count == 0)
            {
                return;   // the usual case on every attempt: nothing to match, so the drops are not read
            }

            await ImportOnceAsync(cancellationToken);
            var since = (clock.GetUtcNow() - MatchWindow).ToUnixTimeMilliseconds();
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var drops = await db.PlatformDrops.AsNoTracking().Where(d => d.Dropped >= since)
                .Select(d => new { d.Key, d.File, Acked = d.Ack != null }).ToListAsync(cancellationToken);
            foreach (var file in acks)
            {
                var name = Path.GetFileName(file);
                var match = drops.FirstOrDefault(d => name.StartsWith(Path.GetFileNameWithoutExtension(d.File), StringComparison.Ordinal));
                if (match is null)
                {
                    LogUnmatched(logger, name);
                    MoveTo(ackDirectory, "unmatched", file);
                    continue;
                }

                if (!match.Acked)
                {
                    if (!System.IO.File.Exists(file))
                    {
                        continue;   // another node read it first and moved it
                    }

                    var ack = PlatformAck.Read(file);
                    if (ack.Malformed is not null)
                    {
                        LogMalformed(logger, name, ack.Malformed);
                    }

                    // The first acknowledgement read stands (another node may be reading the same file this instant).
                    var json = JsonSerializer.Serialize(ack, Json);
                    await db.PlatformDrops.Where(d => d.Key == match.Key && d.Ack == null)
                        .ExecuteUpdateAsync(u => u.SetProperty(d => d.Ack, json), cancellationToken);
                }

                MoveTo(ackDirectory, "processed", file);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static PlatformDrop ToDrop(PlatformDropRow row) =>
        new(row.File, DateTimeOffset.FromUnixTimeMilliseconds(row.Dropped), row.Ack is null ? null : JsonSerializer.Deserialize<PlatformAck>(row.Ack, Json));

    /// <summary>Brings drops an earlier version kept as JSON files into the table (once), so none is dropped again.</summary>
    private async Task ImportOnceAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _imported))
        {
            return;
        }

        await _importGate.WaitAsync(cancellationToken);
        try
        {
            if (!_imported)
            {
                await ImportAsync(cancellationToken);
                Volatile.Write(ref _imported, true);
            }
        }
        finally
        {
            _importGate.Release();
        }
    }

    private async Task ImportAsync(CancellationToken cancellationToken)
    {
        if (Directory.Exists(legacyDirectory))
        {
            foreach (var path in Directory.GetFiles(legacyDirectory, "*.json"))
            {
                // The file was named by the key with ':' made '_': "{warning id}:{sequence}" → "{warning id}_{sequence}".
                var stem = Path.GetFileNameWithoutExtension(path);
                var cut = stem.LastIndexOf('_');
                if (cut <= 0 || JsonSerializer.Deserialize<PlatformDrop>(await System.IO.File.ReadAllTextAsync(path, cancellationToken), Json) is not { } drop)
                {
                    continue;
                }

                await AddAsync(string.Concat(stem.AsSpan(0, cut), ":", stem.AsSpan(cut + 1)), drop, cancellationToken);
            }

            var target = legacyDirectory + ".imported";
            if (!Directory.Exists(target))
            {
                Directory.Move(legacyDirectory, target);
                LogImported(logger, legacyDirectory, target);
            }
        }
    }

    private static void MoveTo(string ackDirectory, string folder, string file)
    {
        var target = Path.Combine(ackDirectory, folder);
        Directory.CreateDirectory(target);
        try
        {
            System.IO.File.Move(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
        catch (FileNotFoundException)
        {
            // Another node moved it first.
        }
    }

    [LoggerMessage(EventId = 3020, Level = LogLevel.Warning, Message = "Release platform: acknowledgement file {File} names no message this server dropped; moved to unmatched/")]
    private static partial void LogUnmatched(ILogger logger, string file);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Warning, Message = "Release platform: acknowledgement file {File} is malformed: {Reason}")]
    private static partial void LogMalformed(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Information, Message = "Release platform: the drops kept as files in {Directory} were moved into the warnings database; the folder is now {Target}")]
    private static partial void LogImported(ILogger logger, string directory, string target);
}
