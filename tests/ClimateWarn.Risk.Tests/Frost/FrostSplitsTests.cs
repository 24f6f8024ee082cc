using ClimateWarn.Core;
using ClimateWarn.Core.Stations;
using ClimateWarn.Core.Verification;
using ClimateWarn.Risk.Cards;
using ClimateWarn.Risk.Frost;
using ClimateWarn.Risk.Tests.Support;

namespace ClimateWarn.Risk.Tests.Frost;

/// <summary>
/// The frost model out of sample: folds never train on the station they test, the decision uses the model only where it
/// beats persistence, and the committed card carries both. The cases and skills below are CONSTRUCTED for the checks.
/// </summary>
public sealed class FrostSplitsTests
{
    private static (StationRecord, FrostCase) Case(string station, int day, bool inSeason)
    {
        var issue = new DateTimeOffset(2021, 3, 1, 20, 0, 0, TimeSpan.FromHours(8)).AddDays(day);
        return (new StationRecord(station, []), new FrostCase(station, issue, 24, DateOnly.FromDateTime(issue.Date).AddDays(1), -1, day % 2 == 0, inSeason, new FrostRiskInput { LeadHours = 24 }));
    }

    private static readonly List<(StationRecord Record, FrostCase Case)> All =
        [.. new[] { "52983", "53614", "53705" }.SelectMany(s => Enumerable.Range(0, 40).Select(d => Case(s, d, inSeason: d >= 14)))];

    [Theory]
    [InlineData("53614", null)]
    [InlineData("53705", "2021-03-25")]
    public void Partition_NeverTrainsOnTheHeldOutStation(string station, string? testFrom)
    {
        DateOnly? from = testFrom is null ? null : DateOnly.Parse(testFrom, System.Globalization.CultureInfo.InvariantCulture);

        var (training, test) = FrostSplits.Partition(All, station, TimeZones.Shanghai, from);

        Assert.DoesNotContain(training, c => c.Station == station);
        Assert.Equal(2 * (from is null ? 40 : 23), training.Count);
        Assert.All(test, c => Assert.Equal(station, c.Case.Station));
        Assert.All(test, c => Assert.True(c.Case.InSeason));
        Assert.Equal(from is null ? 26 : 16, test.Count);
        if (from is { } f)
        {
            Assert.All(training, c => Assert.True(c.TargetDay < f));
            Assert.All(test, c => Assert.True(FrostCases.LocalDate(c.Case.IssueTime, TimeZones.Shanghai) >= f));
        }
    }

    private static ForecastSkill Skill(string forecaster, int lead, double brier) =>
        new(forecaster, lead, 100, 20, new Contingency(10, 5, 10, 75), 0.5, 0.33, 0.4, brier, 0.1, 0.7, null);

    private static SplitSkill Pooled(string split, double model24, double persistence24, double model48, double persistence48) =>
        new(split, FrostSplits.Pooled, 500, 200, [Skill("model", 24, model24), Skill("persistence", 24, persistence24), Skill("model", 48, model48), Skill("persistence", 48, persistence48)]);

    [Fact]
    public void Decide_BeatsPersistenceEverywhere_IsUsedAtEveryLead()
    {
        var use = FrostSplits.Decide([Pooled(FrostSplits.Loso, 0.15, 0.29, 0.18, 0.33), Pooled(FrostSplits.LosoSeason, 0.23, 0.28, 0.26, 0.29)]);

        Assert.True(use.Used);
        Assert.Equal([24, 48], use.Leads);
    }

    [Fact]
    public void Decide_LosesAt48HoursInOneSplit_IsUsedAt24HoursOnly_AndSaysWhy()
    {
        var use = FrostSplits.Decide([Pooled(FrostSplits.Loso, 0.15, 0.29, 0.18, 0.33), Pooled(FrostSplits.LosoSeason, 0.23, 0.28, 0.30, 0.29)]);

        Assert.True(use.Used);
        Assert.Equal([24], use.Leads);
        Assert.Contains("48 h loso-season: model 0.300, persistence 0.290", use.ReasonEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_NoBetterThanPersistence_IsNotUsed_AndSaysWhyInBothLanguages()
    {
        // A tie is not a win.
        var use = FrostSplits.Decide([Pooled(FrostSplits.Loso, 0.29, 0.29, 0.40, 0.33)]);

        Assert.False(use.Used);
        Assert.Empty(use.Leads);
        Assert.StartsWith("not used", use.ReasonEn, StringComparison.Ordinal);
        Assert.StartsWith("不使用", use.ReasonZh, StringComparison.Ordinal);
    }

    [Fact]
    public void CommittedCard_ShowsLeaveOneStationOutBesidePersistenceAndClimatology_AndItsDecision()
    {
        var card = ModelCard.FromJson(File.ReadAllText(Repo.Model("frost", "card.json")));

        Assert.NotNull(card.Splits);
        foreach (var split in new[] { FrostSplits.Loso, FrostSplits.LosoSeason })
        {
            // Every station held out in turn, and the pool of them.
            Assert.Equal(["52983", "53614", "53705", "53723", FrostSplits.Pooled], card.Splits.Where(s => s.Split == split).Select(s => s.HeldOut));
            var pooled = card.Splits.Single(s => s.Split == split && s.HeldOut == FrostSplits.Pooled);
            foreach (var forecaster in new[] { "model", "persistence", "climatology", "rule on persistence" })
            {
                Assert.Equal(2, pooled.Skill.Count(k => k.Forecaster == forecaster));
            }
        }

        // The decision on the card is the committed rule applied to the card's own splits.
        Assert.NotNull(card.Use);
        Assert.Equal(FrostSplits.Decide(card.Splits), card.Use, new UseComparer());
    }

    private sealed class UseComparer : IEqualityComparer<ModelUse?>
    {
        public bool Equals(ModelUse? x, ModelUse? y) => x is not null && y is not null && x.Used == y.Used && x.Leads.SequenceEqual(y.Leads) && x.ReasonEn == y.ReasonEn && x.ReasonZh == y.ReasonZh;

        public int GetHashCode(ModelUse? obj) => obj?.Used.GetHashCode() ?? 0;
    }
}
