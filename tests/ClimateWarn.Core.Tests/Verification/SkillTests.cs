using ClimateWarn.Core.Verification;

namespace ClimateWarn.Core.Tests.Verification;

/// <summary>The skill table's numbers against cases worked by hand.</summary>
public sealed class SkillTests
{
    [Fact]
    public void Deterministic_TwoHitsAFalseAlarmAMissAndFourQuiet()
    {
        // warned/happened: (1,1) (1,1) (1,0) (0,1) (0,0)×4 → a=2 b=1 c=1 d=4.
        double[] p = [1, 1, 1, 0, 0, 0, 0, 0];
        bool[] o = [true, true, false, true, false, false, false, false];

        var s = Skill.Of(p, o);

        Assert.Equal(new Contingency(2, 1, 1, 4), s.Table);
        Assert.Equal(2.0 / 3, s.Table.Pod, 12);
        Assert.Equal(1.0 / 3, s.Table.Far, 12);
        Assert.Equal(0.5, s.Table.Csi, 12);
        Assert.Equal(1.0, s.Table.Bias, 12);
        // Brier: two wrong of eight = 0.25; climatology 3/8·5/8 = 0.234375 → BSS 1 − 0.25/0.234375.
        Assert.Equal(0.25, s.Brier, 12);
        Assert.Equal(1 - (0.25 / 0.234375), s.BrierSkill, 12);
        Assert.Equal((3, 8), (s.Events, s.Pairs));
    }

    [Fact]
    public void Probabilities_WarnAtOneHalf_BrierAndRocByHand()
    {
        double[] p = [0.9, 0.6, 0.4, 0.1];
        bool[] o = [true, false, true, false];

        var s = Skill.Of(p, o);

        // Warned (≥ 0.5): 0.9 hit, 0.6 false alarm; 0.4 a miss; 0.1 a correct negative.
        Assert.Equal(new Contingency(1, 1, 1, 1), s.Table);
        Assert.Equal((0.01 + 0.36 + 0.36 + 0.01) / 4, s.Brier, 12);
        // Pairs (event, non-event) ranked right: (0.9>0.6) (0.9>0.1) (0.4>0.1) yes, (0.4<0.6) no → 3/4.
        Assert.Equal(0.75, s.RocArea, 12);
        Assert.Equal(0.0, s.BrierSkill - (1 - (s.Brier / 0.25)), 12);
    }

    [Fact]
    public void NothingHappened_LeavesPodAndRocUndefined_NotPerfect()
    {
        var s = Skill.Of([0.2, 0.0], [false, false]);

        Assert.True(double.IsNaN(s.Table.Pod));
        Assert.True(double.IsNaN(s.RocArea));
        Assert.True(double.IsNaN(s.BrierSkill));
    }
}
