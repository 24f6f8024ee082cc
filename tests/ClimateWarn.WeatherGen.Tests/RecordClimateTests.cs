namespace ClimateWarn.WeatherGen.Tests;

/// <summary>A district's generator parameters measured back from a long record: the generator's own output recovers the parameters it was made with.</summary>
public sealed class RecordClimateTests
{
    [Fact]
    public void Fit_OnTheGeneratorsOwnSeries_RecoversItsParameters()
    {
        var truth = Zhongwei.Haiyuan;
        var s = WeatherGenerator.Generate(truth, 1, 60, seed: 7);

        var fitted = RecordClimate.Fit("640522", "Haiyuan", 36.56, truth.Catchment, s.First, s.PrecipitationMm, s.MinimumC, s.MaximumC);

        Assert.InRange(fitted.AnnualPrecipitationMm, truth.AnnualPrecipitationMm * 0.9, truth.AnnualPrecipitationMm * 1.1);
        for (var m = 0; m < 12; m++)
        {
            // Wet days are drawn from these probabilities through the persistence chain, whose stationary share is π.
            Assert.InRange(fitted.WetDayProbability[m], truth.WetDayProbability[m] - 0.04, truth.WetDayProbability[m] + 0.04);
        }

        Assert.InRange(fitted.MonthlyShare.Skip(5).Take(4).Sum(), 0.64, 0.76);
        Assert.InRange(fitted.WetPersistence, truth.WetPersistence - 0.06, truth.WetPersistence + 0.06);
        Assert.InRange(fitted.AnnualMeanTemperatureC, truth.AnnualMeanTemperatureC - 0.7, truth.AnnualMeanTemperatureC + 0.7);
        Assert.InRange(fitted.TemperatureAmplitudeC, truth.TemperatureAmplitudeC - 1.5, truth.TemperatureAmplitudeC + 1.5);
        Assert.Equal(1.0, fitted.MonthlyShare.Sum(), 9);
    }

    [Fact]
    public void Fit_RefusesLessThanAYear_AndColumnsOfDifferentLength()
    {
        double[] short_ = [.. Enumerable.Repeat(0.0, 200)];
        var a = Assert.Throws<ArgumentException>(() => RecordClimate.Fit("640522", "Haiyuan", 36.56, Zhongwei.Haiyuan.Catchment, new DateOnly(2000, 1, 1), short_, short_, short_));
        Assert.Contains("at least a year", a.Message, StringComparison.Ordinal);
        double[] year = [.. Enumerable.Repeat(0.0, 400)];
        Assert.Throws<ArgumentException>(() => RecordClimate.Fit("640522", "Haiyuan", 36.56, Zhongwei.Haiyuan.Catchment, new DateOnly(2000, 1, 1), year, year, short_));
    }
}
