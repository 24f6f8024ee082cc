using ClimateWarn.Risk.Calibration;

namespace ClimateWarn.Risk.Tests.Calibration;

/// <summary>
/// Calibration is promoted only when it beats the raw share on the newest pairs, on both sides. The pairs are CONSTRUCTED
/// here with a seeded generator: the raw share is either over-confident (the event happens a third as often as it says)
/// or exactly reliable.
/// </summary>
public sealed class EnsembleCalibrationTests
{
    private static List<(DateTimeOffset Run, CalibrationInput Input)> Pairs(int count, Func<double, double> trueProbability, int seed = 7)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var share = random.Next(0, 11) / 10.0;
            return (start.AddHours(6 * i), new CalibrationInput
            {
                Share = (float)share, Spread = (float)(random.NextDouble() * 0.2), Models = (float)share, LeadDay = i % 3, Level = 1,
                Label = random.NextDouble() < trueProbability(share),
            });
        })];
    }

    [Fact]
    public void AnOverConfidentEnsemble_IsCalibrated_AndTheCalibrationPromoted()
    {
        var (trial, model) = EnsembleCalibration.Train("frost", Pairs(800, s => s / 3));

        Assert.True(trial.Promoted, trial.ReasonEn);
        Assert.NotNull(model);
        Assert.True(trial.CalibratedBrier < trial.RawBrier * (1 - EnsembleCalibration.Margin));
        Assert.Equal((560, 240), (trial.TrainingPairs, trial.TestPairs));
        // What it learned: a share of 0.9 means about 0.3.
        var calibrated = EnsembleCalibration.Load(model)(new CalibrationInput { Share = 0.9f, Spread = 0.1f, Models = 0.9f, LeadDay = 1, Level = 1 });
        Assert.InRange(calibrated, 0.15, 0.45);
    }

    [Fact]
    public void AReliableEnsemble_KeepsTheRawShare_TheCalibrationIsNotPromoted()
    {
        var (trial, model) = EnsembleCalibration.Train("frost", Pairs(800, s => s));

        Assert.False(trial.Promoted, trial.ReasonEn);
        Assert.Null(model);
        Assert.Contains("the raw share stays", trial.ReasonEn, StringComparison.Ordinal);
        Assert.Contains("仍显示原始成员比例", trial.ReasonZh, StringComparison.Ordinal);
    }

    [Fact]
    public void TooFewPairs_AreNotTrainedOn_AndSaySo()
    {
        var (trial, model) = EnsembleCalibration.Train("frost", Pairs(150, s => s / 3));

        Assert.False(trial.Promoted);
        Assert.Null(model);
        Assert.StartsWith("too few archived pairs (150 pairs", trial.ReasonEn, StringComparison.Ordinal);
    }

    [Fact]
    public void TheNewestPairsAreHeldOut_NeverTrainedOn()
    {
        var pairs = Pairs(800, s => s / 3);
        // Shuffled input: the split is still by run time.
        var shuffled = pairs.OrderBy(p => p.Input.Spread).ToList();

        var (trial, _) = EnsembleCalibration.Train("frost", shuffled);

        Assert.Equal(pairs[560].Run, trial.TestFrom);
    }
}
