using ClimateWarn.Core.Hazards;
using ClimateWarn.Server.Assess;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core.Hazards.Rainstorm;

namespace ClimateWarn.Server.Tests.Assess;

/// <summary>The rule sets the colour; a confident model where the rule is silent raises a watch, never from a synthetic-trained model by default.</summary>
public sealed class WatchesTests
{
    private static readonly DateTimeOffset Now = new(2021, 3, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Tomorrow = new(2021, 3, 21);

    private static DistrictAssessment Assess(HazardSignal[] signals, params RiskScore[] scores)
    {
        var d = TestPlaces.Zhongning;
        var cells = d.Cells.Select(c => new CellAssessment(c, HasData: true, c.IsSeat ? signals : []) { Scores = c.IsSeat ? scores : [] }).ToList();
        return DistrictAssessment.Aggregate(d.Code, Now, cells);
    }

    [Fact]
    public void ConfidentFrostModel_WhereTheRuleIsSilent_RaisesAWatch_AtItsHighestLead()
    {
        var a = Assess([], new RiskScore("frost", 24, Tomorrow, 0.72, "v1") { RuleHazard = FrostHazard.Id }, new RiskScore("frost", 48, Tomorrow.AddDays(1), 0.81, "v1") { RuleHazard = FrostHazard.Id }, new RiskScore("frost", 72, Tomorrow.AddDays(2), 0.99, "v1") { RuleHazard = FrostHazard.Id });

        var watch = Assert.Single(Watches.Raise(a, new WatchOptions()));

        Assert.Equal(("640521", "frost", "frost", 48, 0.81, "v1", false), (watch.District, watch.Model, watch.Hazard, watch.LeadHours, watch.Probability, watch.ModelVersion, watch.Synthetic));
    }

    [Fact]
    public void RuleAlreadySignalling_OrModelBelowTheThreshold_RaisesNoWatch()
    {
        HazardSignal[] frost = [new(FrostHazard.Id, SignalLevel.Blue, Now, Now.AddHours(6), -0.5, "test")];

        Assert.Empty(Watches.Raise(Assess(frost, new RiskScore("frost", 24, Tomorrow, 0.95, "v1") { RuleHazard = FrostHazard.Id }), new WatchOptions()));
        Assert.Empty(Watches.Raise(Assess([], new RiskScore("frost", 24, Tomorrow, 0.59, "v1") { RuleHazard = FrostHazard.Id }), new WatchOptions()));
    }

    [Fact]
    public void SyntheticModel_RaisesAWatchOnlyWhenTheBureauAllowsIt_AndHeavyRainDefersToTheRainstormRule()
    {
        var rain = new RiskScore("heavy-rain", 24, Tomorrow, 0.9, "h1", Synthetic: true) { RuleHazard = RainstormHazard.Id };

        Assert.Empty(Watches.Raise(Assess([], rain), new WatchOptions()));
        var watch = Assert.Single(Watches.Raise(Assess([], rain), new WatchOptions { FromSyntheticModels = true }));
        Assert.Equal(("rainstorm", true), (watch.Hazard, watch.Synthetic));
        HazardSignal[] rainstorm = [new(RainstormHazard.Id, SignalLevel.Blue, Now, Now.AddHours(6), 52, "test")];
        Assert.Empty(Watches.Raise(Assess(rainstorm, rain), new WatchOptions { FromSyntheticModels = true }));
    }
}
