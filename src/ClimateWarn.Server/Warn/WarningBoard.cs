using System.Globalization;
using System.Text.Json;
using ClimateWarn.Core;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Assess;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Deliver;
using ClimateWarn.Server.Store.Relational;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Warn;

public sealed class WarningOptions
{
    public const string Section = "Warnings";

    /// <summary>How long a lower signal (or none) must last before a warning is downgraded or lifted.</summary>
    public TimeSpan HoldTime { get; set; } = TimeSpan.FromHours(3);

    /// <summary>
    /// Per hazard slug, in the hazard's own unit (°C, mm, m/s): a downgrade also needs the quantity to have eased by at
    /// least this much from the value that set the current level. 0 (the default) leaves only the hold time.
    /// </summary>
    public Dictionary<string, double> Margins { get; set; } = [];

    /// <summary>Per hazard slug, the lowest level that waits for an operator (Blue…Red, or None: all automatic). Default Orange.</summary>
    public Dictionary<string, SignalLevel> ApprovalFrom { get; set; } = [];

    /// <summary>A warning still in force at the same level is re-issued (继续发布) this long after its last message.</summary>
    public TimeSpan ContinueEvery { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A signal that now ends this much later than the warning's validity extends it (延长).</summary>
    public TimeSpan ExtendAfter { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Orange and red: time a watch officer of each district has to acknowledge before it escalates.</summary>
    public TimeSpan AckWindow { get; set; } = TimeSpan.FromMinutes(15);

    public SignalLevel Approval(HazardKind hazard) =>
        ApprovalFrom.TryGetValue(HazardNames.Slug(hazard), out var level) ? level : SignalLevel.Orange;
}

/// <summary>
/// The warning engine: one warning per hazard and district (an operator may widen its districts). Each step is a new,
/// immutable message: issued, continued, upgraded, downgraded, extended, lifted, or expired when its validity has run
/// out. Upgrades are immediate; downgrades and lifts wait until the lower signal has held for the hold time (and, for a
/// downgrade, eased by the hazard's margin), so a value wobbling around a threshold does not flap. Messages at or
/// above the hazard's approval level become drafts for an operator (<see cref="Approvals"/>). A district without data
/// keeps its warnings: missing data is never "no hazard".
/// </summary>
public sealed partial class WarningBoard(
    WarningLog log,
    IDbContextFactory<WarningsDb> databases,
    WarningComposer composer,
    HazardConfiguration hazards,
    DeliveryDispatcher dispatcher,
    IOptions<DeliveryOptions> delivery,
    IOptions<WarningOptions> warningOptions,
    ILogger<WarningBoard> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(HazardKind Hazard, string District), Warning> _active = [];

    /// <summary>Since when a warning's signal has been below its level (or gone): hysteresis by hold time.</summary>
    private readonly Dictionary<(HazardKind Hazard, string District), DateTimeOffset> _lowerSince = [];

    /// <summary>Pending drafts by key: their id and level.</summary>
    private readonly Dictionary<(HazardKind Hazard, string District), (long Id, SignalLevel Level)> _drafts = [];

    /// <summary>An operator rejected a draft or lifted a warning: no new message at or below this level until the signal ends.</summary>
    private readonly Dictionary<(HazardKind Hazard, string District), SignalLevel> _suppressed = [];
    private long _lastSequence;

    public event Action? DraftsChanged;

    public long LastSequence => Interlocked.Read(ref _lastSequence);

    public IReadOnlyList<Warning> Active
    {
        get
        {
            lock (_active)
            {
                return [.. _active.Values.OrderBy(w => w.Sequence)];
            }
        }
    }

    public void Dispose() => _gate.Dispose();

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await WarningsDatabase.MigrateAsync(databases, cancellationToken);
        var active = await log.ActiveAsync(cancellationToken);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var pending = await db.Drafts.Where(d => d.State == DraftState.Pending).ToListAsync(cancellationToken);
        lock (_active)
        {
            foreach (var w in active)
            {
                _active[Key(w)] = w;
            }
        }

        foreach (var d in pending)
        {
            var w = WarningLog.Parse(d.Json);
            _drafts[Key(w)] = (d.Id, w.Level);
        }

        Interlocked.Exchange(ref _lastSequence, await log.LastSequenceAsync(cancellationToken));
    }

    public async Task ApplyAsync(IReadOnlyList<DistrictAssessment> assessments, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        var published = new List<Warning>();
        var draftsChanged = false;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var assessment in assessments.Where(a => a.HasData))
            {
                foreach (var hazard in Enum.GetValues<HazardKind>())
                {
                    var signal = assessment.Signals.FirstOrDefault(s => s.Hazard == hazard);
                    draftsChanged |= await ApplyOneAsync(assessment.District, hazard, signal, assessment.MaxScore(hazard, 24), now, published, cancellationToken);
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        Announce(published, draftsChanged);
    }

    /// <summary>Runs an operator's action under the engine's lock, then announces what it published.</summary>
    internal async Task<T> ExclusiveAsync<T>(Func<Exclusive, Task<T>> action, CancellationToken cancellationToken)
    {
        var published = new List<Warning>();
        var exclusive = new Exclusive(this, published);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await action(exclusive);
        }
        finally
        {
            _gate.Release();
            Announce(published, exclusive.DraftsChanged);
        }
    }

    private void Announce(List<Warning> published, bool draftsChanged)
    {
        if (published.Count > 0)
        {
            dispatcher.Wake();
        }

        if (draftsChanged)
        {
            DraftsChanged?.Invoke();
        }
    }

    /// <returns>Whether the drafts changed.</returns>
    private async Task<bool> ApplyOneAsync(string district, HazardKind hazard, HazardSignal? signal, RiskScore? score, DateTimeOffset now,
        List<Warning> published, CancellationToken cancellationToken)
    {
        var key = (hazard, district);
        Warning? current;
        lock (_active)
        {
            _active.TryGetValue(key, out current);
        }

        var o = warningOptions.Value;
        var approvalFrom = o.Approval(hazard);
        var needsApproval = signal is not null && approvalFrom != SignalLevel.None && signal.Level >= approvalFrom;
        if (signal is null || _suppressed.TryGetValue(key, out var s) && signal.Level > s)
        {
            _suppressed.Remove(key);
        }

        var draftsChanged = false;
        if (_drafts.TryGetValue(key, out var draft) && (!needsApproval || current is not null && signal!.Level <= current.Level))
        {
            // The signal no longer calls for what the draft proposes: withdraw it.
            await CloseDraftAsync(draft.Id, DraftState.Withdrawn, "system", "信号已减弱 the signal fell below the draft's level", now, cancellationToken);
            _drafts.Remove(key);
            draftsChanged = true;
        }

        if (signal is not null && _suppressed.TryGetValue(key, out var suppressedLevel) && signal.Level <= suppressedLevel)
        {
            return draftsChanged;
        }

        if (current is not null && (signal is null || signal.Level < current.Level))
        {
            if (signal is null && now >= current.ValidTo)
            {
                _lowerSince.Remove(key);
                await PublishAsync(Compose(current, WarningAction.Expired, Lift(current), current.Districts, now), null, published, cancellationToken);
                return draftsChanged;
            }

            if (signal is not null && o.Margins.TryGetValue(HazardNames.Slug(hazard), out var margin) && margin > 0 && Eased(hazard, current.SignalValue, signal.Value) < margin)
            {
                _lowerSince.Remove(key);
                return draftsChanged;
            }

            if (!_lowerSince.TryGetValue(key, out var since))
            {
                _lowerSince[key] = since = now;
            }

            if (now - since < o.HoldTime)
            {
                return draftsChanged;
            }

            _lowerSince.Remove(key);
            var action = signal is null ? WarningAction.Lifted : WarningAction.Downgraded;
            await PublishAsync(WithScore(Compose(current, action, signal ?? Lift(current), current.Districts, now), score), null, published, cancellationToken);
            return draftsChanged;
        }

        _lowerSince.Remove(key);
        if (signal is null)
        {
            return draftsChanged;
        }

        var audiences = hazards.Audiences[hazard];
        if (current is null || signal.Level > current.Level)
        {
            var action = current is null ? WarningAction.Issued : WarningAction.Upgraded;
            var id = current?.Id ?? NewId(district, hazard, now);
            var message = WithScore(composer.Compose(id, 0, action, current?.Level, signal, current?.Districts ?? [district], current?.IssuedAt ?? now, now, audiences), score);
            if (!needsApproval)
            {
                await PublishAsync(message, null, published, cancellationToken);
                return draftsChanged;
            }

            return await UpsertDraftAsync(key, message, now, cancellationToken) || draftsChanged;
        }

        if (signal.To > current.ValidTo + o.ExtendAfter)
        {
            await PublishAsync(WithScore(Compose(current, WarningAction.Extended, signal, current.Districts, now), score), null, published, cancellationToken);
        }
        else if (now - current.UpdatedAt >= o.ContinueEvery)
        {
            await PublishAsync(WithScore(Compose(current, WarningAction.Continued, signal, current.Districts, now), score), null, published, cancellationToken);
        }

        return draftsChanged;
    }

    /// <summary>How far the quantity has moved in the milder direction (frost: warmer is milder; the rest: lower is milder).</summary>
    private static double Eased(HazardKind hazard, double? before, double now) =>
        before is not { } b || !double.IsFinite(now) ? double.PositiveInfinity : hazard == HazardKind.Frost ? now - b : b - now;

    private Warning Compose(Warning current, WarningAction action, HazardSignal signal, IReadOnlyList<string> districts, DateTimeOffset now) =>
        composer.Compose(current.Id, 0, action, current.Level, signal, districts, current.IssuedAt, now, current.Audiences);

    private static HazardSignal Lift(Warning current) =>
        new(current.Hazard, current.Level, current.ValidFrom, current.ValidTo, double.NaN, current.Basis);

    private static Warning WithScore(Warning warning, RiskScore? score) =>
        score is null ? warning : warning with { RiskProbability = Math.Round(score.Probability, 3), RiskModel = score.ModelVersion };

    private async Task<bool> UpsertDraftAsync((HazardKind, string) key, Warning message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (_drafts.TryGetValue(key, out var existing))
        {
            if (existing.Level == message.Level)
            {
                return false;
            }

            var row = await db.Drafts.SingleAsync(d => d.Id == existing.Id, cancellationToken);
            row.Json = JsonSerializer.Serialize(message, WarningJson.Options);
            row.RowVersion++;
            row.Changed = now.ToUnixTimeMilliseconds();
            db.Audit.Add(Audit(now, "system", "draft-updated", message.Id, $"level {HazardNames.LevelEn(existing.Level)} → {HazardNames.LevelEn(message.Level)}"));
            await db.SaveChangesAsync(cancellationToken);
            _drafts[key] = (existing.Id, message.Level);
            return true;
        }

        var draft = new DraftRow
        {
            WarningId = message.Id,
            Key = $"{HazardNames.Slug(message.Hazard)}:{message.Districts[0]}",
            RowVersion = 1,
            State = DraftState.Pending,
            Created = now.ToUnixTimeMilliseconds(),
            Changed = now.ToUnixTimeMilliseconds(),
            Json = JsonSerializer.Serialize(message, WarningJson.Options),
        };
        db.Drafts.Add(draft);
        db.Audit.Add(Audit(now, "system", "draft-created", message.Id, message.HeadlineZh));
        await db.SaveChangesAsync(cancellationToken);
        _drafts[key] = (draft.Id, message.Level);
        LogDraft(logger, draft.Id, message.Id, message.HeadlineZh);
        return true;
    }

    private async Task CloseDraftAsync(long id, DraftState state, string user, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var row = await db.Drafts.SingleAsync(d => d.Id == id, cancellationToken);
        row.State = state;
        row.Reason = reason;
        row.RowVersion++;
        row.Changed = now.ToUnixTimeMilliseconds();
        db.Audit.Add(Audit(now, user, "draft-" + state.ToString().ToLowerInvariant(), row.WarningId, reason));
        await db.SaveChangesAsync(cancellationToken);
        LogDraftClosed(logger, id, state, row.WarningId, reason);
    }

    internal static AuditRow Audit(DateTimeOffset at, string user, string action, string target, string? detail) =>
        new() { At = at.ToUnixTimeMilliseconds(), User = user, Action = action, Target = target, Detail = detail };

    /// <summary>
    /// Stores the message with its outbox rows, the acknowledgements it makes owed and whatever <paramref name="alongside"/>
    /// adds, in one transaction; then updates the engine's view. Callers hold the lock.
    /// </summary>
    private async Task<Warning> PublishAsync(Warning warning, Func<WarningsDb, Warning, Task>? alongside, List<Warning> published, CancellationToken cancellationToken)
    {
        var ackWindow = warningOptions.Value.AckWindow;
        var stored = await log.AppendAsync(warning, delivery.Value.Channels, cancellationToken, async (db, w) =>
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
                    db.Acks.Add(new AckRow { WarningId = w.Id, District = d, Seq = w.Sequence, Deadline = (w.UpdatedAt + ackWindow).ToUnixTimeMilliseconds() });
                }
            }

            if (alongside is not null)
            {
                await alongside(db, w);
            }
        });
        Interlocked.Exchange(ref _lastSequence, stored.Sequence);
        lock (_active)
        {
            if (stored.IsActive)
            {
                _active[Key(stored)] = stored;
            }
            else
            {
                _active.Remove(Key(stored));
            }
        }

        published.Add(stored);
        LogPublished(logger, stored.Sequence, stored.Action, stored.Id, stored.HeadlineZh);
        return stored;
    }

    private static (HazardKind, string) Key(Warning w) => (w.Hazard, w.Districts[0]);

    /// <summary>GB/T 35965.1-style: admin code, 416 (meteorology), hazard type code and 000, then Beijing issue time.</summary>
    private static string NewId(string district, HazardKind hazard, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{district}416{HazardNames.Code(hazard)}000_{TimeZoneInfo.ConvertTime(now, TimeZones.Shanghai):yyyyMMddHHmmss}");

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Warning #{Sequence} {Action} {Id}: {Headline}")]
    private static partial void LogPublished(ILogger logger, long sequence, WarningAction action, string id, string headline);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Draft {DraftId} for {Id} waits for an operator: {Headline}")]
    private static partial void LogDraft(ILogger logger, long draftId, string id, string headline);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information, Message = "Draft {DraftId} for {Id} {State}: {Reason}")]
    private static partial void LogDraftClosed(ILogger logger, long draftId, DraftState state, string id, string reason);

    /// <summary>What an operator's action may do while it holds the engine's lock.</summary>
    internal sealed class Exclusive(WarningBoard board, List<Warning> published)
    {
        public bool DraftsChanged { get; set; }

        public Warning? Current(HazardKind hazard, string district)
        {
            lock (board._active)
            {
                return board._active.GetValueOrDefault((hazard, district));
            }
        }

        public Warning? Current(string warningId)
        {
            lock (board._active)
            {
                return board._active.Values.FirstOrDefault(w => w.Id == warningId);
            }
        }

        public Task<Warning> PublishAsync(Warning warning, Func<WarningsDb, Warning, Task> alongside, CancellationToken cancellationToken) =>
            board.PublishAsync(warning, alongside, published, cancellationToken);

        public Warning Compose(Warning current, WarningAction action, DateTimeOffset now) =>
            board.Compose(current, action, Lift(current), current.Districts, now);

        /// <summary>The draft is settled: the engine forgets it, and proposes nothing at or below its level until the signal ends (after a rejection).</summary>
        public void DraftSettled(Warning draft, bool suppress)
        {
            board._drafts.Remove(Key(draft));
            if (suppress)
            {
                board._suppressed[Key(draft)] = draft.Level;
            }

            DraftsChanged = true;
        }

        /// <summary>An operator lifted it: no automatic re-issue at or below its level until the signal ends.</summary>
        public void Lifted(Warning warning) => board._suppressed[Key(warning)] = warning.Level;
    }
}
