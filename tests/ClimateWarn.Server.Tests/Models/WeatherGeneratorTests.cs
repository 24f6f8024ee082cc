using ClimateWarn.WeatherGen;

namespace ClimateWarn.Server.Tests.Models;

/// <summary>The synthetic generator: deterministic per seed, and calibrated to the published Zhongwei figures within stated tolerances.</summary>
public sealed class WeatherGeneratorTests
{
    private static double AnnualMean(SyntheticSeries s) =>
        Enumerable.Range(0, s.Count).GroupBy(i => s.Day(i).Year).Average(g => g.Sum(i => s.PrecipitationMm[i]));

    private static double ShareIn(SyntheticSeries s, int fromMonth, int toMonth) =>
        Enumerable.Range(0, s.Count).Where(i => s.Day(i).Month >= fromMonth && s.Day(i).Month <= toMonth).Sum(i => s.PrecipitationMm[i]) / s.PrecipitationMm.Sum();

    [Fact]
    public void Generate_SameSeed_GivesTheSameSeries_AndAnotherSeedDoesNot()
    {
        var a = WeatherGenerator.Generate(Zhongwei.Haiyuan, 1961, 5, 7);
        var b = WeatherGenerator.Generate(Zhongwei.Haiyuan, 1961, 5, 7);
        var c = WeatherGenerator.Generate(Zhongwei.Haiyuan, 1961, 5, 8);

        Assert.Equal(a.PrecipitationMm, b.PrecipitationMm);
        Assert.Equal(a.PeakHourlyMm, b.PeakHourlyMm);
        Assert.Equal(a.MaximumC, b.MaximumC);
        Assert.Equal(a.DischargeM3s, b.DischargeM3s);
        Assert.Equal(Enumerable.Range(0, a.Count).Select(i => a.ForecastPrecipitationMm(i, 2)), Enumerable.Range(0, b.Count).Select(i => b.ForecastPrecipitationMm(i, 2)));
        Assert.NotEqual(a.PrecipitationMm, c.PrecipitationMm);
    }

    /// <summary>Long-run annual totals within 5 % of each district's target (all inside the published 180–367 mm).</summary>
    [Theory]
    [InlineData("640502")]
    [InlineData("640521")]
    [InlineData("640522")]
    public void AnnualTotals_LongRun_AreWithin5PercentOfTheCalibration(string district)
    {
        var climate = Zhongwei.Districts.Single(d => d.District == district);
        var s = WeatherGenerator.Generate(climate, 1001, 300, 11);

        Assert.InRange(climate.AnnualPrecipitationMm, 180, 367);
        Assert.InRange(AnnualMean(s), climate.AnnualPrecipitationMm * 0.95, climate.AnnualPrecipitationMm * 1.05);
    }

    [Fact]
    public void TrainingRun_MatchesThePublishedFigures_WithinTolerance()
    {
        var run = WeatherGenerator.Generate(Zhongwei.Districts, ClimateWarn.Risk.Synthetic.SyntheticRun.FirstYear, ClimateWarn.Risk.Synthetic.SyntheticRun.DefaultYears, ClimateWarn.Risk.Synthetic.SyntheticRun.DefaultSeed);

        foreach (var s in run)
        {
            // 100 years: the sampling error of the mean is about 3 %; 15 % is a bound a wrong calibration breaks.
            Assert.InRange(AnnualMean(s), s.Climate.AnnualPrecipitationMm * 0.85, s.Climate.AnnualPrecipitationMm * 1.15);
            // "Most of it in June–September": the calibration puts 70 % there.
            Assert.InRange(ShareIn(s, 6, 9), 0.64, 0.76);
            Assert.True(ShareIn(s, 12, 12) + ShareIn(s, 1, 2) < 0.04, "winter must be nearly dry");
            var mean = Enumerable.Range(0, s.Count).Average(i => (s.MinimumC[i] + s.MaximumC[i]) / 2);
            Assert.InRange(mean, 6.8, 10.0); // published 7.3–9.5 °C, recent years near 9.9 °C
        }

        // The north (Shapotou, Zhongning) is drier than Haiyuan in the south.
        Assert.True(AnnualMean(run[2]) > AnnualMean(run[0]) + 100);
        Assert.True(AnnualMean(run[2]) > AnnualMean(run[1]) + 100);
    }

    [Fact]
    public void Discharge_IsTheReservoirOfTheRain_AndExceedsTheFloodThresholdRarely()
    {
        var s = WeatherGenerator.Generate(Zhongwei.Haiyuan, 1961, 60, 3);
        var again = new double[s.Count];
        LinearReservoir.Run(s.Climate.Catchment, s.PrecipitationMm, again);

        Assert.Equal(s.DischargeM3s, again);
        var share = s.DischargeM3s.Count(q => q >= s.Climate.Catchment.FloodThresholdM3s) / (double)s.Count;
        Assert.InRange(share, 0.0005, 0.01);
        Assert.True(s.DischargeM3s.All(q => q >= s.Climate.Catchment.BaseFlowM3s));
    }
}
