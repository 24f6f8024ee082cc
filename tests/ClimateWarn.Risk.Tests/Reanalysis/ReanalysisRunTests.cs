using ClimateWarn.Core.Verification;
using ClimateWarn.Risk.Cards;
using ClimateWarn.Risk.Reanalysis;
using ClimateWarn.Risk.Synthetic;
using ClimateWarn.Risk.Tests.Support;
using ClimateWarn.WeatherGen;

namespace ClimateWarn.Risk.Tests.Reanalysis;

/// <summary>
/// The reanalysis training run and its card. The "records" here are CONSTRUCTED: the weather generator's days relabelled
/// as 1991–2020 dates stand in for ERA5 (no archive is reachable offline); what is tested is the run's split, labels and
/// decisions, not anything about real weather.
/// </summary>
public sealed class ReanalysisRunTests
{
    private static readonly DateOnly First = new(1991, 1, 1);

    private static DistrictRecord Record(DistrictClimate climate, int years, bool catchment = true)
    {
        var s = WeatherGenerator.Generate(climate, First.Year, years, seed: 11);
        return new DistrictRecord(climate.District, climate.Name, climate.Latitude, climate.Catchment, catchment, First,
            s.PrecipitationMm, s.MinimumC, s.MaximumC, $"constructed era5:{climate.District}");
    }

    [Fact]
    public void HeavyRain_TrainsOnTheRecords_AndTheCardSaysReanalysis_WithAUseDecision()
    {
        var run = ReanalysisRun.Create([.. Zhongwei.Districts.Select(d => Record(d, 30))], CommittedConfig.DroughtSettings, seed: 5);

        var trained = SyntheticHazards.Train("heavy-rain", run);

        var card = trained.Card;
        Assert.Equal(new DateOnly(2014, 1, 1), run.TestFrom); // 30 years: the last 30/4 = 7 held out, 2014–2020
        Assert.False(card.Data.Synthetic);
        Assert.True(card.Data.Reanalysis);
        Assert.StartsWith("REANALYSIS", card.Data.Source, StringComparison.Ordinal);
        Assert.Equal(ReanalysisRun.TruthCaveat, card.Caveats[0]);
        Assert.Contains(card.Caveats, c => c == HazardTrainer.ForecastsAssumed);
        Assert.DoesNotContain(card.Caveats, c => c == HazardTrainer.NotOperational);
        Assert.Equal(["constructed era5:640502", "constructed era5:640521", "constructed era5:640522"], card.Data.Files);
        Assert.Contains("2014–2020", card.Split, StringComparison.Ordinal);
        Assert.NotNull(card.Use);
        // The decision is the committed rule applied to the card's own held-out table.
        var decided = ReanalysisRun.Decide(card.HeldOut, [24, 48, 72]);
        Assert.Equal((decided.Used, decided.ReasonEn), (card.Use.Used, card.Use.ReasonEn));
        Assert.Equal(decided.Leads, card.Use.Leads);
        Assert.Contains("REANALYSIS, not station observations", ModelCardMarkdown.Render(card), StringComparison.Ordinal);
        Assert.True(card.Data.TrainingEvents >= 5);
    }

    [Fact]
    public void Flood_LeavesOutADistrictWithoutACatchment()
    {
        var run = ReanalysisRun.Create([Record(Zhongwei.Shapotou, 12), Record(Zhongwei.Haiyuan, 12, catchment: false)], CommittedConfig.DroughtSettings, seed: 5);

        Assert.True(run.Takes("heavy-rain", run.Districts[1]));
        Assert.False(run.Takes("flood", run.Districts[1]));
        Assert.True(run.Takes("flood", run.Districts[0]));
        var held = HazardTrainer.HeldOut(ClimateWarn.Risk.Flood.FloodHazard.Instance, run);
        Assert.NotEmpty(held);
        Assert.All(held, c => Assert.Equal("640502", c.Place));
    }

    [Fact]
    public void Create_RefusesTooShortARecord_WithTheReason()
    {
        var none = Assert.Throws<InvalidOperationException>(() => ReanalysisRun.Create([], CommittedConfig.DroughtSettings, 5));
        Assert.Contains("no district", none.Message, StringComparison.Ordinal);
        var shortRun = Assert.Throws<InvalidOperationException>(() => ReanalysisRun.Create([Record(Zhongwei.Haiyuan, 5)], CommittedConfig.DroughtSettings, 5));
        Assert.Contains("5 years; at least 8", shortRun.Message, StringComparison.Ordinal);
    }

    private static ForecastSkill Skill(string who, int lead, double brier) =>
        new(who, lead, 100, 10, new Contingency(5, 5, 5, 85), 0.5, 0.5, 0.33, brier, 0, 0.7, null);

    [Fact]
    public void Decide_UsesALeadOnlyWhereTheModelBeatsClimatologyAndTheRule()
    {
        ForecastSkill[] both = [Skill("model", 24, 0.05), Skill("climatology", 24, 0.08), Skill("official threshold rule", 24, 0.07),
            Skill("model", 48, 0.07), Skill("climatology", 48, 0.08), Skill("official threshold rule", 48, 0.09)];
        var all = ReanalysisRun.Decide(both, [24, 48]);
        Assert.True(all.Used);
        Assert.Equal([24, 48], all.Leads);

        // 48 h loses to climatology, 24 h to the rule at equal score (it must be strictly lower).
        ForecastSkill[] mixed = [Skill("model", 24, 0.05), Skill("climatology", 24, 0.08), Skill("official threshold rule", 24, 0.07),
            Skill("model", 48, 0.09), Skill("climatology", 48, 0.08), Skill("official threshold rule", 48, 0.10)];
        var some = ReanalysisRun.Decide(mixed, [24, 48]);
        Assert.True(some.Used);
        Assert.Equal([24], some.Leads);
        Assert.Contains("48 h: model 0.0900, climatology 0.0800", some.ReasonEn, StringComparison.Ordinal);

        ForecastSkill[] tie = [Skill("model", 24, 0.07), Skill("climatology", 24, 0.08), Skill("official threshold rule", 24, 0.07)];
        var none = ReanalysisRun.Decide(tie, [24]);
        Assert.False(none.Used);
        Assert.Empty(none.Leads);
        Assert.StartsWith("不使用", none.ReasonZh, StringComparison.Ordinal);
    }
}
