using ClimateWarn.Core.Verification;

namespace ClimateWarn.Core.Tests.Verification;

public sealed class ScoresTests
{
    [Fact]
    public void Contingency_CountsAndScores()
    {
        // 3 hits, 1 false alarm, 2 misses, 4 correct negatives.
        var t = Contingency.Of([(true, true), (true, true), (true, true), (true, false), (false, true), (false, true), (false, false), (false, false), (false, false), (false, false)]);

        Assert.Equal(new Contingency(3, 1, 2, 4), t);
        Assert.Equal(3.0 / 5, t.Pod, 12);
        Assert.Equal(1.0 / 4, t.Far, 12);
        Assert.Equal(3.0 / 6, t.Csi, 12);
        Assert.Equal(4.0 / 5, t.Bias, 12);
    }

    [Fact]
    public void Contingency_NothingHappenedOrWarned_IsNaNNotZero()
    {
        var t = Contingency.Of([(false, false)]);

        Assert.True(double.IsNaN(t.Pod));
        Assert.True(double.IsNaN(t.Far));
        Assert.True(double.IsNaN(t.Csi));
    }

    [Fact]
    public void Brier_AndSkill_ByHand()
    {
        double[] p = [0.9, 0.2, 0.6, 0.0];
        bool[] o = [true, false, false, false];

        // ((0.1)² + 0.2² + 0.6² + 0) / 4 = (0.01 + 0.04 + 0.36) / 4
        Assert.Equal(0.1025, ProbabilityScores.Brier(p, o), 12);
        Assert.Equal(1 - (0.1025 / 0.1875), ProbabilityScores.BrierSkill(0.1025, ProbabilityScores.Brier([0.25, 0.25, 0.25, 0.25], o)), 12);
    }

    [Theory]
    [InlineData(new[] { 0.1, 0.2, 0.8, 0.9 }, new[] { false, false, true, true }, 1.0)]
    [InlineData(new[] { 0.9, 0.8, 0.2, 0.1 }, new[] { false, false, true, true }, 0.0)]
    [InlineData(new[] { 0.5, 0.5, 0.5, 0.5 }, new[] { false, true, false, true }, 0.5)]
    [InlineData(new[] { 0.1, 0.4, 0.35, 0.8 }, new[] { false, false, true, true }, 0.75)]
    public void RocAuc_KnownCases(double[] p, bool[] o, double expected) =>
        Assert.Equal(expected, ProbabilityScores.RocAuc(p, o), 12);

    [Fact]
    public void RocAuc_OneClassOnly_IsNaN() => Assert.True(double.IsNaN(ProbabilityScores.RocAuc([0.2, 0.4], [true, true])));

    [Fact]
    public void Reliability_TenBinsWithObservedFrequency()
    {
        var bins = ProbabilityScores.Reliability([0.05, 0.07, 0.95, 1.0], [false, true, true, true]);

        Assert.Equal(10, bins.Count);
        Assert.Equal((2, 0.5), (bins[0].Count, bins[0].ObservedFrequency));
        Assert.Equal(2, bins[9].Count);   // 1.0 belongs to the last bin
        Assert.Equal(0, bins[5].Count);
    }

    [Fact]
    public void Scores_MismatchedLengths_Throw() => Assert.Throws<ArgumentException>(() => ProbabilityScores.Brier([0.1], [true, false]));
}
