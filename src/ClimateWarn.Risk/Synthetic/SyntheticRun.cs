using System.Globalization;
using ClimateWarn.WeatherGen;

namespace ClimateWarn.Risk.Synthetic;

/// <summary>
/// A SYNTHETIC training world: every Zhongwei district generated from one seed over <see cref="Years"/> years labelled
/// from <see cref="FirstYear"/>, its last quarter held out (<see cref="TestFrom"/>). The years are numbered from 1
/// (0001-01-01 on) so that no synthetic date can be mistaken for a real one: the weather is made up.
/// </summary>
public sealed class SyntheticRun : ITrainingRun
{
    public const int FirstYear = 1;
    public const int DefaultYears = 100;
    public const int DefaultSeed = 20_260_401;

    private SyntheticRun(int seed, int years, DateOnly testFrom, IReadOnlyList<SyntheticDistrict> districts)
    {
        Seed = seed;
        Years = years;
        TestFrom = testFrom;
        Districts = districts;
    }

    public int Seed { get; }

    public int Years { get; }

    public DateOnly TestFrom { get; }

    public IReadOnlyList<SyntheticDistrict> Districts { get; }

    public static DateOnly From => new(FirstYear, 1, 1);

    public DateOnly To => From.AddYears(Years).AddDays(-1);

    public DateOnly FirstDay => From;

    public DateOnly LastDay => To;

    public bool Synthetic => true;

    public bool Reanalysis => false;

    public string Source => string.Create(CultureInfo.InvariantCulture,
        $"SYNTHETIC: ClimateWarn.WeatherGen daily weather generator calibrated to the published Zhongwei climate figures (docs/weather-generator.md), seed {Seed}, {Years} synthetic years per district, numbered {From:yyyy}–{To:yyyy} so no date reads as a real one");

    public IReadOnlyList<string> Files => [string.Create(CultureInfo.InvariantCulture, $"weathergen:zhongwei seed={Seed} years={Years}")];

    public string HeldOutWords => string.Create(CultureInfo.InvariantCulture, $"the last {To.Year - TestFrom.Year + 1} synthetic years");

    public IReadOnlyList<string> Caveats => [HazardTrainer.NotOperational, HazardTrainer.ForecastsAssumed];

    public bool Takes(string hazard, SyntheticDistrict district) => true;

    public static SyntheticRun Create(int seed, int years, DroughtIndexSettings settings)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(years, 8);
        var testFrom = new DateOnly(FirstYear + years - Math.Max(2, years / 4), 1, 1);
        return new SyntheticRun(seed, years, testFrom,
            [.. WeatherGenerator.Generate(Zhongwei.Districts, FirstYear, years, seed).Select(s => new SyntheticDistrict(s, testFrom, settings))]);
    }

    /// <summary>Every verifiable in-season case of a hazard, in district, issue and lead order.</summary>
    public static IEnumerable<HazardCase<TInput>> Cases<TInput>(IHazardDefinition<TInput> hazard, SyntheticDistrict district)
        where TInput : class, Models.IRiskInput, new()
    {
        ArgumentNullException.ThrowIfNull(hazard);
        ArgumentNullException.ThrowIfNull(district);
        var s = district.Series;
        for (var i = IssueView.WarmUpDays; i < s.Count; i++)
        {
            var day = s.Day(i);
            if (!hazard.InSeason(day))
            {
                continue;
            }

            var view = district.View(i);
            foreach (var lead in hazard.Leads)
            {
                if (hazard.Outcome(district, i, lead) is not { } happened || hazard.Features(view, lead) is not { } input)
                {
                    continue;
                }

                input.Label = happened;
                yield return new HazardCase<TInput>(s.Climate.District, day, lead, hazard.TargetDay(day, lead), happened, hazard.RuleSays(view, lead), input);
            }
        }
    }
}
