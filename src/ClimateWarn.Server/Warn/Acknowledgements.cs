using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Store.Relational;
using Microsoft.EntityFrameworkCore;

namespace ClimateWarn.Server.Warn;

public sealed record Ack(string WarningId, string District, long Sequence, DateTimeOffset Deadline, string? AcknowledgedBy, DateTimeOffset? AcknowledgedAt, DateTimeOffset? EscalatedAt);

public sealed record TimelineEntry(DateTimeOffset At, string Kind, string? District, string? Actor, string? Detail);

/// <summary>
/// Orange and red warnings owe an acknowledgement from a watch officer of each district within the acknowledgement
/// window. An unanswered one escalates (<see cref="EscalateDueAsync"/>): pushed again to the emergency dashboards and
/// posted to the escalation webhooks, through the outbox like any delivery, and shown red.
/// </summary>
public sealed partial class Acknowledgements(
    WarningBoard board,
    IDbContextFactory<WarningsDb> databases,
    Outbox outbox,
    IDeliveryChannels delivery,
    TimeProvider time,
    ILogger<Acknowledgements> logger)
{
    /// <summary>Raised after an acknowledgement or an escalation is stored.</summary>
    public event Action<Ack>? Changed;

    public async Task<IReadOnlyList<Ack>> ForAsync(string? warningId, bool pendingOnly, CancellationToken cancellationToken)
    {
        // One warning's (any state), or those of the warnings in force.
        var ids = warningId is null ? board.Active.Select(w => w.Id).ToList() : [warningId];
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var rows = await db.Acks.Where(a => ids.Contains(a.WarningId))
            .Where(a => !pendingOnly || a.AcknowledgedAt == null).OrderBy(a => a.Deadline).ToListAsync(cancellationToken);
        return rows.ConvertAll(ToAck);
    }

    public async Task<Outcome<Ack>> AcknowledgeAsync(string warningId, string district, string user, IReadOnlyCollection<string> userDistricts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userDistricts);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var row = await db.Acks.SingleOrDefaultAsync(a => a.WarningId == warningId && a.District == district, cancellationToken);
        if (row is null)
        {
            return Outcome.Fail<Ack>(404, $"Warning '{warningId}' owes no acknowledgement for district '{district}'.");
        }

        if (!userDistricts.Contains(district))
        {
            return Outcome.Fail<Ack>(403, $"{user} is not a watch officer of district {district}.");
        }

        if (row.AcknowledgedAt is not null)
        {
            return Outcome.Ok(ToAck(row));
        }

        if (!board.Active.Any(w => w.Id == warningId))
        {
            return Outcome.Fail<Ack>(409, $"预警 {warningId} 已解除或已过期，无需确认 / Warning '{warningId}' is no longer in force (lifted or expired): nothing to acknowledge.");
        }

        var now = time.GetUtcNow();
        row.AcknowledgedBy = user;
        row.AcknowledgedAt = now.ToUnixTimeMilliseconds();
        db.Audit.Add(AuditRow.Create(now, user, "acknowledge", warningId, district));
        await db.SaveChangesAsync(cancellationToken);
        var ack = ToAck(row);
        Changed?.Invoke(ack);
        return Outcome.Ok(ack);
    }

    /// <summary>Escalates every acknowledgement past its deadline, once; returns how many.</summary>
    public async Task<int> EscalateDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var t = now.ToUnixTimeMilliseconds();
        var active = board.Active.Select(w => w.Id).ToList();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var candidates = await db.Acks.AsNoTracking()
            .Where(a => active.Contains(a.WarningId) && a.AcknowledgedAt == null && a.EscalatedAt == null && a.Deadline <= t)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }

        // Each row is claimed by a conditional update in the same transaction as its outbox rows and audit line: whoever
        // else looked at it (another node, in a cluster, besides the escalation lock) finds it escalated and adds nothing.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = new List<AckRow>();
        foreach (var row in candidates)
        {
            var claimed = await db.Acks.Where(a => a.WarningId == row.WarningId && a.District == row.District && a.EscalatedAt == null && a.AcknowledgedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(a => a.EscalatedAt, t), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            row.EscalatedAt = t;
            due.Add(row);
            db.Outbox.AddRange(delivery.ForEscalation(row.District).Select(c => new OutboxRow { Seq = row.Seq, Channel = c }));
            db.Audit.Add(AuditRow.Create(now, "system", "escalate", row.WarningId, $"{row.District}: not acknowledged by {DateTimeOffset.FromUnixTimeMilliseconds(row.Deadline):O}"));
            LogEscalated(logger, row.WarningId, row.District);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (due.Count > 0)
        {
            delivery.Wake();
            foreach (var row in due)
            {
                Changed?.Invoke(ToAck(row));
            }
        }

        return due.Count;
    }

    /// <summary>
    /// Issued, approved, delivered, acknowledged, escalated, lifted…: every step of one warning, in time order.
    /// <paramref name="publicOnly"/>: the published messages, acknowledgements and escalations per district, naming no one
    /// (no drafts, edits, reasons, nor receivers' errors).
    /// </summary>
    public async Task<IReadOnlyList<TimelineEntry>> TimelineAsync(IReadOnlyList<Warning> messages, bool publicOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return [];
        }

        var id = messages[0].Id;
        var entries = messages.Select(m => new TimelineEntry(m.UpdatedAt, m.Action.ToString(), null, publicOnly ? null : m.ApprovedBy, $"#{m.Sequence} {m.HeadlineZh}")).ToList();
        foreach (var a in await ForAsync(id, pendingOnly: false, cancellationToken))
        {
            if (a.AcknowledgedAt is { } at)
            {
                entries.Add(new TimelineEntry(at, "Acknowledged", a.District, publicOnly ? null : a.AcknowledgedBy, null));
            }

            if (a.EscalatedAt is { } esc)
            {
                entries.Add(new TimelineEntry(esc, "Escalated", a.District, null, $"deadline {a.Deadline:O}"));
            }
        }

        if (publicOnly)
        {
            return [.. entries.OrderBy(e => e.At)];
        }

        foreach (var d in await outbox.ForSequencesAsync([.. messages.Select(m => m.Sequence)], cancellationToken))
        {
            if (d.Delivered is { } at)
            {
                entries.Add(new TimelineEntry(at, "Delivered", null, null, $"#{d.Sequence} → {d.Channel}"));
            }
            else if (d.Parked is not null)
            {
                entries.Add(new TimelineEntry(messages[^1].UpdatedAt, "DeliveryParked", null, null, $"#{d.Sequence} → {d.Channel}: {d.Parked}"));
            }
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var audit = await db.Audit.Where(a => a.Target == id && (a.Action == "approve" || a.Action == "edit" || a.Action == "reject" || a.Action.StartsWith("draft-")))
            .ToListAsync(cancellationToken);
        entries.AddRange(audit.Select(a => new TimelineEntry(DateTimeOffset.FromUnixTimeMilliseconds(a.At), Kind(a.Action), null, a.User, a.Detail)));
        return [.. entries.OrderBy(e => e.At)];
    }

    private static string Kind(string action) => action switch
    {
        "approve" => "Approved",
        "edit" => "Edited",
        "reject" => "Rejected",
        _ => "Draft",
    };

    private static Ack ToAck(AckRow a) => new(a.WarningId, a.District, a.Seq, DateTimeOffset.FromUnixTimeMilliseconds(a.Deadline), a.AcknowledgedBy,
        a.AcknowledgedAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null, a.EscalatedAt is { } e ? DateTimeOffset.FromUnixTimeMilliseconds(e) : null);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Warning {Id} not acknowledged for district {District} in time: escalated")]
    private static partial void LogEscalated(ILogger logger, string id, string district);
}

/// <summary>Checks acknowledgement deadlines every few seconds of the wall clock (deadlines are wall-clock times, see WarningBoard).</summary>
/// In a cluster the check runs on one node at a time (a try-lock: the node that finds it taken skips that tick), so a
/// deadline escalates once; a database that does not answer is logged and tried again at the next tick.
public sealed partial class EscalationService(Acknowledgements acknowledgements, IClusterLock cluster, TimeProvider time, ILogger<EscalationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var held = await cluster.TryAcquireAsync("escalation", stoppingToken);
                if (held is not null)
                {
                    await acknowledgements.EscalateDueAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "Escalation check failed; retrying at the next tick")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
