using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Store.Relational;
using Microsoft.EntityFrameworkCore;

namespace ClimateWarn.Server.Warn;

/// <summary>The engine's writes: messages with what they owe, and drafts.</summary>
public sealed partial class WarningBoard
{
    /// <summary>
    /// Stores the message with its outbox rows, the acknowledgements it makes owed and whatever <paramref name="alongside"/>
    /// adds, in one transaction; then updates the engine's view. Callers hold the lock.
    /// </summary>
    private async Task<Warning> PublishAsync(Warning warning, Func<WarningsDb, Warning, Task>? alongside, List<Warning> published, CancellationToken cancellationToken)
    {
        // The deadline is on the wall clock: a watch officer answers in real time, even while a replay races through 2021.
        var deadline = (wallClock.GetUtcNow() + warningOptions.Value.AckWindow).ToUnixTimeMilliseconds();
        var stored = await log.AppendAsync(warning, delivery.ForMessage(warning), cancellationToken, async (db, w) =>
        {
            if (w.NeedsAck && w.Action is WarningAction.Issued or WarningAction.Upgraded or WarningAction.Continued or WarningAction.Extended)
            {
                // An issue or upgrade asks every district afresh; a continuation only adds districts not yet asked.
                var existing = await db.Acks.Where(a => a.WarningId == w.Id).ToListAsync(cancellationToken);
                if (w.Action is WarningAction.Issued or WarningAction.Upgraded)
                {
                    db.Acks.RemoveRange(existing);
                    existing.Clear();
                }

                foreach (var d in w.Districts.Where(d => existing.All(a => a.District != d)))
                {
                    db.Acks.Add(new AckRow { WarningId = w.Id, District = d, Seq = w.Sequence, Deadline = deadline });
                }
            }

            if (alongside is not null)
            {
                await alongside(db, w);
            }
        });
        Interlocked.Exchange(ref _lastSequence, stored.Sequence);
        lock (_states)
        {
            var key = Key(stored);
            _states[key] = (_states.GetValueOrDefault(key) ?? LifecycleState.Empty) with { Current = stored.IsActive ? stored : null };
        }

        published.Add(stored);
        LogPublished(logger, stored.Sequence, stored.Action, stored.Id, stored.HeadlineZh);
        return stored;
    }

    /// <returns>Whether a draft was created or changed.</returns>
    private async Task<bool> UpsertDraftAsync((string, string) key, Warning message, CancellationToken cancellationToken)
    {
        var now = wallClock.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (_draftIds.TryGetValue(key, out var existingId))
        {
            var row = await db.Drafts.SingleAsync(d => d.Id == existingId, cancellationToken);
            var before = WarningLog.Parse(row.Json).Level;
            row.Json = JsonSerializer.Serialize(message, WarningJson.Options);
            row.RowVersion++;
            row.Changed = now.ToUnixTimeMilliseconds();
            db.Audit.Add(AuditRow.Create(now, "system", "draft-updated", message.Id, $"level {SignalLevels.En(before)} → {SignalLevels.En(message.Level)}"));
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }

        var draft = new DraftRow
        {
            WarningId = message.Id,
            Key = $"{message.Hazard}:{message.Districts[0]}",
            RowVersion = 1,
            State = DraftState.Pending,
            Created = now.ToUnixTimeMilliseconds(),
            Changed = now.ToUnixTimeMilliseconds(),
            Json = JsonSerializer.Serialize(message, WarningJson.Options),
        };
        db.Drafts.Add(draft);
        db.Audit.Add(AuditRow.Create(now, "system", "draft-created", message.Id, message.HeadlineZh));
        await db.SaveChangesAsync(cancellationToken);
        _draftIds[key] = draft.Id;
        LogDraft(logger, draft.Id, message.Id, message.HeadlineZh);
        return true;
    }

    /// <summary>Records an operator's "not at or below this level" in the same transaction as the decision that made it.</summary>
    internal static async Task HoldAsync(WarningsDb db, Warning warning, DateTimeOffset now, string user, string? reason, CancellationToken cancellationToken)
    {
        var (hazard, district) = Key(warning);
        var row = await db.Suppressions.FindAsync([hazard, district], cancellationToken);
        if (row is null)
        {
            db.Suppressions.Add(new SuppressionRow { Hazard = hazard, District = district, Level = warning.Level.ToString(), Since = now.ToUnixTimeMilliseconds(), By = user, Reason = reason });
        }
        else
        {
            row.Level = warning.Level.ToString();
            row.Since = now.ToUnixTimeMilliseconds();
            row.By = user;
            row.Reason = reason;
        }
    }

    /// <summary>The signal ended or rose above the held level: the operator's hold is over.</summary>
    private async Task ReleaseSuppressionAsync((string Hazard, string District) key, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.Suppressions.Where(s => s.Hazard == key.Hazard && s.District == key.District).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task CloseDraftAsync(long id, DraftState state, string user, string reason, CancellationToken cancellationToken)
    {
        var now = wallClock.GetUtcNow();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var row = await db.Drafts.SingleAsync(d => d.Id == id, cancellationToken);
        row.State = state;
        row.Reason = reason;
        row.RowVersion++;
        row.Changed = now.ToUnixTimeMilliseconds();
        db.Audit.Add(AuditRow.Create(now, user, "draft-" + state.ToString().ToLowerInvariant(), row.WarningId, reason));
        await db.SaveChangesAsync(cancellationToken);
        LogDraftClosed(logger, id, state, row.WarningId, reason);
    }

    /// <summary>What an operator's action may do while it holds the engine's lock.</summary>
    internal sealed class Exclusive(WarningBoard board, List<Warning> published)
    {
        public bool DraftsChanged { get; set; }

        public Warning? Current(string hazard, string district) => board.State((hazard, district)).Current;

        public Warning? Current(string warningId)
        {
            lock (board._states)
            {
                return board._states.Values.Select(s => s.Current).FirstOrDefault(w => w?.Id == warningId);
            }
        }

        public Task<Warning> PublishAsync(Warning warning, Func<WarningsDb, Warning, Task> alongside, CancellationToken cancellationToken) =>
            board.PublishAsync(warning, alongside, published, cancellationToken);

        public Warning Compose(Warning current, WarningAction action, DateTimeOffset now) =>
            board.Compose(current, action, Lift(current), current.Districts, now);

        /// <summary>The draft is settled: the engine forgets it, and proposes nothing at or below its level until the signal ends (after a rejection).</summary>
        public void DraftSettled(Warning draft, bool suppress)
        {
            var key = Key(draft);
            board._draftIds.Remove(key);
            board.SetState(key, board.State(key).DraftSettled(draft.Level, suppress));
            DraftsChanged = true;
        }

        /// <summary>An operator lifted it: no automatic re-issue at or below its level until the signal ends.</summary>
        public void Lifted(Warning warning) => board.SetState(Key(warning), board.State(Key(warning)).LiftedByOperator(warning.Level));
    }
}
