namespace ClimateWarn.WeatherGen.Tests;

/// <summary>A real record as the truth, with only the forecasts made up (the record below is CONSTRUCTED for the checks).</summary>
public sealed class RecordSeriesTests
{
    private static readonly DateOnly First = new(2000, 1, 1);

    private static (double[] P, double[] Lo, double[] Hi) Record(int days) => (
        [.. Enumerable.Range(0, days).Select(i => i % 7 == 0 ? 12.0 : 0.0)],
        [.. Enumerable.Range(0, days).Select(i => -5.0 + (i % 10))],
        [.. Enumerable.Range(0, days).Select(i => 5.0 + (i % 10))]);

    [Fact]
    public void TheTruthIsTheRecord_TheReservoirRunsOnIt_TheForecastsAreDrawnOncePerSeed()
    {
        var (p, lo, hi) = Record(400);

        var a = RecordSeries.From(Zhongwei.Haiyuan, First, p, lo, hi, null, seed: 1);
        var b = RecordSeries.From(Zhongwei.Haiyuan, First, p, lo, hi, null, seed: 1);
        var c = RecordSeries.From(Zhongwei.Haiyuan, First, p, lo, hi, null, seed: 2);

        Assert.Equal(p, a.PrecipitationMm);
        Assert.Equal(lo, a.MinimumC);
        Assert.Equal(hi, a.MaximumC);
        Assert.Equal(3.0, a.PeakHourlyMm[0]);   // no hours in the record: a quarter of the day
        Assert.True(a.DischargeM3s[1] > a.DischargeM3s[6], "discharge rises after the rain and recedes");
        Assert.Equal(Enumerable.Range(0, 400).Select(i => a.ForecastPrecipitationMm(i, 1)), Enumerable.Range(0, 400).Select(i => b.ForecastPrecipitationMm(i, 1)));
        Assert.NotEqual(Enumerable.Range(0, 400).Select(i => a.ForecastMaximumC(i, 0)), Enumerable.Range(0, 400).Select(i => c.ForecastMaximumC(i, 0)));
    }

    [Fact]
    public void AGapInTheRecord_IsRefusedWithItsDay()
    {
        var (p, lo, hi) = Record(30);
        p[12] = double.NaN;

        var ex = Assert.Throws<ArgumentException>(() => RecordSeries.From(Zhongwei.Haiyuan, First, p, lo, hi, null, seed: 1));

        Assert.Contains("2000-01-13", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMeasuredPeakHour_IsKept_ButNeverAboveTheDay()
    {
        var (p, lo, hi) = Record(14);
        var peaks = p.Select((x, i) => i == 0 ? (double?)30 : i == 7 ? 4 : null).ToList();

        var s = RecordSeries.From(Zhongwei.Haiyuan, First, p, lo, hi, peaks, seed: 1);

        Assert.Equal(12.0, s.PeakHourlyMm[0]);
        Assert.Equal(4.0, s.PeakHourlyMm[7]);
    }
}
