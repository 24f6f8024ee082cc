using ClimateWarn.Core.Ensembles;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.Drought;
using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core.Hazards.Gale;
using ClimateWarn.Core.Hazards.Rainstorm;
using ClimateWarn.Core.Tests.Hazards;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Tests.Ensembles;

/// <summary>Member-wise probabilities against counts worked by hand: each member runs the same rule the warnings use.</summary>
public sealed class MemberScoringTests
{
    private static readonly HazardRule Gale = new GaleHazard().Bind(Tables.Gale(), "test");
    private static readonly HazardRule Rain = new RainstormHazard().Bind(Tables.RainNational(), "test");

    /// <summary>A member 72 h back and 5 days ahead of now (three lead days and each one's horizon), calm unless filled.</summary>
    private static HourlyWeather Member(double meanWind = 3, int fromHour = 0, int toHour = 0)
    {
        var w = new HourlyWeather("cell", Tables.Now.AddHours(-72), 72 + 120 + 1);
        for (var h = -72; h < 120; h++)
        {
            w.Set(WeatherVariables.WindSpeed10m, Tables.Now.AddHours(h), h >= fromHour && h < toHour ? meanWind : 3);
            w.Set(WeatherVariables.Precipitation, Tables.Now.AddHours(h), 0);
        }

        return w;
    }

    private static IReadOnlyList<LevelProbability> Score(IReadOnlyList<HazardRule> rules, IEnumerable<HourlyWeather> members, int leadDays = 3) =>
        MemberScoring.Probabilities(rules, [.. members.Select(m => MemberScoring.Levels(rules, m, Tables.Now, TimeZones.Shanghai, "640521", leadDays))]);

    private static LevelProbability Find(IReadOnlyList<LevelProbability> p, string hazard, SignalLevel level, int lead) =>
        p.Single(x => x.Hazard == hazard && x.Level == level && x.LeadDay == lead);

    [Fact]
    public void NoMemberMeetsTheCriterion_IsZeroOfFiftyOne()
    {
        var p = Score([Gale], Enumerable.Range(0, 51).Select(_ => Member()));

        Assert.All(p.Where(x => x.Hazard == GaleHazard.Id), x => Assert.Equal((51, 0), (x.Members, x.Meeting)));
        Assert.Equal(0.0, Find(p, GaleHazard.Id, SignalLevel.Blue, 0).Probability);
    }

    [Fact]
    public void EveryMemberMeetsTheCriterion_IsFiftyOneOfFiftyOne_AndTheLowerLevelsToo()
    {
        var p = Score([Gale], Enumerable.Range(0, 51).Select(_ => Member(17.2, 2, 4)));

        Assert.Equal(1.0, Find(p, GaleHazard.Id, SignalLevel.Yellow, 0).Probability);
        Assert.Equal(1.0, Find(p, GaleHazard.Id, SignalLevel.Blue, 0).Probability);
        Assert.Equal(0.0, Find(p, GaleHazard.Id, SignalLevel.Orange, 0).Probability);
        // Day 1 starts 24 h on: the wind of hours 2–4 is behind it.
        Assert.Equal(0.0, Find(p, GaleHazard.Id, SignalLevel.Blue, 1).Probability);
    }

    [Fact]
    public void AtTheEdgeOfTheCriterion_OnlyTheMembersReachingItCount()
    {
        // Blue needs a mean wind of 10.8 m/s: 10.8 meets it, 10.7 does not. 20 members at the edge, 31 just under.
        var members = Enumerable.Range(0, 51).Select(i => Member(i < 20 ? 10.8 : 10.7, 5, 6));

        var blue = Find(Score([Gale], members), GaleHazard.Id, SignalLevel.Blue, 0);

        Assert.Equal((51, 20), (blue.Members, blue.Meeting));
        Assert.Equal(20.0 / 51, blue.Probability, 12);
    }

    [Fact]
    public void WindOnTheSecondDayOnly_CountsOnLeadDayOne()
    {
        var p = Score([Gale], Enumerable.Range(0, 10).Select(i => Member(i < 4 ? 18 : 3, 30, 32)));

        Assert.Equal(0, Find(p, GaleHazard.Id, SignalLevel.Blue, 0).Meeting);
        Assert.Equal(4, Find(p, GaleHazard.Id, SignalLevel.Yellow, 1).Meeting);
        Assert.Equal(0, Find(p, GaleHazard.Id, SignalLevel.Blue, 2).Meeting);
    }

    [Fact]
    public void AMemberWithoutTheRulesInput_IsNotCounted_NeitherWay()
    {
        var members = Enumerable.Range(0, 5).Select(_ => Member(18, 1, 2)).ToList();
        members.Add(new HourlyWeather("cell", Tables.Now.AddHours(-72), 193)); // every column null

        var p = Score([Gale], members);

        Assert.Equal((5, 5), (Find(p, GaleHazard.Id, SignalLevel.Blue, 0).Members, Find(p, GaleHazard.Id, SignalLevel.Blue, 0).Meeting));
    }

    [Fact]
    public void AHazardNoMemberCanBeJudgedOn_IsAbsent_NotZero()
    {
        // Wind only: no precipitation column in any member.
        var members = Enumerable.Range(0, 3).Select(_ =>
        {
            var w = new HourlyWeather("cell", Tables.Now.AddHours(-72), 193);
            w.Set(WeatherVariables.WindSpeed10m, Tables.Now, 5);
            return w;
        });

        var p = Score([Gale, Rain], members);

        Assert.DoesNotContain(p, x => x.Hazard == RainstormHazard.Id);
        Assert.Contains(p, x => x.Hazard == GaleHazard.Id);
    }

    [Fact]
    public void RainInTheMember_MeetsTheRainstormLevels_ByItsOwnAccumulation()
    {
        // 50 mm within 6 h is yellow (national): two members of four reach it, a third only blue (50 mm in 12 h).
        HourlyWeather Rainy(double mmPerHour, int hours)
        {
            var w = Member();
            for (var h = 1; h <= hours; h++)
            {
                w.Set(WeatherVariables.Precipitation, Tables.Now.AddHours(h), mmPerHour);
            }

            return w;
        }

        var p = Score([Rain], [Rainy(10, 5), Rainy(10, 6), Rainy(5, 10), Member()]);

        Assert.Equal((4, 2), (Find(p, RainstormHazard.Id, SignalLevel.Yellow, 0).Members, Find(p, RainstormHazard.Id, SignalLevel.Yellow, 0).Meeting));
        Assert.Equal(3, Find(p, RainstormHazard.Id, SignalLevel.Blue, 0).Meeting);
    }

    [Fact]
    public void ADistrictsMemberMeetsALevel_WhenAnyOfItsCellsDoes()
    {
        var rules = new[] { Gale };
        var calm = MemberScoring.Levels(rules, Member(), Tables.Now, TimeZones.Shanghai, null, 3);
        var windy = MemberScoring.Levels(rules, Member(18, 3, 4), Tables.Now, TimeZones.Shanghai, null, 3);
        var unjudged = MemberScoring.Levels(rules, new HourlyWeather("cell", Tables.Now, 0), Tables.Now, TimeZones.Shanghai, null, 3);

        var district = MemberLevels.Highest([calm, windy, unjudged]);

        Assert.Equal(SignalLevel.Yellow, district[GaleHazard.Id, 0]);
        Assert.Equal(SignalLevel.None, district[GaleHazard.Id, 1]);
        Assert.Null(MemberLevels.Highest([unjudged])[GaleHazard.Id, 0]);
    }

    [Fact]
    public void Scorable_KeepsTheRulesOnHourlyWeather_NotDroughtNorSignalsByHand()
    {
        var table = new HazardTable([Gale, new DroughtHazard().Bind(new DroughtThresholds(new LevelTable<DroughtLevel> { Orange = new(-1.5), Red = new(-2.0) }, 7, 7), "t"),
            new FrostHazard().Bind(Tables.Frost(), "t")]);

        Assert.Equal([GaleHazard.Id, FrostHazard.Id], MemberScoring.Scorable(table).Select(r => r.Slug));
    }
}
