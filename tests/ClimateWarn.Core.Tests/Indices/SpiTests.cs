using ClimateWarn.Core.Indices;

namespace ClimateWarn.Core.Tests.Indices;

public sealed class SpiTests
{
    private static readonly DateOnly Start = new(1981, 1, 1);

    [Fact]
    public void Compute_AllNaN_GivesAllNaN()
    {
        var days = Days(800);

        var spi = Spi.Compute(days, [.. days.Select(_ => double.NaN)], 30, Calibration(1981, 1982));

        Assert.All(spi, v => Assert.True(double.IsNaN(v)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(30)]
    [InlineData(90)]
    [InlineData(150)]
    public void Compute_AnyWindow_PreservesLengthAndStaysWithinClip(int windowDays)
    {
        var r = ReferenceSeries.Instance;

        var spi = Spi.Compute(r.Days, r.PrecipMm, windowDays, ReferenceSeries.Calibration);

        Assert.Equal(r.Days.Length, spi.Length);
        Assert.All(spi.Where(double.IsFinite), v => Assert.InRange(v, -3.09, 3.09));
        Assert.DoesNotContain(spi, double.IsInfinity);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(90)]
    [InlineData(150)]
    public void Compute_CalibrationPeriod_IsStandardNormalOnAverage(int windowDays)
    {
        var r = ReferenceSeries.Instance;

        var spi = Spi.Compute(r.Days, r.PrecipMm, windowDays, ReferenceSeries.Calibration);

        var inPeriod = spi.Where((v, i) => double.IsFinite(v) && ReferenceSeries.Calibration.Contains(r.Days[i])).ToArray();
        var mean = inPeriod.Average();
        var sd = Math.Sqrt(inPeriod.Sum(v => (v - mean) * (v - mean)) / (inPeriod.Length - 1));
        Assert.InRange(Math.Abs(mean), 0, 0.1);
        Assert.InRange(sd, 0.85, 1.15);
    }

    [Fact]
    public void Compute_MonthWhoseCalibrationSumsAreAllZero_GivesFiniteNegativeValue()
    {
        // Rain only May–September: every 30-day sum ending in January is zero, in calibration and after it.
        var days = Days(40 * 365);
        var rain = days.Select((d, i) => d.Month is >= 5 and <= 9 && i % 3 == 0 ? 2.0 + (i % 7) : 0.0).ToArray();

        var spi = Spi.Compute(days, rain, 30, Calibration(1981, 2010));

        var january = spi.Where((_, i) => days[i].Month == 1 && days[i].Year > 1981).ToArray();
        Assert.All(january, v => Assert.True(double.IsFinite(v) && v < 0, $"expected a finite negative value, got {v}"));
        Assert.All(january, v => Assert.True(v > -0.01, "an always-dry month sits at the centre of its zero mass, near 0"));
    }

    [Fact]
    public void Compute_DryMonthWhereItAlwaysRains_ClipsAtMinus309()
    {
        var days = Days(40 * 365);
        var rain = days.Select((d, i) => i % 3 == 0 && !(d.Year == 2015 && d.Month == 7) ? 1.0 + (i % 5) : 0.0).ToArray();

        var spi = Spi.Compute(days, rain, 30, Calibration(1981, 2010));

        Assert.Equal(-3.09, spi[Array.IndexOf(days, new DateOnly(2015, 7, 31))]);
    }

    [Fact]
    public void Compute_IncompleteOrMissingWindow_IsNaNForExactlyThoseDays()
    {
        var r = ReferenceSeries.Instance;
        var rain = (double[])r.PrecipMm.Clone();
        var gap = Array.IndexOf(r.Days, new DateOnly(1995, 6, 1));
        rain[gap] = double.NaN;

        var spi = Spi.Compute(r.Days, rain, 30, ReferenceSeries.Calibration);

        Assert.All(spi[..29], v => Assert.True(double.IsNaN(v)));
        Assert.True(double.IsFinite(spi[29]));
        Assert.True(double.IsFinite(spi[gap - 1]));
        Assert.All(spi[gap..(gap + 30)], v => Assert.True(double.IsNaN(v)));
        Assert.True(double.IsFinite(spi[gap + 30]));
    }

    [Theory]
    [InlineData(9, false)]   // nine non-zero calibration sums, minimum 10: no fit
    [InlineData(10, true)]
    [InlineData(25, true)]
    public void Compute_FewNonZeroCalibrationSums_GivesNaNBelowTheMinimum(int calibrationDays, bool expectFinite)
    {
        var days = Days(3 * 365);
        var rain = days.Select((_, i) => 1.0 + (i % 4)).ToArray();
        var from = new DateOnly(1982, 6, 1);
        var calibration = new SpiCalibration(from, from.AddDays(calibrationDays - 1));

        var spi = Spi.Compute(days, rain, 5, calibration);

        var june1983 = spi[Array.IndexOf(days, new DateOnly(1983, 6, 15))];
        Assert.Equal(expectFinite, double.IsFinite(june1983));
        Assert.True(double.IsNaN(spi[Array.IndexOf(days, new DateOnly(1983, 7, 15))]), "July has no calibration sums at all");
    }

    [Fact]
    public void Compute_GapInDays_Throws()
    {
        DateOnly[] days = [Start, Start.AddDays(1), Start.AddDays(3)];

        Assert.Throws<ArgumentException>(() => Spi.Compute(days, [1.0, 2.0, 3.0], 1, Calibration(1981, 1981)));
    }

    [Fact]
    public void Fit_SmallSample_FollowsThomsEstimatorByHand()
    {
        // Non-zero values 1, 2, 4 and two zeros: mean 7/3, mean ln x = ln 2, so A = ln(7/3) − ln 2 = ln(7/6) = 0.1541507,
        // α = (1 + √(1 + 4A/3)) / (4A) = (1 + 1.0979682) / 0.6166027 = 3.402463.
        var fit = GammaStandardizer.Fit([0.0, 1.0, 2.0, 0.0, 4.0], minimumNonZero: 3);

        var a = Math.Log(7.0 / 6.0);
        var alpha = (1 + Math.Sqrt(1 + (4 * a / 3))) / (4 * a);
        Assert.Equal(3.402463, fit.Alpha, 1e-6);
        Assert.Equal(alpha, fit.Alpha, 1e-12);
        Assert.Equal(7.0 / 3.0 / alpha, fit.Beta, 1e-12);
        Assert.Equal(0.4, fit.ZeroShare, 1e-12);
    }

    [Theory]
    [InlineData(0, 10, 0.0)]      // no zeros seen: a zero sum is below everything, P = 0 (SPI −3.09 after clipping)
    [InlineData(4, 10, 4 / 22.0)] // centre of the zero mass n₀ / (2(n + 1))
    [InlineData(10, 10, 10 / 22.0)]
    public void Probability_ZeroSum_IsCentreOfWeibullZeroMass(int zeros, int count, double expected)
    {
        var fit = new MonthFit(count, zeros, double.NaN, double.NaN);

        Assert.Equal(expected, GammaStandardizer.Probability(0, fit, 10), 1e-15);
    }

    private static SpiCalibration Calibration(int fromYear, int toYear) => new(new DateOnly(fromYear, 1, 1), new DateOnly(toYear, 12, 31));

    private static DateOnly[] Days(int count) => [.. Enumerable.Range(0, count).Select(Start.AddDays)];
}
