using ClimateWarn.Core.Hazards;

namespace ClimateWarn.Core.Warnings;

/// <summary>The lifecycle's settings for one hazard (Warnings options, with the hazard's margin and easing direction).</summary>
public sealed record LifecycleRules(
    TimeSpan HoldTime,
    TimeSpan ContinueEvery,
    TimeSpan ExtendAfter,
    SignalLevel ApprovalFrom,
    double Margin,
    MilderWhen Eases)
{
    /// <summary>How far the quantity moved in the milder direction from the value that set the level.</summary>
    public double Eased(double? before, double now) =>
        before is not { } b || !double.IsFinite(now) ? double.PositiveInfinity : Eases == MilderWhen.Higher ? now - b : b - now;
}

/// <summary>
/// What the engine remembers for one hazard and district: the warning in force, since when its signal has been lower,
/// the level of a draft waiting for an operator, and the level an operator's rejection or lift suppresses.
/// </summary>
public sealed record LifecycleState(Warning? Current, DateTimeOffset? LowerSince, SignalLevel? DraftLevel, SignalLevel? Suppressed)
{
    public static readonly LifecycleState Empty = new(null, null, null, null);

    /// <summary>An operator settled the draft (approved or rejected it); a rejection suppresses its level until the signal ends.</summary>
    public LifecycleState DraftSettled(SignalLevel level, bool suppress) =>
        this with { DraftLevel = null, Suppressed = suppress ? level : Suppressed };

    /// <summary>An operator lifted the warning: nothing at or below its level is issued again until the signal ends.</summary>
    public LifecycleState LiftedByOperator(SignalLevel level) => this with { Suppressed = level };
}

/// <summary>What a step decides. Publishing steps compose a message; <see cref="Draft"/> proposes one to an operator.</summary>
public enum LifecycleStep
{
    Hold,
    Issue,
    Continue,
    Upgrade,
    Downgrade,
    Extend,
    Lift,
    Expire,
    Draft,
}

/// <summary>
/// The decision: the step, whether a pending draft is withdrawn first, the signal the message is composed from (null
/// for a lift or an expiry), and the state after it (the engine sets <see cref="LifecycleState.Current"/> once a
/// published message is stored).
/// </summary>
public sealed record LifecycleDecision(LifecycleStep Step, bool WithdrawDraft, HazardSignal? Signal, LifecycleState Next)
{
    public bool Publishes => Step is not (LifecycleStep.Hold or LifecycleStep.Draft);

    public WarningAction? Action => Step switch
    {
        LifecycleStep.Issue => WarningAction.Issued,
        LifecycleStep.Continue => WarningAction.Continued,
        LifecycleStep.Upgrade => WarningAction.Upgraded,
        LifecycleStep.Downgrade => WarningAction.Downgraded,
        LifecycleStep.Extend => WarningAction.Extended,
        LifecycleStep.Lift => WarningAction.Lifted,
        LifecycleStep.Expire => WarningAction.Expired,
        _ => null,
    };
}

/// <summary>
/// The warning lifecycle as a pure function (DOMAIN §2): (state, new signal, now, rules) → decision. Upgrades are
/// immediate; downgrades and lifts wait until the lower signal has held for the hold time (and, for a downgrade, eased
/// by the hazard's margin), so a value wobbling around a threshold does not flap; a warning whose signal is gone expires
/// when its validity runs out; a warning at the same level is continued every ContinueEvery and extended when the
/// signal outlasts its validity by more than ExtendAfter. Levels at or above the approval level become drafts. The
/// caller never passes a district without data: missing data is never "no hazard".
/// </summary>
public static class Lifecycle
{
    public static LifecycleDecision Decide(LifecycleState state, HazardSignal? signal, DateTimeOffset now, LifecycleRules rules)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rules);
        var current = state.Current;
        var needsApproval = signal is not null && rules.ApprovalFrom != SignalLevel.None && signal.Level >= rules.ApprovalFrom;

        // A suppression lasts until the signal ends or rises above the suppressed level.
        var suppressed = signal is null || (state.Suppressed is { } s && signal.Level > s) ? null : state.Suppressed;

        // A draft the signal no longer calls for is withdrawn.
        var withdraw = state.DraftLevel is not null && (!needsApproval || (current is not null && signal!.Level <= current.Level));
        var next = state with { Suppressed = suppressed, DraftLevel = withdraw ? null : state.DraftLevel };
        LifecycleDecision Decision(LifecycleStep step, HazardSignal? basis, LifecycleState after) => new(step, withdraw, basis, after);

        if (signal is not null && suppressed is { } level && signal.Level <= level)
        {
            return Decision(LifecycleStep.Hold, null, next);
        }

        // A forecaster's warning is theirs: it runs to its validity unless a rule calls for more.
        if (current?.ComposedBy is not null && (signal is null || signal.Level <= current.Level))
        {
            return now >= current.ValidTo
                ? Decision(LifecycleStep.Expire, null, next with { LowerSince = null })
                : Decision(LifecycleStep.Hold, null, next with { LowerSince = null });
        }

        if (current is not null && (signal is null || signal.Level < current.Level))
        {
            if (signal is null && now >= current.ValidTo)
            {
                return Decision(LifecycleStep.Expire, null, next with { LowerSince = null });
            }

            if (signal is not null && rules.Margin > 0 && rules.Eased(current.SignalValue, signal.Value) < rules.Margin)
            {
                return Decision(LifecycleStep.Hold, null, next with { LowerSince = null });
            }

            var since = state.LowerSince ?? now;
            if (now - since < rules.HoldTime)
            {
                return Decision(LifecycleStep.Hold, null, next with { LowerSince = since });
            }

            return signal is null
                ? Decision(LifecycleStep.Lift, null, next with { LowerSince = null })
                : Decision(LifecycleStep.Downgrade, signal, next with { LowerSince = null });
        }

        next = next with { LowerSince = null };
        if (signal is null)
        {
            return Decision(LifecycleStep.Hold, null, next);
        }

        if (current is null || signal.Level > current.Level)
        {
            if (!needsApproval)
            {
                return Decision(current is null ? LifecycleStep.Issue : LifecycleStep.Upgrade, signal, next);
            }

            return next.DraftLevel == signal.Level
                ? Decision(LifecycleStep.Hold, null, next)
                : Decision(LifecycleStep.Draft, signal, next with { DraftLevel = signal.Level });
        }

        if (signal.To > current.ValidTo + rules.ExtendAfter)
        {
            return Decision(LifecycleStep.Extend, signal, next);
        }

        return now - current.UpdatedAt >= rules.ContinueEvery
            ? Decision(LifecycleStep.Continue, signal, next)
            : Decision(LifecycleStep.Hold, null, next);
    }
}
