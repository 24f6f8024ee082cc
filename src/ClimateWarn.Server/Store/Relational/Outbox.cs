using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace ClimateWarn.Server.Store.Relational;

/// <summary>A delivery owed: the outbox row and the message it carries, as stored (JSON).</summary>
public sealed record OutboxItem(long Id, long Sequence, string Channel, int Attempts, string Json);

public sealed record DeliveryState(long Id, long Sequence, string Channel, int Attempts, DateTimeOffset? Delivered, string? Parked, string? LastError);

/// <summary>One line of the delivery log: a message × channel × target, its attempts and result, and which warning it carries.</summary>
public sealed record DeliveryLogEntry(long Id, long Sequence, string WarningId, string Action, string Channel, string State, int Attempts,
    DateTimeOffset? Delivered, string? Parked, string? LastError);

/// <summary>The delivery log's filter: every row, those still being tried, those given up on, those delivered.</summary>
public enum DeliveryFilter
{
    All,
    Pending,
    Parked,
    Delivered,
}

/// <summary>The outbox rows beside the warning messages (written in the message's transaction by the warning log).</summary>
public sealed class Outbox(IDbContextFactory<WarningsDb> databases, Microsoft.Extensions.Options.IOptions<Configuration.ClusterOptions> cluster)
{
    /// <summary>
    /// The rows due now, oldest message first. On PostgreSQL (where several nodes may share the outbox) they are claimed:
    /// locked with FOR UPDATE SKIP LOCKED, so two nodes never take the same row, and made due again only after the
    /// lease (<c>Cluster:OutboxLease</c>) — a delivered, retried or parked row is settled long before; the rows of a
    /// node that died mid-delivery come due to the others then (at least once; receivers drop repeats by key).
    /// </summary>
    public async Task<IReadOnlyList<OutboxItem>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var t = now.ToUnixTimeMilliseconds();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var due = db.Outbox.Where(o => o.Delivered == null && o.Parked == null && o.NextAttempt <= t);
        if (db.Database.IsNpgsql())
        {
            var lease = (now + cluster.Value.OutboxLease).ToUnixTimeMilliseconds();
            var claimed = await db.Database.SqlQuery<long>($"""
                UPDATE outbox SET "NextAttempt" = {lease}
                WHERE "Id" IN (SELECT "Id" FROM outbox WHERE "Delivered" IS NULL AND "Parked" IS NULL AND "NextAttempt" <= {t}
                               ORDER BY "Seq", "Id" LIMIT {limit} FOR UPDATE SKIP LOCKED)
                RETURNING "Id" AS "Value"
                """).ToListAsync(cancellationToken);
            due = db.Outbox.Where(o => claimed.Contains(o.Id));
        }

        var rows = await due.OrderBy(o => o.Seq).ThenBy(o => o.Id).Take(limit)
            .Join(db.Messages, o => o.Seq, m => m.Seq, (o, m) => new { o.Id, o.Seq, o.Channel, o.Attempts, m.Json })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => new OutboxItem(r.Id, r.Seq, r.Channel, r.Attempts, r.Json));
    }

    public Task DeliveredAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(id, u => u.SetProperty(o => o.Delivered, now.ToUnixTimeMilliseconds()).SetProperty(o => o.Attempts, o => o.Attempts + 1)
            .SetProperty(o => o.LastError, (string?)null), cancellationToken);

    public Task FailedAsync(long id, DateTimeOffset retryAt, string error, CancellationToken cancellationToken) =>
        UpdateAsync(id, u => u.SetProperty(o => o.Attempts, o => o.Attempts + 1).SetProperty(o => o.NextAttempt, retryAt.ToUnixTimeMilliseconds())
            .SetProperty(o => o.LastError, error), cancellationToken);

    public Task ParkAsync(long id, string reason, CancellationToken cancellationToken) =>
        UpdateAsync(id, u => u.SetProperty(o => o.Attempts, o => o.Attempts + 1).SetProperty(o => o.Parked, reason).SetProperty(o => o.LastError, reason), cancellationToken);

    public async Task<IReadOnlyList<DeliveryState>> StatesAsync(bool undeliveredOnly, int limit, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var rows = await db.Outbox.Where(o => !undeliveredOnly || o.Delivered == null).OrderByDescending(o => o.Id).Take(limit).ToListAsync(cancellationToken);
        return rows.ConvertAll(State);
    }

    /// <summary>The delivery log, newest first, optionally one state only.</summary>
    public async Task<IReadOnlyList<DeliveryLogEntry>> LogAsync(DeliveryFilter filter, int limit, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var rows = db.Outbox.AsQueryable();
        rows = filter switch
        {
            DeliveryFilter.Pending => rows.Where(o => o.Delivered == null && o.Parked == null),
            DeliveryFilter.Parked => rows.Where(o => o.Parked != null),
            DeliveryFilter.Delivered => rows.Where(o => o.Delivered != null),
            _ => rows,
        };
        var list = await rows.OrderByDescending(o => o.Id).Take(limit)
            .Join(db.Messages, o => o.Seq, m => m.Seq, (o, m) => new { Row = o, m.WarningId, m.Action })
            .ToListAsync(cancellationToken);
        return list.ConvertAll(x => new DeliveryLogEntry(x.Row.Id, x.Row.Seq, x.WarningId, x.Action, x.Row.Channel,
            x.Row.Delivered is not null ? "delivered" : x.Row.Parked is not null ? "parked" : "pending", x.Row.Attempts,
            x.Row.Delivered is { } d ? DateTimeOffset.FromUnixTimeMilliseconds(d) : null, x.Row.Parked, x.Row.LastError));
    }

    /// <summary>One row with its message, or null.</summary>
    public async Task<OutboxItem?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var row = await db.Outbox.Where(o => o.Id == id)
            .Join(db.Messages, o => o.Seq, m => m.Seq, (o, m) => new { o.Id, o.Seq, o.Channel, o.Attempts, m.Json })
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : new OutboxItem(row.Id, row.Seq, row.Channel, row.Attempts, row.Json);
    }

    /// <summary>
    /// Sends a row again: due now, attempts and result cleared, in one transaction with its audit line. The key stays the
    /// same, so a receiver that already has it drops the repeat.
    /// </summary>
    public async Task ResendAsync(long id, DateTimeOffset now, string user, string target, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Outbox.Where(o => o.Id == id).ExecuteUpdateAsync(u => u.SetProperty(o => o.Delivered, (long?)null).SetProperty(o => o.Parked, (string?)null)
            .SetProperty(o => o.Attempts, 0).SetProperty(o => o.NextAttempt, now.ToUnixTimeMilliseconds()).SetProperty(o => o.LastError, (string?)null), cancellationToken);
        db.Audit.Add(AuditRow.Create(now, user, "resend", target, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"delivery {id}")));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The deliveries of one message's sequence numbers (for a warning's timeline).</summary>
    public async Task<IReadOnlyList<DeliveryState>> ForSequencesAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var rows = await db.Outbox.Where(o => sequences.Contains(o.Seq)).OrderBy(o => o.Id).ToListAsync(cancellationToken);
        return rows.ConvertAll(State);
    }

    private static DeliveryState State(OutboxRow o) =>
        new(o.Id, o.Seq, o.Channel, o.Attempts, o.Delivered is { } d ? DateTimeOffset.FromUnixTimeMilliseconds(d) : null, o.Parked, o.LastError);

    /// <summary>One UPDATE statement, no read first: this is on every delivery's path.</summary>
    private async Task UpdateAsync(long id, Action<UpdateSettersBuilder<OutboxRow>> set, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.Outbox.Where(o => o.Id == id).ExecuteUpdateAsync(set, cancellationToken);
    }
}
