using ClimateWarn.Core.Indices;
using ClimateWarn.Risk.Cards;
using ClimateWarn.Risk.Drought;
using ClimateWarn.Risk.Flood;
using ClimateWarn.Risk.HeavyRain;
using ClimateWarn.Risk.Models;
using ClimateWarn.Risk.Synthetic;
using ClimateWarn.Risk.Tests.Support;

namespace ClimateWarn.Risk.Tests.Synthetic;

/// <summary>
/// The heavy-rain, flood and drought models: no look-ahead, a time-ordered split, thread-safe scoring, honestly labelled
/// cards. That the committed models are what the `train` verb makes is the Server's to test (Assess/Models).
/// </summary>
public sealed class SyntheticModelTests
{
    public static readonly TheoryData<string> Hazards = ["heavy-rain", "flood", "drought"];

    private static DroughtIndexSettings Settings => CommittedConfig.DroughtSettings;

    private static readonly Lazy<SyntheticRun> Small = new(() => SyntheticRun.Create(5, 16, Settings));

    private static string ModelPath(string hazard) => Repo.Model(hazard, "model.zip");

    [Theory]
    [MemberData(nameof(Hazards))]
    public void Card_CarriesTheSyntheticFlag_SkillAndBothBaselines(string hazard)
    {
        var json = File.ReadAllText(Repo.Model(hazard, "card.json"));
        var card = ModelCard.FromJson(json);

        Assert.Contains("\"synthetic\": true", json, StringComparison.Ordinal);
        Assert.True(card.Data.Synthetic);
        Assert.StartsWith("SYNTHETIC", card.Data.Source, StringComparison.Ordinal);
        Assert.Contains(card.Caveats, c => c.Contains("must be retrained on real history before operational use", StringComparison.Ordinal));
        Assert.Contains("SYNTHETIC", File.ReadAllText(Repo.Model(hazard, "card.md")), StringComparison.Ordinal);
        Assert.True(card.Data.TestEvents > 0);
        foreach (var lead in card.HeldOut.Select(s => s.LeadHours).Distinct())
        {
            var model = card.HeldOut.Single(s => s.Forecaster == "model" && s.LeadHours == lead);
            Assert.InRange(model.RocAuc, 0, 1);
            Assert.Equal(10, model.Reliability!.Count);
            Assert.False(double.IsNaN(model.BrierSkillVsClimatology));
            Assert.Contains(card.HeldOut, s => s.Forecaster == "climatology" && s.LeadHours == lead);
            Assert.Contains(card.HeldOut, s => s.Forecaster == "official threshold rule" && s.LeadHours == lead);
        }
    }

    [Fact]
    public void Features_DoNotChangeWhenTheTruthAfterTheIssueIsAltered()
    {
        var district = Small.Value.Districts[2];
        var issue = district.Series.Count - 180; // mid-year of the held-out years, so the SPI calibration is untouched
        var altered = new SyntheticDistrict(district.Series.WithTruthFrom(issue, p => p + 40, t => t + 15), Small.Value.TestFrom, Settings);
        var earlier = new SyntheticDistrict(district.Series.WithTruthFrom(issue - 1, p => p + 40, t => t + 15), Small.Value.TestFrom, Settings);

        foreach (var lead in new[] { 24, 48, 72 })
        {
            Assert.Equivalent(HeavyRainHazard.Instance.Features(district.View(issue), lead), HeavyRainHazard.Instance.Features(altered.View(issue), lead), strict: true);
            Assert.Equivalent(FloodHazard.Instance.Features(district.View(issue), lead), FloodHazard.Instance.Features(altered.View(issue), lead), strict: true);
        }

        Assert.Equivalent(DroughtHazard.Instance.Features(district.View(issue), 240), DroughtHazard.Instance.Features(altered.View(issue), 240), strict: true);
        Assert.NotEqual(district.Mci[issue + 5], altered.Mci[issue + 5]); // the truth did change after the issue
        // The check can fail: the day before the issue does count.
        Assert.NotEqual(HeavyRainHazard.Instance.Features(district.View(issue), 24)!.ObservedPrecipitation24h, HeavyRainHazard.Instance.Features(earlier.View(issue), 24)!.ObservedPrecipitation24h);
        Assert.NotEqual(FloodHazard.Instance.Features(district.View(issue), 24)!.Discharge, FloodHazard.Instance.Features(earlier.View(issue), 24)!.Discharge);
    }

    [Fact]
    public void SplitIsTimeOrdered_TrainingCasesEndBeforeTheHeldOutYears()
    {
        var run = Small.Value;
        var cases = run.Districts.SelectMany(d => SyntheticRun.Cases(DroughtHazard.Instance, d)).ToList();

        var training = cases.Where(c => c.TargetDay < run.TestFrom).ToList();
        var test = cases.Where(c => c.IssueDay >= run.TestFrom).ToList();

        Assert.NotEmpty(training);
        Assert.NotEmpty(test);
        Assert.True(training.Max(c => c.TargetDay) < test.Min(c => c.IssueDay));
        Assert.All(cases, c => Assert.Equal(c.IssueDay.AddDays(9), c.TargetDay)); // the label reads ten days of truth
        Assert.All(cases, c => Assert.InRange(c.IssueDay.Month, 4, 10));
    }

    private static List<TInput> Inputs<TInput>(IHazardDefinition<TInput> hazard)
        where TInput : class, IRiskInput, new() =>
        [.. Small.Value.Districts.SelectMany(d => SyntheticRun.Cases(hazard, d)).Where(c => c.IssueDay.Year == SyntheticRun.FirstYear + 11).Select(c => c.Input)];

    private static async Task AssertThreadSafeAndRepeatable<TInput>(IHazardDefinition<TInput> hazard)
        where TInput : class, IRiskInput, new()
    {
        var model = HazardModel.Load(ModelPath(hazard.Hazard), hazard);
        var inputs = Inputs(hazard);
        Assert.NotEmpty(inputs);
        var expected = inputs.Select(model.Probability).ToList();

        var again = HazardModel.Load(ModelPath(hazard.Hazard), hazard);
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => inputs.Select(model.Probability).ToList())));

        Assert.Equal(expected, inputs.Select(again.Probability).ToList());
        Assert.All(results, r => Assert.Equal(expected, r));
        Assert.True(expected.Distinct().Count() > 1, "a model that says one thing to every case would pass trivially");
    }

    [Fact]
    public Task Scoring_HeavyRain_64ThreadsMatchOneThread() => AssertThreadSafeAndRepeatable(HeavyRainHazard.Instance);

    [Fact]
    public Task Scoring_Flood_64ThreadsMatchOneThread() => AssertThreadSafeAndRepeatable(FloodHazard.Instance);

    [Fact]
    public Task Scoring_Drought_64ThreadsMatchOneThread() => AssertThreadSafeAndRepeatable(DroughtHazard.Instance);

    [Fact]
    public void Load_ModelWithAnotherInputSchema_FailsWithAClearMessage()
    {
        var ex = Assert.Throws<InvalidDataException>(() => HazardModel.Load(Repo.Model("frost", "model.zip"), FloodHazard.Instance));

        Assert.Contains("lacks Discharge", ex.Message, StringComparison.Ordinal);
        Assert.Equal(DroughtClass.Moderate, DroughtClasses.OfIndex(DroughtHazard.Moderate));
    }
}
