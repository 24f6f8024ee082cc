using System.Text.Json;
using ClimateWarn.Core;
using ClimateWarn.Core.Cap;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Store.Relational;
using Microsoft.EntityFrameworkCore;

namespace ClimateWarn.Server.Warn;

/// <summary>
/// Every published warning message, in sequence order, in the warnings database. A message is never changed once
/// written: each step of a warning is a new message with the next version, referencing the one before. The sequence
/// only grows, across restarts too, so a client that saw N can always ask for what came after it.
/// </summary>
public sealed class WarningLog(IDbContextFactory<WarningsDb> databases, HazardRegistry hazards)
{
    /// <summary>Raised right after a message's transaction commits (its sequence), for instrumentation such as the delivery benchmark.</summary>
    public event Action<long>? Committed;

    /// <summary>
    /// Stores the message and, in the same transaction, one outbox row per delivery channel and whatever
    /// <paramref name="alongside"/> adds (acknowledgements owed, the draft it came from, the audit entry): if the
    /// message is stored, its deliveries are owed, whatever happens to the process next. Returns it with its
    /// sequence, version, CAP identifier and reference to the previous message.
    /// </summary>
    public async Task<Warning> AppendAsync(Warning warning, IReadOnlyList<string> channels, CancellationToken cancellationToken,
        Func<WarningsDb, Warning, Task>? alongside = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(warning);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var previous = await db.Messages.Where(m => m.WarningId == warning.Id).OrderByDescending(m => m.Version)
            .Select(m => new { m.Version, m.MessageId }).FirstOrDefaultAsync(cancellationToken);
        var row = new MessageRow
        {
            WarningId = warning.Id,
            Version = (previous?.Version ?? 0) + 1,
            References = previous?.MessageId,
            Action = warning.Action.ToString(),
            Created = warning.UpdatedAt.ToUnixTimeMilliseconds(),
            Json = "{}",
        };
        db.Messages.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        var stored = warning with { Sequence = row.Seq, Version = row.Version, References = row.References };
        stored = stored with { MessageId = CapDocument.Identifier(stored, hazards, TimeZones.Shanghai) };
        row.MessageId = stored.MessageId;
        row.Json = JsonSerializer.Serialize(stored, WarningJson.Options);
        db.Outbox.AddRange(channels.Select(c => new OutboxRow { Seq = row.Seq, Channel = c }));
        if (alongside is not null)
        {
            await alongside(db, stored);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Committed?.Invoke(row.Seq);
        return stored;
    }

    public async Task<IReadOnlyList<Warning>> AfterAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return Parse(await db.Messages.Where(m => m.Seq > afterSequence).OrderBy(m => m.Seq).Take(limit).Select(m => m.Json).ToListAsync(cancellationToken));
    }

    /// <summary>The latest message of every warning whose latest message is not a lift or an expiry.</summary>
    public async Task<IReadOnlyList<Warning>> ActiveAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await ActiveAsync(db, cancellationToken);
    }

    /// <summary>As <see cref="ActiveAsync(CancellationToken)"/>, on a context the caller holds (one snapshot with its other reads).</summary>
    internal static async Task<IReadOnlyList<Warning>> ActiveAsync(WarningsDb db, CancellationToken cancellationToken)
    {
        var latest = db.Messages.GroupBy(m => m.WarningId).Select(g => g.Max(m => m.Seq));
        var rows = await db.Messages.Where(m => latest.Contains(m.Seq) && m.Action != nameof(WarningAction.Lifted) && m.Action != nameof(WarningAction.Expired))
            .OrderBy(m => m.Seq).Select(m => new { m.Seq, m.Json }).ToListAsync(cancellationToken);
        return rows.ConvertAll(r => ParseRow("warning_messages", r.Seq, r.Json));
    }

    /// <summary>Every message of one warning, oldest first.</summary>
    public async Task<IReadOnlyList<Warning>> ForWarningAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return Parse(await db.Messages.Where(m => m.WarningId == id).OrderBy(m => m.Seq).Select(m => m.Json).ToListAsync(cancellationToken));
    }

    public async Task<long> LastSequenceAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await LastSequenceAsync(db, cancellationToken);
    }

    internal static async Task<long> LastSequenceAsync(WarningsDb db, CancellationToken cancellationToken) =>
        await db.Messages.MaxAsync(m => (long?)m.Seq, cancellationToken) ?? 0;

    public static Warning Parse(string json) => JsonSerializer.Deserialize<Warning>(json, WarningJson.Options)!;

    /// <summary>As <see cref="Parse(string)"/>, naming the table and row when the stored JSON cannot be read.</summary>
    public static Warning ParseRow(string table, long row, string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Warning>(json, WarningJson.Options) ?? throw new JsonException("the JSON is null");
        }
        catch (JsonException ex)
        {
            throw new BrokenRowException(table, row, ex.Message.Split(" Path:", 2)[0], ex);
        }
    }

    private static List<Warning> Parse(List<string> json) => json.ConvertAll(Parse);
}
