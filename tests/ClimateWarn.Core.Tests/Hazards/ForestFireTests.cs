using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.ForestFire;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Tests.Hazards;

/// <summary>The fire-weather index at its table edges and grade cut-offs, the dry days carried over days, and the signal where configured.</summary>
public sealed class ForestFireTests
{
    /// <summary>As config/hazards/forest-fire.json.</summary>
    private static readonly FireIndexTables Tables = new(
        new Bands([5, 10, 15, 20, 25], [0, 4, 8, 12, 16, 20]),
        new Bands([24, 34, 44, 54, 64], [20, 16, 12, 8, 4, 0]),
        new Bands([1.6, 3.4, 5.5, 8.0, 10.8, 13.9, 17.2], [5, 10, 15, 20, 25, 30, 35, 40], "lower"),
        new Bands([0.1, 10, 17, 25, 38, 75], [0, 25, 30, 35, 40, 45, 50], "lower"),
        5, 50, 0.1, [25, 50, 72, 90]);

    private static readonly DateOnly Day = new(2021, 4, 10);

    [Theory]
    [InlineData(5.0, 0)]
    [InlineData(5.1, 4)]
    [InlineData(20.0, 12)]
    [InlineData(25.0, 16)]
    [InlineData(25.1, 20)]
    public void Temperature_Bands(double tmax, double points) => Assert.Equal(points, Tables.MaxTemperatureC.Score(tmax));

    [Theory]
    [InlineData(24.0, 20)]
    [InlineData(24.5, 16)]
    [InlineData(64.0, 4)]
    [InlineData(65.0, 0)]
    public void Humidity_Bands(double rh, double points) => Assert.Equal(points, Tables.MinHumidityPct.Score(rh));

    [Theory]
    [InlineData(0.0, 5)]     // calm: force ≤ 1
    [InlineData(1.5, 5)]     // force 1
    [InlineData(1.59, 5)]    // still force 1 (below 1.6)
    [InlineData(1.6, 10)]    // force 2 from 1.6
    [InlineData(3.4, 15)]    // force 3 from 3.4
    [InlineData(5.49, 15)]
    [InlineData(5.5, 20)]    // force 4 from 5.5
    [InlineData(7.95, 20)]   // still force 4 (below 8.0)
    [InlineData(8.0, 25)]    // force 5
    [InlineData(10.8, 30)]   // force 6
    [InlineData(13.9, 35)]   // force 7
    [InlineData(17.1, 35)]
    [InlineData(17.2, 40)]   // force 8 and above
    [InlineData(40.0, 40)]
    public void Wind_BeaufortBands(double wind, double points) => Assert.Equal(points, Tables.MaxWindMs.Score(wind));

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.09, 0)]
    [InlineData(0.099, 0)]   // below 0.1 mm: a dry day, not corrected
    [InlineData(0.1, 25)]
    [InlineData(9.95, 25)]
    [InlineData(10.0, 30)]
    [InlineData(16.9, 30)]
    [InlineData(17.0, 35)]
    [InlineData(25.0, 40)]
    [InlineData(38.0, 45)]
    [InlineData(74.9, 45)]
    [InlineData(75.0, 50)]
    public void RainCorrection_Bands(double rain, double points) => Assert.Equal(points, Tables.RainCorrectionMm.Score(rain));

    [Fact]
    public void ADayBelowTheDryThreshold_IsDry_AndNotCorrectedForRain()
    {
        var day = FireDangerIndex.Rate(new FireDayWeather(Day, 20, 50, 3, 0.095), 2, Tables)!;
        Assert.Equal((3, 0.0), (day.DryDays, day.RainCorrection));
        var wet = FireDangerIndex.Rate(new FireDayWeather(Day, 20, 50, 3, 0.1), 2, Tables)!;
        Assert.Equal((0, 25.0), (wet.DryDays, wet.RainCorrection));
    }

    [Theory]
    [InlineData(0, 5, 1)]      // the dry day itself counts
    [InlineData(9, 50, 10)]
    [InlineData(30, 50, 31)]   // capped at 50 points
    public void DryDays_FivePointsEach_Capped(int before, double points, int days)
    {
        var rated = FireDangerIndex.Rate(new FireDayWeather(Day, 0, 80, 0, 0), before, Tables)!;
        Assert.Equal((points, days), (rated.DryDayPoints, rated.DryDays));
    }

    [Theory]
    // Grade edges at 25/50/72/90: an index at the top of a grade stays in it.
    [InlineData(20.0, 50.0, 0, 1.0, 2)]    // 12 + 8 + 5 + 5 = 30 → grade 2
    [InlineData(5.0, 70.0, 0, 1.0, 1)]     // 0 + 0 + 5 + 5 = 10 → grade 1
    [InlineData(5.0, 70.0, 3, 1.0, 1)]     // 0 + 0 + 20 + 5 = 25 → still grade 1
    [InlineData(5.0, 70.0, 4, 1.0, 2)]     // 30 → grade 2
    [InlineData(20.0, 30.0, 3, 3.0, 3)]    // 12 + 16 + 20 + 10 = 58 → grade 3
    [InlineData(25.1, 20.0, 3, 5.0, 4)]    // 20 + 20 + 20 + 15 = 75 → grade 4
    [InlineData(25.1, 20.0, 9, 8.0, 5)]    // 20 + 20 + 50 + 25 = 115 → grade 5
    public void Grades_AtTheirCutOffs(double tmax, double rh, int dryBefore, double wind, int grade)
    {
        Assert.Equal(grade, FireDangerIndex.Rate(new FireDayWeather(Day, tmax, rh, wind, 0), dryBefore, Tables)!.Grade);
    }

    [Fact]
    public void Rain_ResetsTheDryDays_AndIsSubtracted()
    {
        var wet = FireDangerIndex.Rate(new FireDayWeather(Day, 25.1, 20, 8, 12), 9, Tables)!;   // 20 + 20 + 0 + 25 − 30 = 35
        Assert.Equal((0, 35.0, 2), (wet.DryDays, wet.Index, wet.Grade));
        Assert.Null(FireDangerIndex.Rate(new FireDayWeather(Day, double.NaN, 20, 8, 0), 9, Tables));

        var days = FireDangerIndex.RateDays([new(Day, 20, 30, 3, 0), new(Day.AddDays(1), 20, 30, 3, 5), new(Day.AddDays(2), 20, 30, 3, 0)], 4, Tables);
        Assert.Equal([5, 0, 1], days.Select(d => d!.DryDays));
    }

    [Fact]
    public void Rate_FromHourlyWeather_CountsDryDaysBackThroughTheDailyRecord_AndDerivesHumidityFromDewPoint()
    {
        var now = new DateTimeOffset(2021, 4, 10, 9, 0, 0, TimeSpan.FromHours(8));
        var w = new HourlyWeather("seat", now.AddHours(-72), 145);
        for (var h = -72; h < 73; h++)
        {
            var t = now.AddHours(h);
            w.Set(WeatherVariables.Temperature2m, t, 26);
            w.Set(WeatherVariables.DewPoint2m, t, -10);      // RH ≈ 8 %
            w.Set(WeatherVariables.WindSpeed10m, t, 9);
            w.Set(WeatherVariables.Precipitation, t, 0);
        }

        var daily = Enumerable.Range(1, 20).ToDictionary(d => DateOnly.FromDateTime(now.Date).AddDays(-d), d => d == 15 ? 3.0 : 0.0);
        var rating = ForestFireAssessor.Rate("640522", w, now, TimeZones.Shanghai, daily, "station 53806 daily rain", Tables);

        Assert.Equal(3, rating.Days.Count);
        Assert.Equal(15, rating.Days[0]!.DryDays);            // 14 dry days before today, then today
        Assert.Equal(5, rating.Days[0]!.Grade);
        Assert.Contains("14 dry days before today", rating.Basis, StringComparison.Ordinal);
        Assert.InRange(ForestFireAssessor.Humidity(26, -10), 7, 9);

        var thresholds = new ForestFireThresholds(new LevelTable<FireLevel> { Orange = new(4), Red = new(5) }, Tables, ["640522"]);
        var signal = ForestFireAssessor.Signal(rating, thresholds, now, TimeZones.Shanghai)!;
        Assert.Equal((SignalLevel.Red, 5.0), (signal.Level, signal.Value));
        Assert.Equal((now, new DateTimeOffset(2021, 4, 11, 0, 0, 0, TimeSpan.FromHours(8))), (signal.From, signal.To));
        Assert.True(thresholds.SignalsIn("640522"));
        Assert.False(thresholds.SignalsIn("640521"));
    }

    [Fact]
    public void Validation_NamesBadBandsAndGrades()
    {
        var bad = Tables with { MaxWindMs = new Bands([3, 2], [1, 2, 3]), GradeUpTo = [25, 50, 40, 90] };
        var problems = new ForestFireThresholds(new LevelTable<FireLevel> { Orange = new(4), Red = new(3) }, bad).Validate("forest-fire").ToList();

        Assert.Contains(problems, p => p.StartsWith("forest-fire.index.maxWindMs.bounds[1] = 2 is not above", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("forest-fire.index.gradeUpTo must be four ascending", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("forest-fire.levels.red.gradeAtLeast = 3 is milder than orange", StringComparison.Ordinal));
        Assert.Empty(new ForestFireThresholds(new LevelTable<FireLevel> { Orange = new(4), Red = new(5) }, Tables).Validate("forest-fire"));
    }

    [Fact]
    public void Validation_RefusesARainTableThatCorrectsADryDay_AndAnUnknownInclusive()
    {
        // The table shipped before: 0.09 mm inclusive upper, so 0.095 mm was both a dry day and corrected by 25.
        var correctsDryDays = Tables with { RainCorrectionMm = new Bands([0.09, 9.9, 16.9, 24.9, 37.9, 74.9], [0, 25, 30, 35, 40, 45, 50]) };
        Assert.Contains(correctsDryDays.Validate("forest-fire"), p => p.StartsWith("forest-fire.index.rainCorrectionMm: a dry day (rain below dryBelowMm = 0.1) must score 0", StringComparison.Ordinal));
        var upperAtTheThreshold = Tables with { RainCorrectionMm = new Bands([0.1, 10, 17, 25, 38, 75], [0, 25, 30, 35, 40, 45, 50], "upper") };
        Assert.Empty(upperAtTheThreshold.Validate("forest-fire"));   // ≤ 0.1 scores 0: every dry day is held
        var bogus = Tables with { MaxWindMs = Tables.MaxWindMs with { Inclusive = "both" } };
        Assert.Contains(bogus.Validate("forest-fire"), p => p.StartsWith("forest-fire.index.maxWindMs.inclusive = 'both' is neither", StringComparison.Ordinal));
    }
}
