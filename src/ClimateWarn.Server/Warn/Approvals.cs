using System.Text.Json;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Places;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Store.Relational;
using Microsoft.EntityFrameworkCore;

namespace ClimateWarn.Server.Warn;

public sealed record Draft(long Id, int RowVersion, DateTimeOffset CreatedAt, DateTimeOffset ChangedAt, DraftState State, string? Reason, long? PublishedSequence, Warning Warning);

public sealed record DraftEdit(int? RowVersion, string? HeadlineZh, string? HeadlineEn, string? DescriptionZh, string? DescriptionEn, IReadOnlyList<string>? Districts, DateTimeOffset? ValidTo);

public sealed record AuditEntry(DateTimeOffset At, string User, string Action, string Target, string? Detail);

/// <summary>The outcome of an operator's action: the value, or the HTTP status and reason it was refused with.</summary>
public sealed record Outcome<T>(T? Value, int Status, string? Error);

public static class Outcome
{
    public static Outcome<T> Ok<T>(T value) => new(value, 200, null);

    public static Outcome<T> Fail<T>(int status, string error) => new(default, status, error);
}

/// <summary>
/// Operators' decisions on drafts (approve, edit, reject) and on warnings in force (lift), each checked against the
/// draft's row version (a stale one is refused with 409) and written to the audit log with who, when and what changed.
/// </summary>
/// <remarks>The messages an operator publishes are dated on the pipeline clock, like every message of the warning; the
/// audit rows, on the wall clock (who did what, when).</remarks>
public sealed class Approvals(WarningBoard board, IDbContextFactory<WarningsDb> databases, PlaceCatalog places, PipelineClock clock, TimeProvider time, HazardRegistry hazards)
{
    public const int MaxText = 2_000;

    public async Task<IReadOnlyList<Draft>> DraftsAsync(bool pendingOnly, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var rows = await db.Drafts.Where(d => !pendingOnly || d.State == DraftState.Pending).OrderByDescending(d => d.Id).Take(200).ToListAsync(cancellationToken);
        return rows.ConvertAll(ToDraft);
    }

    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(string? target, int limit, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var rows = await db.Audit.Where(a => target == null || a.Target == target).OrderByDescending(a => a.Id).Take(limit).ToListAsync(cancellationToken);
        return rows.ConvertAll(a => new AuditEntry(DateTimeOffset.FromUnixTimeMilliseconds(a.At), a.User, a.Action, a.Target, a.Detail));
    }

    public Task<Outcome<Warning>> ApproveAsync(long id, int rowVersion, string user, CancellationToken cancellationToken) =>
        board.ExclusiveAsync(async x =>
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var (row, error) = await PendingAsync(db, id, rowVersion, cancellationToken);
            if (row is null)
            {
                return Outcome.Fail<Warning>(error.Status, error.Message);
            }

            var now = time.GetUtcNow();
            var draft = WarningLog.Parse(row.Json);
            var current = x.Current(draft.Id) ?? x.Current(draft.Hazard, draft.Districts[0]);
            var action = current is null ? WarningAction.Issued
                : draft.Level > current.Level ? WarningAction.Upgraded
                : draft.Level < current.Level ? WarningAction.Downgraded : WarningAction.Continued;
            // An approved proposal of a by-hand hazard is the forecaster's warning from then on: the engine does not lift it.
            var byHand = hazards.TryGet(draft.Hazard, out var definition) && definition is ByHandHazard;
            var message = draft with { Id = current?.Id ?? draft.Id, Action = action, UpdatedAt = clock.Now, ApprovedBy = user, ComposedBy = byHand ? user : null };
            var published = await x.PublishAsync(message, (d, w) =>
            {
                d.Drafts.Attach(row);
                row.State = DraftState.Approved;
                row.RowVersion++;
                row.Changed = now.ToUnixTimeMilliseconds();
                row.PublishedSeq = w.Sequence;
                d.Audit.Add(AuditRow.Create(now, user, "approve", w.Id, $"draft {row.Id} published as #{w.Sequence} ({w.Action})"));
                return Task.CompletedTask;
            }, cancellationToken);
            x.DraftSettled(draft, suppress: false);
            return Outcome.Ok(published);
        }, cancellationToken);

    public Task<Outcome<Draft>> EditAsync(long id, DraftEdit edit, string user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var invalid = Validate(edit);
        if (invalid is not null)
        {
            return Task.FromResult(Outcome.Fail<Draft>(400, invalid));
        }

        return board.ExclusiveAsync(async x =>
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var (row, error) = await PendingAsync(db, id, edit.RowVersion ?? 0, cancellationToken);
            if (row is null)
            {
                return Outcome.Fail<Draft>(error.Status, error.Message);
            }

            var before = WarningLog.Parse(row.Json);
            if (edit.ValidTo is { } until && (until <= before.ValidFrom || until > before.ValidFrom.AddDays(10)))
            {
                return Outcome.Fail<Draft>(400, $"validTo {until:O} must come after validFrom {before.ValidFrom:O}, by at most 10 days.");
            }

            var after = before with
            {
                HeadlineZh = edit.HeadlineZh ?? before.HeadlineZh,
                HeadlineEn = edit.HeadlineEn ?? before.HeadlineEn,
                DescriptionZh = edit.DescriptionZh ?? before.DescriptionZh,
                DescriptionEn = edit.DescriptionEn ?? before.DescriptionEn,
                Districts = edit.Districts is { } ds ? [before.Districts[0], .. ds.Where(d => d != before.Districts[0]).Distinct(StringComparer.Ordinal)] : before.Districts,
                ValidTo = edit.ValidTo ?? before.ValidTo,
            };
            var changes = Changes(before, after);
            if (changes.Count == 0)
            {
                return Outcome.Fail<Draft>(400, "The edit changes nothing.");
            }

            var now = time.GetUtcNow();
            row.Json = JsonSerializer.Serialize(after, WarningJson.Options);
            row.RowVersion++;
            row.Changed = now.ToUnixTimeMilliseconds();
            db.Audit.Add(AuditRow.Create(now, user, "edit", before.Id, string.Join("; ", changes)));
            await db.SaveChangesAsync(cancellationToken);
            x.DraftsChanged = true;
            return Outcome.Ok(ToDraft(row));
        }, cancellationToken);
    }

    public Task<Outcome<Draft>> RejectAsync(long id, int rowVersion, string? reason, string user, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxText)
        {
            return Task.FromResult(Outcome.Fail<Draft>(400, $"A rejection needs a reason (1–{MaxText} characters)."));
        }

        return board.ExclusiveAsync(async x =>
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var (row, error) = await PendingAsync(db, id, rowVersion, cancellationToken);
            if (row is null)
            {
                return Outcome.Fail<Draft>(error.Status, error.Message);
            }

            var now = time.GetUtcNow();
            row.State = DraftState.Rejected;
            row.Reason = reason;
            row.RowVersion++;
            row.Changed = now.ToUnixTimeMilliseconds();
            db.Audit.Add(AuditRow.Create(now, user, "reject", row.WarningId, reason));
            var draft = WarningLog.Parse(row.Json);
            await WarningBoard.HoldAsync(db, draft, now, user, reason, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            x.DraftSettled(draft, suppress: true);
            return Outcome.Ok(ToDraft(row));
        }, cancellationToken);
    }

    public Task<Outcome<Warning>> LiftAsync(string warningId, string? reason, string user, CancellationToken cancellationToken)
    {
        // Who lifts a warning in force must say why: the reason is what the audit and the lift's readers see.
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxText)
        {
            return Task.FromResult(Outcome.Fail<Warning>(400, $"A lift needs a reason (1–{MaxText} characters)."));
        }

        return board.ExclusiveAsync(async x =>
        {
            var current = x.Current(warningId);
            if (current is null)
            {
                return Outcome.Fail<Warning>(404, $"No warning '{warningId}' is in force.");
            }

            var now = time.GetUtcNow();
            var lift = x.Compose(current, WarningAction.Lifted, clock.Now) with { ApprovedBy = user };
            var published = await x.PublishAsync(lift, async (db, w) =>
            {
                db.Audit.Add(AuditRow.Create(now, user, "lift", w.Id, reason));
                await WarningBoard.HoldAsync(db, current, now, user, reason, cancellationToken);
            }, cancellationToken);
            x.Lifted(current);
            return Outcome.Ok(published);
        }, cancellationToken);
    }

    private string? Validate(DraftEdit edit)
    {
        foreach (var (name, value) in new[] { ("headlineZh", edit.HeadlineZh), ("headlineEn", edit.HeadlineEn), ("descriptionZh", edit.DescriptionZh), ("descriptionEn", edit.DescriptionEn) })
        {
            if (value is not null && (string.IsNullOrWhiteSpace(value) || value.Length > MaxText))
            {
                return $"{name} must be 1–{MaxText} characters.";
            }
        }

        if (edit.Districts is { } districts)
        {
            if (districts.Count is 0 or > 50)
            {
                return "districts must list 1–50 district codes.";
            }

            var unknown = districts.FirstOrDefault(d => !places.TryGetDistrict(d, out _));
            if (unknown is not null)
            {
                return $"Unknown district code '{unknown}'.";
            }
        }

        return null;
    }

    private static List<string> Changes(Warning before, Warning after)
    {
        var changes = new List<string>();
        void Compare(string name, string a, string b)
        {
            if (a != b)
            {
                changes.Add($"{name}: '{a}' → '{b}'");
            }
        }

        Compare("headlineZh", before.HeadlineZh, after.HeadlineZh);
        Compare("headlineEn", before.HeadlineEn, after.HeadlineEn);
        Compare("descriptionZh", before.DescriptionZh, after.DescriptionZh);
        Compare("descriptionEn", before.DescriptionEn, after.DescriptionEn);
        Compare("districts", string.Join(',', before.Districts), string.Join(',', after.Districts));
        Compare("validTo", before.ValidTo.ToString("O"), after.ValidTo.ToString("O"));
        return changes;
    }

    private static async Task<(DraftRow? Row, (int Status, string Message) Error)> PendingAsync(WarningsDb db, long id, int rowVersion, CancellationToken cancellationToken)
    {
        var row = await db.Drafts.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        return row switch
        {
            null => (null, (404, $"No draft {id}.")),
            { State: not DraftState.Pending } => (null, (409, $"Draft {id} is already {row.State.ToString().ToLowerInvariant()}.")),
            _ when row.RowVersion != rowVersion => (null, (409, $"Draft {id} has changed (row version {row.RowVersion}, you sent {rowVersion}): reload it and decide again.")),
            _ => (row, default),
        };
    }

    private static Draft ToDraft(DraftRow d) =>
        new(d.Id, d.RowVersion, DateTimeOffset.FromUnixTimeMilliseconds(d.Created), DateTimeOffset.FromUnixTimeMilliseconds(d.Changed), d.State, d.Reason, d.PublishedSeq, WarningLog.Parse(d.Json));
}
