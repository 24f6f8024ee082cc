using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Hazards.Frost;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Tests.Hazards;

public sealed class FrostAssessorTests
{
    [Theory]
    [InlineData(0.0, SignalLevel.None)]
    [InlineData(-0.1, SignalLevel.Blue)]
    [InlineData(-3.0, SignalLevel.Blue)]
    [InlineData(-3.1, SignalLevel.Yellow)]
    [InlineData(-5.0, SignalLevel.Yellow)]
    [InlineData(-5.1, SignalLevel.Orange)]
    [InlineData(-25.0, SignalLevel.Orange)] // frost has no red level
    public void Assess_GroundMinimumAtEdge_GivesLevel(double groundMin, SignalLevel expected)
    {
        var w = Tables.Empty().Fill(WeatherVariables.SoilTemperature0cm, -72, 73, 8).Fill(WeatherVariables.SoilTemperature0cm, 10, 12, groundMin);

        var signal = FrostAssessor.Assess(Tables.Window(w), Tables.Frost());

        Assert.Equal(expected, signal?.Level ?? SignalLevel.None);
    }

    [Theory]
    [InlineData(23, SignalLevel.Yellow)]
    [InlineData(24, SignalLevel.Blue)]   // yellow looks 24 h ahead, blue 48 h
    [InlineData(47, SignalLevel.Blue)]
    [InlineData(48, SignalLevel.None)]
    [InlineData(-1, SignalLevel.None)]   // past frost is not a warning
    public void Assess_FrostHour_CountsOnlyInsideTheLevelWindow(int hour, SignalLevel expected)
    {
        var w = Tables.Empty().Fill(WeatherVariables.SoilTemperature0cm, hour, hour + 1, -4);

        Assert.Equal(expected, FrostAssessor.Assess(Tables.Window(w), Tables.Frost())?.Level ?? SignalLevel.None);
    }

    [Theory]
    [InlineData(1.9, SignalLevel.Blue)]  // 1.9 + (-2.0) = -0.1 °C on the ground
    [InlineData(2.0, SignalLevel.None)]  // exactly 0 °C: not below
    [InlineData(-3.1, SignalLevel.Orange)]
    public void Assess_OnlyAirTemperature_EstimatesGroundWithConfiguredOffset(double airMin, SignalLevel expected)
    {
        var w = Tables.Empty().Fill(WeatherVariables.Temperature2m, 5, 6, airMin);

        Assert.Equal(expected, FrostAssessor.Assess(Tables.Window(w), Tables.Frost())?.Level ?? SignalLevel.None);
    }

    [Fact]
    public void Assess_SoilTemperatureMissing_FallsBackToAirForThatHourOnly()
    {
        var w = Tables.Empty().Fill(WeatherVariables.SoilTemperature0cm, 0, 5, 6).Fill(WeatherVariables.Temperature2m, 5, 6, -1.5);

        var signal = FrostAssessor.Assess(Tables.Window(w), Tables.Frost());

        Assert.Equal(SignalLevel.Yellow, signal?.Level);
        Assert.Equal(-3.5, signal!.Value, 6);
        Assert.Contains("中霜冻", signal.Basis, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2021-01-20", SignalLevel.None)]   // midwinter cold is not a frost warning
    [InlineData("2021-03-14", SignalLevel.None)]
    [InlineData("2021-03-15", SignalLevel.Orange)]
    [InlineData("2021-05-31", SignalLevel.Orange)]
    [InlineData("2021-06-01", SignalLevel.None)]
    [InlineData("2021-10-31", SignalLevel.Orange)]
    public void Assess_OutsideGrowingSeason_RaisesNothing(string localDate, SignalLevel expected)
    {
        var now = new DateTimeOffset(DateTime.Parse(localDate, System.Globalization.CultureInfo.InvariantCulture).AddHours(3), TimeSpan.FromHours(8));
        var w = Tables.Empty(now).Fill(WeatherVariables.SoilTemperature0cm, 0, 2, -8, now);

        Assert.Equal(expected, FrostAssessor.Assess(Tables.Window(w, now), Tables.Frost())?.Level ?? SignalLevel.None);
    }

    [Fact]
    public void Assess_Signal_CoversTheFrostHours()
    {
        var w = Tables.Empty().Fill(WeatherVariables.SoilTemperature0cm, 20, 26, -1);

        var signal = FrostAssessor.Assess(Tables.Window(w), Tables.Frost())!;

        Assert.Equal(Tables.Now.AddHours(20), signal.From);
        Assert.Equal(Tables.Now.AddHours(26), signal.To);
    }

    [Theory]
    [InlineData("11-15", "02-15", "2021-01-10", true)] // a season may wrap the new year
    [InlineData("11-15", "02-15", "2021-03-10", false)]
    public void Season_WrapsYearEnd(string from, string to, string date, bool inside) =>
        Assert.Equal(inside, new FrostSeason("x", from, to).Contains(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
}
