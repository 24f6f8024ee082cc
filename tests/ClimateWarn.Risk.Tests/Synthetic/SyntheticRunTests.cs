using ClimateWarn.Risk.Synthetic;
using ClimateWarn.WeatherGen;

namespace ClimateWarn.Risk.Tests.Synthetic;

/// <summary>The weather the synthetic models are trained on (the run's default seed and years) matches the published Zhongwei figures.</summary>
public sealed class SyntheticRunTests
{
    private static double AnnualMean(SyntheticSeries s) =>
        Enumerable.Range(0, s.Count).GroupBy(i => s.Day(i).Year).Average(g => g.Sum(i => s.PrecipitationMm[i]));

    private static double ShareIn(SyntheticSeries s, int fromMonth, int toMonth) =>
        Enumerable.Range(0, s.Count).Where(i => s.Day(i).Month >= fromMonth && s.Day(i).Month <= toMonth).Sum(i => s.PrecipitationMm[i]) / s.PrecipitationMm.Sum();

    [Fact]
    public void TrainingRun_MatchesThePublishedFigures_WithinTolerance()
    {
        var run = WeatherGenerator.Generate(Zhongwei.Districts, SyntheticRun.FirstYear, SyntheticRun.DefaultYears, SyntheticRun.DefaultSeed);

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
}
