using ClimateWarn.Server.Configuration;
using System.Globalization;
using ClimateWarn.Core;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Assess;
using ClimateWarn.Server.Assess.Rules;
using ClimateWarn.Server.Store.Relational;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Warn;

/// <summary>
/// The warning engine around the pure <see cref="Lifecycle"/>: one warning per hazard and district (an operator may
/// widen its districts), its state kept here under one lock, each decision carried out as an immutable message in the
/// store (or a draft for an operator, <see cref="Approvals"/>), then announced to delivery. A district without data is
/// never passed to the lifecycle: missing data is never "no hazard", so its warnings stand.
/// </summary>
public sealed partial class WarningBoard(
    WarningLog log,
    IDbContextFactory<WarningsDb> databases,
    WarningComposer composer,
    HazardConfiguration hazards,
    IDeliveryChannels delivery,
    IOptions<WarningOptions> warningOptions,
    TimeProvider wallClock,
    IClusterLock cluster,
    ILogger<WarningBoard> logger) : IDisposable
{
    /// <summary>The lock all nodes take for the board's decisions (one node: in-process).</summary>
    internal const string LockName = "warning-board";

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Each hazard and district's lifecycle state; read under its own lock, changed only under <see cref="_gate"/>.</summary>
    private readonly Dictionary<(string Hazard, string District), LifecycleState> _states = [];

    /// <summary>The row of each pending draft.</summary>
    private readonly Dictionary<(string Hazard, string District), long> _draftIds = [];
    private long _lastSequence;

    public event Action? DraftsChanged;

    public long LastSequence => Interlocked.Read(ref _lastSequence);

    public IReadOnlyList<Warning> Active
    {
        get
        {
            lock (_states)
            {
                return [.. _states.Values.Select(s => s.Current).OfType<Warning>().OrderBy(w => w.Sequence)];
            }
        }
    }

    public void Dispose() => _gate.Dispose();

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RestoreAsync(cancellationToken);
        }
        catch (BrokenRowException ex)
        {
            throw new StartupDataException($"the warnings database, {ex.Table} row {ex.Row}", $"its JSON cannot be read ({ex.Reason})",
                "restore the database from a backup, or correct that row (its other rows are intact)", ex);
        }
    }

    private async Task RestoreAsync(CancellationToken cancellationToken)
    {
        await WarningsDatabase.MigrateAsync(databases, cancellationToken);
        await ReadStateAsync(cancellationToken);
    }

    /// <summary>
    /// In a cluster, every <c>Cluster:BoardRefresh</c>: the state as the database has it now (another node may have
    /// published, approved or lifted), for what the pages read. It does not take the cluster lock — that would make every
    /// node's refresh queue behind the other's decisions, and theirs behind it — but reads in one snapshot, so the pages
    /// never see a half of another node's decision. Decisions themselves re-read under the lock (<see cref="HoldAsync"/>).
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await ReadStateAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The cluster lock for a decision, with the state as the database has it (another node may have changed it).</summary>
    private async Task<IAsyncDisposable> HoldAsync(CancellationToken cancellationToken)
    {
        var held = await cluster.AcquireAsync(LockName, cancellationToken);
        if (cluster.IsShared)
        {
            try
            {
                await ReadStateAsync(cancellationToken);
            }
            catch
            {
                await held.DisposeAsync();
                throw;
            }
        }

        return held;
    }

    private async Task ReadStateAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        // Shared (PostgreSQL): one REPEATABLE READ snapshot for the four reads. One node: nobody else writes.
        await using var snapshot = cluster.IsShared ? await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken) : null;
        var active = await WarningLog.ActiveAsync(db, cancellationToken);
        var pending = await db.Drafts.AsNoTracking().Where(d => d.State == DraftState.Pending).ToListAsync(cancellationToken);
        var held = await db.Suppressions.AsNoTracking().ToListAsync(cancellationToken);
        var last = await WarningLog.LastSequenceAsync(db, cancellationToken);
        lock (_states)
        {
            _states.Clear();
            _draftIds.Clear();
            // An operator's rejection or lift holds across a restart, until the signal ends (the next cycle clears it then).
            foreach (var s in held)
            {
                // A level that cannot be read is named, not guessed: holding the wrong level would hide or repeat a warning.
                if (!Enum.TryParse<SignalLevel>(s.Level, out var level) || !Enum.IsDefined(level) || level == SignalLevel.None)
                {
                    throw new StartupDataException($"the warnings database, suppressions row {s.Hazard}/{s.District}", $"its level '{s.Level}' is not Blue, Yellow, Orange or Red",
                        "correct that row's level, or delete the row (the engine may then propose that warning once more)");
                }

                _states[(s.Hazard, s.District)] = State((s.Hazard, s.District)) with { Suppressed = level };
            }

            foreach (var w in active)
            {
                _states[Key(w)] = LifecycleState.Empty with { Current = w };
            }

            foreach (var d in pending)
            {
                var w = WarningLog.ParseRow("drafts", d.Id, d.Json);
                _states[Key(w)] = State(Key(w)) with { DraftLevel = w.Level };
                _draftIds[Key(w)] = d.Id;
            }
        }

        Interlocked.Exchange(ref _lastSequence, last);
    }

    /// <summary>Runs the lifecycle for every registered hazard of every district that has data.</summary>
    public async Task ApplyAsync(IReadOnlyList<DistrictAssessment> assessments, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        var published = new List<Warning>();
        var draftsChanged = false;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var held = await HoldAsync(cancellationToken);

            foreach (var assessment in assessments.Where(a => a.HasData))
            {
                foreach (var rule in hazards.Table.Rules.Where(r => !assessment.Unassessed.Contains(r.Slug)))
                {
                    var signal = assessment.Signals.FirstOrDefault(s => s.Hazard == rule.Slug);
                    draftsChanged |= await StepAsync(assessment.District, rule.Definition, signal, assessment.MaxScore(rule.Slug, 24), now, published, cancellationToken);
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
            await using var held = await HoldAsync(cancellationToken);

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
            delivery.Wake();
        }

        if (draftsChanged)
        {
            DraftsChanged?.Invoke();
        }
    }

    /// <summary>One lifecycle decision carried out; returns whether the drafts changed.</summary>
    private async Task<bool> StepAsync(string district, HazardDefinition hazard, HazardSignal? signal, RiskScore? score, DateTimeOffset now,
        List<Warning> published, CancellationToken cancellationToken)
    {
        var key = (hazard.Slug, district);
        var state = State(key);
        // Whole operational periods (nights for frost, never under the minimum) before the lifecycle compares them.
        signal = signal is null ? null : ValidityPeriod.Widen(signal, warningOptions.Value.Validity(hazard), TimeZones.Shanghai);
        var decision = Lifecycle.Decide(state, signal, now, warningOptions.Value.Rules(hazard));
        var draftsChanged = false;
        if (decision.WithdrawDraft && _draftIds.Remove(key, out var draftId))
        {
            await CloseDraftAsync(draftId, DraftState.Withdrawn, "system", "信号已减弱 the signal fell below the draft's level", cancellationToken);
            draftsChanged = true;
        }

        SetState(key, decision.Next);
        if (state.Suppressed is not null && decision.Next.Suppressed is null)
        {
            await ReleaseSuppressionAsync(key, cancellationToken);
        }

        var current = state.Current;
        switch (decision.Step)
        {
            case LifecycleStep.Hold:
                break;
            case LifecycleStep.Draft:
                draftsChanged |= await UpsertDraftAsync(key, WithScore(Propose(district, hazard, decision, current, now), score), cancellationToken);
                break;
            case LifecycleStep.Issue or LifecycleStep.Upgrade:
                await PublishAsync(WithScore(Propose(district, hazard, decision, current, now), score), null, published, cancellationToken);
                break;
            case LifecycleStep.Expire:
                await PublishAsync(Compose(current!, WarningAction.Expired, Lift(current!), current!.Districts, now), null, published, cancellationToken);
                break;
            default:
                var message = Compose(current!, decision.Action!.Value, decision.Signal ?? Lift(current!), current!.Districts, now);
                await PublishAsync(WithScore(message, score), null, published, cancellationToken);
                break;
        }

        return draftsChanged;
    }

    /// <summary>A new warning, or an upgrade of the current one: what is published, or proposed as a draft.</summary>
    private Warning Propose(string district, HazardDefinition hazard, LifecycleDecision decision, Warning? current, DateTimeOffset now) =>
        composer.Compose(current?.Id ?? NewId(district, hazard, now), 0, current is null ? WarningAction.Issued : WarningAction.Upgraded, current?.Level,
            decision.Signal!, current?.Districts ?? [district], current?.IssuedAt ?? now, now, hazards.Audiences[hazard.Slug]);

    private LifecycleState State((string, string) key)
    {
        lock (_states)
        {
            return _states.GetValueOrDefault(key) ?? LifecycleState.Empty;
        }
    }

    private void SetState((string, string) key, LifecycleState state)
    {
        lock (_states)
        {
            _states[key] = state;
        }
    }

    private Warning Compose(Warning current, WarningAction action, HazardSignal signal, IReadOnlyList<string> districts, DateTimeOffset now) =>
        composer.Compose(current.Id, 0, action, current.Level, signal, districts, current.IssuedAt, now, current.Audiences,
            districts.SequenceEqual(current.Districts) ? current.Townships : null);

    private static HazardSignal Lift(Warning current) =>
        new(current.Hazard, current.Level, current.ValidFrom, current.ValidTo, double.NaN, current.Basis);

    private static Warning WithScore(Warning warning, RiskScore? score) =>
        score is null ? warning : warning with { RiskProbability = Math.Round(score.Probability, 3), RiskModel = score.ModelVersion };

    private static (string, string) Key(Warning w) => (w.Hazard, w.Districts[0]);

    /// <summary>GB/T 35965.1-style: admin code, 416 (meteorology), hazard type code and 000, then Beijing issue time.</summary>
    internal static string NewId(string district, HazardDefinition hazard, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{district}416{hazard.Code}000_{TimeZoneInfo.ConvertTime(now, TimeZones.Shanghai):yyyyMMddHHmmss}");

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Warning #{Sequence} {Action} {Id}: {Headline}")]
    private static partial void LogPublished(ILogger logger, long sequence, WarningAction action, string id, string headline);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Draft {DraftId} for {Id} waits for an operator: {Headline}")]
    private static partial void LogDraft(ILogger logger, long draftId, string id, string headline);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information, Message = "Draft {DraftId} for {Id} {State}: {Reason}")]
    private static partial void LogDraftClosed(ILogger logger, long draftId, DraftState state, string id, string reason);
}
