using ClimateWarn.Core.Indices;

namespace ClimateWarn.Core.Tests.Indices;

public sealed class MiMciTests
{
    // One published Ka row (Jan–Dec); Ningxia's is unconfirmed, so in production it comes from configuration.
    private static readonly double[] PublishedKa = [0, 0, 0, 0.6, 1.0, 1.2, 1.2, 1.0, 0.9, 0.4, 0, 0];

    private static readonly DateOnly Start = new(2020, 5, 1);

    [Fact]
    public void MiCompute_ConstantDays_IsRelativeSurplusOverThe30DaySums()
    {
        var days = Days(40);

        var mi = Mi.Compute(days, Fill(40, 1.0), Fill(40, 4.0));

        Assert.All(mi[..29], v => Assert.True(double.IsNaN(v)));
        Assert.Equal((30.0 - 120.0) / 120.0, mi[29], 1e-12);   // −0.75
        Assert.Equal(-0.75, mi[39], 1e-12);
    }

    [Fact]
    public void MiCompute_MissingPrecipitationOrPet_IsNaNForTheWindowsContainingIt()
    {
        var days = Days(70);
        var p = Fill(70, 2.0);
        var pet = Fill(70, 5.0);
        p[35] = double.NaN;
        pet[50] = double.NaN;

        var mi = Mi.Compute(days, p, pet);

        Assert.True(double.IsFinite(mi[34]));
        Assert.All(mi[35..], v => Assert.True(double.IsNaN(v)));   // [35, 64] from P, [50, 69] from PET
    }

    [Fact]
    public void MiCompute_ZeroPet_IsNaNNotInfinity()
    {
        var mi = Mi.Compute(Days(30), Fill(30, 1.0), Fill(30, 0.0));

        Assert.True(double.IsNaN(mi[29]));
    }

    [Theory]
    [InlineData(5, 1.0)]
    [InlineData(7, 1.2)]
    [InlineData(10, 0.4)]
    public void MciCompute_GivenComponents_WeightsThemAndAppliesKa(int month, double ka)
    {
        // 0.3·(−1.2) + 0.5·(−0.7) + 0.3·(−0.9) + 0.2·(−1.5) = −0.36 − 0.35 − 0.27 − 0.30 = −1.28
        var mci = Mci.Compute(month, -1.2, -0.7, -0.9, -1.5, MciWeights.NorthAndNorthWest, PublishedKa);

        Assert.Equal(ka * -1.28, mci, 1e-12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(12)]
    public void MciCompute_MonthWithKaZero_GivesZero(int month)
    {
        var mci = Mci.Compute(month, -2.5, -0.9, -2.5, -2.5, MciWeights.NorthAndNorthWest, PublishedKa);

        Assert.Equal(0.0, mci);
        Assert.Equal(DroughtClass.None, DroughtClasses.OfIndex(mci));
    }

    [Theory]
    [InlineData(1)]   // Ka 0 does not turn missing data into "no drought"
    [InlineData(7)]
    public void MciCompute_MissingComponent_IsNaN(int month)
    {
        var mci = Mci.Compute(month, -1.0, double.NaN, -1.0, -1.0, MciWeights.NorthAndNorthWest, PublishedKa);

        Assert.True(double.IsNaN(mci));
        Assert.Equal(DroughtClass.Unknown, DroughtClasses.OfIndex(mci));
    }

    [Fact]
    public void MciCompute_Series_UsesEachDaysMonthForKa()
    {
        DateOnly[] days = [new(2020, 3, 31), new(2020, 4, 1)];
        double[] one = [-1.0, -1.0];

        var mci = Mci.Compute(days, one, one, one, one, MciWeights.NorthAndNorthWest, PublishedKa);

        Assert.Equal([0.0, 0.6 * -1.3], mci, new ToleranceComparer(1e-12));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(13)]
    public void MciCompute_KaWithoutTwelveMonths_Throws(int count)
    {
        Assert.Throws<ArgumentException>(() => Mci.Compute(5, 0, 0, 0, 0, MciWeights.NorthAndNorthWest, new double[count]));
    }

    [Fact]
    public void WeightedPrecipitation_HandComputed_DecaysByPointNinePerDay()
    {
        var rain = Fill(61, 0.0);
        rain[55] = 10;

        var wap = Spiw.WeightedPrecipitation(rain);

        Assert.True(double.IsNaN(wap[58]));
        Assert.Equal(10 * Math.Pow(0.9, 4), wap[59], 1e-12);   // day 59 is 4 days after the rain: 6.561
        Assert.Equal(6.561, wap[59], 1e-12);
        Assert.Equal(5.9049, wap[60], 1e-12);
    }

    [Fact]
    public void WeightedPrecipitation_SixtyWetDays_IsTheGeometricSum()
    {
        var wap = Spiw.WeightedPrecipitation(Fill(60, 1.0));

        Assert.Equal((1 - Math.Pow(0.9, 60)) / 0.1, wap[59], 1e-12);   // 9.98203…
    }

    private static DateOnly[] Days(int count) => [.. Enumerable.Range(0, count).Select(Start.AddDays)];

    private static double[] Fill(int count, double value) => [.. Enumerable.Repeat(value, count)];

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
