using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.FlashFlood;
using ClimateWarn.Core.Hazards.Rainstorm;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Tests.Hazards;

/// <summary>Flash-flood risk: effective antecedent rain plus the next hours' rain against a level's totals, per district where a table says.</summary>
public sealed class FlashFloodTests
{
    private static readonly LevelTable<RainstormLevel> Default = new()
    {
        Blue = new([new(6, 25)]), Yellow = new([new(6, 35)]), Orange = new([new(3, 40), new(6, 50)]), Red = new([new(3, 60)]),
    };

    private static readonly LevelTable<RainstormLevel> Exposed = new()
    {
        Blue = new([new(3, 15)]), Yellow = new([new(3, 25)]), Orange = new([new(3, 35)]), Red = new([new(3, 50)]),
    };

    private static FlashFloodThresholds Table(double decay = 0.5, double minForecast = 5) => new(Default, decay, 3, minForecast, new Dictionary<string, FlashFloodDistrict> { ["640522"] = new(Exposed) });

    private static SignalLevel Level(HourlyWeather w, string? district = "640502") =>
        FlashFloodAssessor.Assess(Tables.Window(w) with { District = district }, Table())?.Level ?? SignalLevel.None;

    [Theory]
    [InlineData(6, 24.9, SignalLevel.None)]
    [InlineData(6, 25.0, SignalLevel.Blue)]
    [InlineData(6, 34.9, SignalLevel.Blue)]
    [InlineData(6, 35.0, SignalLevel.Yellow)]
    [InlineData(6, 49.9, SignalLevel.Yellow)]
    [InlineData(6, 50.0, SignalLevel.Orange)]
    [InlineData(3, 39.9, SignalLevel.Yellow)]
    [InlineData(3, 40.0, SignalLevel.Orange)]
    [InlineData(3, 59.9, SignalLevel.Orange)]
    [InlineData(3, 60.0, SignalLevel.Red)]
    public void ForecastRainAlone_AtEachEdge(int hours, double total, SignalLevel expected)
    {
        var w = Tables.Empty().Fill(WeatherVariables.Precipitation, -72, 73, 0).Fill(WeatherVariables.Precipitation, 1, 1 + hours, total / hours);

        Assert.Equal(expected, Level(w));
    }

    /// <summary>The exposed table's edges (15/25/35/50 mm in 3 h), on dry ground and after 16 mm yesterday (Pa = 0.5·16 = 8 mm).</summary>
    public static TheoryData<double, SignalLevel, double> ExposedEdges()
    {
        var data = new TheoryData<double, SignalLevel, double>();
        (double Total, SignalLevel Level)[] edges =
        [
            (14.9, SignalLevel.None), (15.0, SignalLevel.Blue), (24.9, SignalLevel.Blue), (25.0, SignalLevel.Yellow),
            (34.9, SignalLevel.Yellow), (35.0, SignalLevel.Orange), (49.9, SignalLevel.Orange), (50.0, SignalLevel.Red),
        ];
        foreach (var yesterday in new[] { 0.0, 16.0 })
        {
            foreach (var (total, level) in edges)
            {
                data.Add(total, level, yesterday);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExposedEdges))]
    public void ADistrictsOwnTable_AtEachEdge(double total, SignalLevel expected, double yesterdayMm)
    {
        // The next 3 h bring total − Pa (6.9 mm or more: never under minForecastMm).
        var pa = 0.5 * yesterdayMm;
        var w = Tables.Empty().Fill(WeatherVariables.Precipitation, -72, 73, 0).Fill(WeatherVariables.Precipitation, -23, 1, yesterdayMm / 24)
            .Fill(WeatherVariables.Precipitation, 1, 4, (total - pa) / 3);

        Assert.Equal(expected, Level(w, "640522"));
    }

    [Fact]
    public void AntecedentRain_ThirdDayCounts_WithKCubed_AndOnlyAsManyDaysAsConfigured()
    {
        // 10 mm a day for the last three days: k = 0.85 gives 8.5 + 7.225 + 6.14125 = 21.86625 mm; two days 15.725 mm.
        var w = Tables.Empty().Fill(WeatherVariables.Precipitation, -72, 73, 0).Fill(WeatherVariables.Precipitation, -71, 1, 10.0 / 24);
        var (now, _) = Tables.Window(w).Ahead(0);
        var rain = w[WeatherVariables.Precipitation];

        Assert.Equal(21.86625, FlashFloodAssessor.Antecedent(rain, now, 0.85, 3), 6);
        Assert.Equal(15.725, FlashFloodAssessor.Antecedent(rain, now, 0.85, 2), 6);
        Assert.Equal(30.0, FlashFloodAssessor.Antecedent(rain, now, 1.0, 3), 6);

        // The rain still to come is not antecedent: only the hours up to now count.
        Assert.Equal(21.86625, FlashFloodAssessor.Antecedent(w.Fill(WeatherVariables.Precipitation, 1, 7, 5.0)[WeatherVariables.Precipitation], now, 0.85, 3), 6);
    }

    [Fact]
    public void AntecedentRain_DecaysByDay_AndAddsToTheForecast()
    {
        // 24 mm fell in the last 24 h and 24 mm the day before: Pa = 0.5·24 + 0.25·24 = 18 mm.
        var w = Tables.Empty().Fill(WeatherVariables.Precipitation, -72, 73, 0)
            .Fill(WeatherVariables.Precipitation, -23, 1, 1.0).Fill(WeatherVariables.Precipitation, -47, -23, 1.0);
        var (now, _) = Tables.Window(w).Ahead(0);
        Assert.Equal(18.0, FlashFloodAssessor.Antecedent(w[WeatherVariables.Precipitation], now, 0.5, 3), 6);
        Assert.Equal(0.0, FlashFloodAssessor.Antecedent(w[WeatherVariables.Precipitation], now, 0.5, 0), 6);

        Assert.Equal(SignalLevel.None, Level(w));                                                     // 18 < 25
        Assert.Equal(SignalLevel.Blue, Level(w.Fill(WeatherVariables.Precipitation, 1, 7, 7.0 / 6)));    // 18 + 7 = 25
        var signal = FlashFloodAssessor.Assess(Tables.Window(w) with { District = "640502" }, Table())!;
        Assert.Equal(25.0, signal.Value, 6);
        Assert.Contains("effective antecedent rain 18.0 mm", signal.Basis, StringComparison.Ordinal);
        Assert.Equal((Tables.Now, Tables.Now.AddHours(6)), (signal.From, signal.To));
    }

    [Fact]
    public void WetGround_WithoutRainComing_RaisesNothing()
    {
        // 48 mm in the last day (Pa 24 with k 0.5) reaches blue's 25 mm only with rain forecast: 4.9 mm is under the minimum 5.
        var w = Tables.Empty().Fill(WeatherVariables.Precipitation, -72, 73, 0).Fill(WeatherVariables.Precipitation, -23, 1, 2.0);
        Assert.Equal(SignalLevel.None, Level(w.Fill(WeatherVariables.Precipitation, 1, 7, 4.9 / 6)));
        Assert.Equal(SignalLevel.Blue, Level(w.Fill(WeatherVariables.Precipitation, 1, 7, 5.0 / 6)));
    }

    [Fact]
    public void ADistrictsOwnTable_IsUsedForIt_TheDefaultForTheOthers()
    {
        var w = Tables.Empty().Fill(WeatherVariables.Precipitation, -72, 73, 0).Fill(WeatherVariables.Precipitation, 1, 4, 5.0);   // 15 mm in 3 h

        Assert.Equal(SignalLevel.Blue, Level(w, "640522"));
        Assert.Equal(SignalLevel.None, Level(w, "640502"));
        Assert.Equal(SignalLevel.None, Level(w, null));
        Assert.Contains("640522's table", FlashFloodAssessor.Assess(Tables.Window(w) with { District = "640522" }, Table())!.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void NoRainData_NoSignal()
    {
        Assert.Equal(SignalLevel.None, Level(Tables.Empty()));
    }

    [Theory]
    [InlineData(1.0, true)]
    [InlineData(0.01, true)]
    [InlineData(1.01, false)]
    [InlineData(-0.5, false)]
    [InlineData(double.NaN, false)]
    public void Validation_DecayIsInZeroToOne(double decay, bool valid)
    {
        var problems = Table(decay).Validate("flash-flood").ToList();

        Assert.Equal(valid, problems.Count == 0);
        Assert.True(valid || problems.Single().StartsWith("flash-flood.antecedentDecay = ", StringComparison.Ordinal), string.Join("; ", problems));
    }

    [Fact]
    public void Validation_ADistrictWithoutLevels_OrWithAMilderHigherLevelInTheDefault_IsRefused()
    {
        var milder = new LevelTable<RainstormLevel> { Orange = new([new(6, 40)]), Red = new([new(6, 35), new(3, 60)]) };
        var problems = new FlashFloodThresholds(milder, 0.85, 3, 5, new Dictionary<string, FlashFloodDistrict> { ["640521"] = new(null!) })
            .Validate("flash-flood").ToList();

        Assert.Contains("flash-flood.districts.640521.levels is missing", problems);
        Assert.Contains(problems, p => p.StartsWith("flash-flood.levels.red.anyOf[0] = 35 mm in 6 h is milder than orange", StringComparison.Ordinal));
    }

    [Fact]
    public void Validation_NamesTheFieldForBadDecayDaysAndLevelsOutOfOrder()
    {
        var reversed = new LevelTable<RainstormLevel> { Blue = new([new(3, 30)]), Yellow = new([new(3, 20)]) };
        var problems = new FlashFloodThresholds(Default, 0, 4, -1, new Dictionary<string, FlashFloodDistrict> { ["640522"] = new(reversed) })
            .Validate("flash-flood").ToList();

        Assert.Contains(problems, p => p.StartsWith("flash-flood.antecedentDecay = 0 ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("flash-flood.antecedentDays = 4 ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("flash-flood.minForecastMm = -1 ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("flash-flood.districts.640522.levels.yellow.anyOf[0] = 20 mm in 3 h is milder than blue", StringComparison.Ordinal));
        Assert.Empty(Table().Validate("flash-flood"));
        Assert.Equal(["640522"], ((IDistrictScoped)Table()).Districts);
    }

    [Fact]
    public void TypeCode_IsNoOtherHazards_AndNotOneOfCmas()
    {
        var codes = BuiltInHazards.All.Select(h => h.Code).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("91", new FlashFloodHazard().Code);
        Assert.False(int.Parse(new FlashFloodHazard().Code, System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 14);
        var ex = Assert.Throws<ArgumentException>(() => new HazardRegistry([.. BuiltInHazards.All, new SameCode()]));
        Assert.StartsWith("hazard 'flash-flood-copy' has type code 91, which 'flash-flood' already has", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>A second hazard taking flash-flood's code: its warnings' identifiers would collide.</summary>
    private sealed class SameCode : HazardDefinition<FlashFloodThresholds>
    {
        public override string Slug => "flash-flood-copy";

        public override string Code => "91";

        public override string NameZh => "副本";

        public override string NameEn => "copy";

        public override IReadOnlyList<SignalLevel> Levels { get; } = [SignalLevel.Blue];

        public override string Unit => "mm";

        public override string CauseZh(double value) => string.Empty;

        public override string CauseEn(double value) => string.Empty;

        public override HazardSignal? Assess(AssessmentWindow window, FlashFloodThresholds thresholds) => null;
    }
}
