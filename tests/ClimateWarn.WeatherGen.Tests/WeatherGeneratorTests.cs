namespace ClimateWarn.WeatherGen.Tests;

/// <summary>
/// The synthetic generator: deterministic per seed, and calibrated to the published Zhongwei figures within stated tolerances.
/// The run the models are trained on (its seed and length belong to ClimateWarn.Risk) is checked in Risk.Tests' SyntheticRunTests.
/// </summary>
public sealed class WeatherGeneratorTests
{
    private static double AnnualMean(SyntheticSeries s) =>
        Enumerable.Range(0, s.Count).GroupBy(i => s.Day(i).Year).Average(g => g.Sum(i => s.PrecipitationMm[i]));

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
