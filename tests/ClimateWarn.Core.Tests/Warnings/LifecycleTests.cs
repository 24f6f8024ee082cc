using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Warnings;

namespace ClimateWarn.Core.Tests.Warnings;

/// <summary>The lifecycle as a pure function: every rule of DOMAIN §2's issue/continue/upgrade/downgrade/lift, in milliseconds.</summary>
public sealed class LifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2021, 3, 20, 0, 0, 0, TimeSpan.Zero);

    private static readonly LifecycleRules Rules = new(
        HoldTime: TimeSpan.FromHours(3), ContinueEvery: TimeSpan.FromHours(24), ExtendAfter: TimeSpan.FromHours(6),
        ApprovalFrom: SignalLevel.None, Margin: 0, Eases: MilderWhen.Higher);

    private static HazardSignal Signal(SignalLevel level, double value = -4, int validHours = 14) =>
        new("frost", level, T0.AddHours(10), T0.AddHours(validHours), value, "test");

    /// <summary>A warning in force as the engine would hold it after publishing.</summary>
    private static Warning InForce(SignalLevel level, DateTimeOffset updated, int validHours = 14, double value = -4) =>
        new("w", 1, WarningAction.Issued, "frost", level, ["640521"], updated, updated, T0.AddHours(10), T0.AddHours(validHours),
            "", "", "", "", [], [], [], "test") { SignalValue = value };

    /// <summary>Runs steps through <see cref="Lifecycle.Decide"/>, publishing as the engine does; returns the steps that published, with their minute.</summary>
    private static List<(int Minute, LifecycleStep Step, SignalLevel Level)> Run(LifecycleRules rules, params (int Minute, SignalLevel? Level, double Value, int ValidHours)[] steps)
    {
        var state = LifecycleState.Empty;
        var published = new List<(int, LifecycleStep, SignalLevel)>();
        foreach (var (minute, level, value, validHours) in steps)
        {
            var now = T0.AddMinutes(minute);
            var decision = Lifecycle.Decide(state, level is { } l ? Signal(l, value, validHours) : null, now, rules);
            state = decision.Next;
            if (decision.Publishes)
            {
                var current = state.Current!;
                var levelNow = decision.Signal?.Level ?? current.Level;
                state = state with { Current = decision.Step is LifecycleStep.Lift or LifecycleStep.Expire ? null : InForce(levelNow, now, validHours, value) };
                published.Add((minute, decision.Step, levelNow));
            }
            else if (decision.Step == LifecycleStep.Draft)
            {
                published.Add((minute, decision.Step, decision.Signal!.Level));
            }
        }

        return published;
    }

    private static (int, SignalLevel?, double, int) At(int minute, SignalLevel? level, double value = -4, int validHours = 14) => (minute, level, value, validHours);

    [Fact]
    public void WobblingLevel_DoesNotFlap()
    {
        // Yellow and blue alternate every hour: the yellow warning stands, no downgrade is sent.
        var steps = Run(Rules, At(0, SignalLevel.Blue), At(60, SignalLevel.Yellow), At(120, SignalLevel.Blue), At(180, SignalLevel.Yellow), At(240, SignalLevel.Blue), At(300, SignalLevel.Yellow));

        Assert.Equal([(0, LifecycleStep.Issue, SignalLevel.Blue), (60, LifecycleStep.Upgrade, SignalLevel.Yellow)], steps);
    }

    [Fact]
    public void LowerLevelHeldForTheHoldTime_DowngradesThenLifts()
    {
        var steps = Run(Rules, At(0, SignalLevel.Orange), At(60, SignalLevel.Yellow), At(120, SignalLevel.Yellow), At(239, SignalLevel.Yellow), At(240, SignalLevel.Yellow),
            At(300, null), At(479, null), At(480, null), At(540, null));

        // Yellow since 60 min, held 3 h at 240; gone since 300 min, held 3 h at 480 (one minute earlier is not enough).
        Assert.Equal([(0, LifecycleStep.Issue, SignalLevel.Orange), (240, LifecycleStep.Downgrade, SignalLevel.Yellow), (480, LifecycleStep.Lift, SignalLevel.Yellow)], steps);
    }

    [Fact]
    public void Upgrade_IsImmediate()
    {
        Assert.Equal([(0, LifecycleStep.Issue, SignalLevel.Blue), (1, LifecycleStep.Upgrade, SignalLevel.Orange)], Run(Rules, At(0, SignalLevel.Blue), At(1, SignalLevel.Orange)));
    }

    [Theory]
    [InlineData(0.0, 0.5, true)]    // no margin: the hold time alone decides
    [InlineData(1.0, 0.4, false)]   // 0.4 °C milder is inside a 1 °C margin
    [InlineData(1.0, 1.0, true)]    // exactly the margin is enough
    [InlineData(1.0, 1.2, true)]
    public void Downgrade_NeedsTheMarginToo(double margin, double eased, bool downgraded)
    {
        var rules = Rules with { Margin = margin };

        var steps = Run(rules, At(0, SignalLevel.Yellow, -3.2), At(60, SignalLevel.Blue, -3.2 + eased), At(240, SignalLevel.Blue, -3.2 + eased));

        Assert.Equal(downgraded, steps.Any(s => s.Step == LifecycleStep.Downgrade));
    }

    [Theory]
    [InlineData(MilderWhen.Higher, -2.0, true)]   // frost: a warmer ground minimum is milder
    [InlineData(MilderWhen.Higher, -4.4, false)]
    [InlineData(MilderWhen.Lower, -4.4, true)]     // rain, wind: less is milder
    [InlineData(MilderWhen.Lower, -2.0, false)]
    public void Margin_IsMeasuredInTheHazardsEasingDirection(MilderWhen eases, double lowerValue, bool downgraded)
    {
        var rules = Rules with { Margin = 0.5, Eases = eases };

        var steps = Run(rules, At(0, SignalLevel.Yellow, -3.2), At(60, SignalLevel.Blue, lowerValue), At(240, SignalLevel.Blue, lowerValue));

        Assert.Equal(downgraded, steps.Any(s => s.Step == LifecycleStep.Downgrade));
    }

    [Fact]
    public void SignalGoneAfterTheValidityEnded_ExpiresAtOnce()
    {
        var steps = Run(Rules, At(0, SignalLevel.Yellow), At(15 * 60, null));

        Assert.Equal([(0, LifecycleStep.Issue, SignalLevel.Yellow), (900, LifecycleStep.Expire, SignalLevel.Yellow)], steps);
    }

    [Theory]
    [InlineData(23 * 60 + 59, 14, false, false)]   // same level, same validity, under a day: nothing
    [InlineData(24 * 60, 14, true, false)]         // a day since the last message: continued
    [InlineData(60, 20, false, false)]             // 6 h later than the validity: not yet more than ExtendAfter
    [InlineData(60, 21, false, true)]              // 7 h later: extended
    public void SameLevel_ContinuesDailyAndExtendsAPastTheValidity(int minute, int validHours, bool continued, bool extended)
    {
        var steps = Run(Rules, At(0, SignalLevel.Blue), At(minute, SignalLevel.Blue, validHours: validHours));

        Assert.Equal(continued, steps.Any(s => s.Step == LifecycleStep.Continue));
        Assert.Equal(extended, steps.Any(s => s.Step == LifecycleStep.Extend));
    }

    [Theory]
    [InlineData(SignalLevel.Orange, SignalLevel.Yellow, LifecycleStep.Issue)]
    [InlineData(SignalLevel.Orange, SignalLevel.Orange, LifecycleStep.Draft)]
    [InlineData(SignalLevel.Orange, SignalLevel.Red, LifecycleStep.Draft)]
    [InlineData(SignalLevel.None, SignalLevel.Red, LifecycleStep.Issue)]
    [InlineData(SignalLevel.Blue, SignalLevel.Blue, LifecycleStep.Draft)]
    public void LevelsFromTheApprovalLevelUp_BecomeDrafts(SignalLevel approvalFrom, SignalLevel level, LifecycleStep expected)
    {
        var decision = Lifecycle.Decide(LifecycleState.Empty, Signal(level), T0, Rules with { ApprovalFrom = approvalFrom });

        Assert.Equal(expected, decision.Step);
    }

    [Fact]
    public void PendingDraft_IsNotProposedTwice_AndIsWithdrawnWhenTheSignalFalls()
    {
        var rules = Rules with { ApprovalFrom = SignalLevel.Orange };
        var first = Lifecycle.Decide(LifecycleState.Empty, Signal(SignalLevel.Orange), T0, rules);
        var again = Lifecycle.Decide(first.Next, Signal(SignalLevel.Orange), T0.AddHours(1), rules);
        var higher = Lifecycle.Decide(again.Next, Signal(SignalLevel.Red), T0.AddHours(2), rules);
        var fallen = Lifecycle.Decide(higher.Next, Signal(SignalLevel.Yellow), T0.AddHours(3), rules);

        Assert.Equal((LifecycleStep.Draft, SignalLevel.Orange), (first.Step, first.Next.DraftLevel!.Value));
        Assert.Equal((LifecycleStep.Hold, false), (again.Step, again.WithdrawDraft));
        Assert.Equal((LifecycleStep.Draft, SignalLevel.Red), (higher.Step, higher.Next.DraftLevel!.Value));
        Assert.True(fallen.WithdrawDraft);
        Assert.Equal(LifecycleStep.Issue, fallen.Step);   // yellow needs no approval: issued
        Assert.Null(fallen.Next.DraftLevel);
    }

    [Fact]
    public void RejectedDraft_SuppressesItsLevelUntilTheSignalEndsOrRisesAbove()
    {
        var rules = Rules with { ApprovalFrom = SignalLevel.Orange };
        var drafted = Lifecycle.Decide(LifecycleState.Empty, Signal(SignalLevel.Orange), T0, rules).Next;
        var rejected = drafted.DraftSettled(SignalLevel.Orange, suppress: true);

        Assert.Equal(LifecycleStep.Hold, Lifecycle.Decide(rejected, Signal(SignalLevel.Orange), T0.AddHours(1), rules).Step);
        Assert.Equal(LifecycleStep.Hold, Lifecycle.Decide(rejected, Signal(SignalLevel.Blue), T0.AddHours(1), rules).Step);
        Assert.Equal(LifecycleStep.Draft, Lifecycle.Decide(rejected, Signal(SignalLevel.Red), T0.AddHours(1), rules).Step);
        var ended = Lifecycle.Decide(rejected, null, T0.AddHours(2), rules).Next;
        Assert.Null(ended.Suppressed);
        Assert.Equal(LifecycleStep.Draft, Lifecycle.Decide(ended, Signal(SignalLevel.Orange), T0.AddHours(3), rules).Step);
    }

    [Fact]
    public void LiftedByAnOperator_IsNotReissuedAtOrBelowItsLevel()
    {
        var state = LifecycleState.Empty.LiftedByOperator(SignalLevel.Yellow);

        Assert.Equal(LifecycleStep.Hold, Lifecycle.Decide(state, Signal(SignalLevel.Yellow), T0, Rules).Step);
        Assert.Equal(LifecycleStep.Issue, Lifecycle.Decide(state, Signal(SignalLevel.Orange), T0, Rules).Step);
    }

    [Fact]
    public void DowngradeMessage_CarriesTheLowerSignal_AndALiftCarriesNone()
    {
        var current = LifecycleState.Empty with { Current = InForce(SignalLevel.Orange, T0), LowerSince = T0 };

        var down = Lifecycle.Decide(current, Signal(SignalLevel.Yellow), T0.AddHours(3), Rules);
        var lift = Lifecycle.Decide(current, null, T0.AddHours(3), Rules);

        Assert.Equal((LifecycleStep.Downgrade, SignalLevel.Yellow, WarningAction.Downgraded), (down.Step, down.Signal!.Level, down.Action!.Value));
        Assert.Equal((LifecycleStep.Lift, (HazardSignal?)null, WarningAction.Lifted), (lift.Step, lift.Signal, lift.Action!.Value));
        Assert.Null(down.Next.LowerSince);
    }
}
