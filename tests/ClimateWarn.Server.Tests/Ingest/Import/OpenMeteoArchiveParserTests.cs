using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Ingest.Import;

namespace ClimateWarn.Server.Tests.Ingest.Import;

public sealed class OpenMeteoArchiveParserTests
{
    private const string Recorded = "frenck_historical_weather_archive.json";

    private static readonly GridCell Cell = new("640521-seat", "640521", new GeoPoint(105.6758, 37.4897), true);

    // The recorded archive is in Europe/Amsterdam at UTC+2: its first hour, 1953-01-31T00:00, is 22:00 UTC the day before.
    private static readonly DateTimeOffset FirstHour = new(1953, 1, 30, 22, 0, 0, TimeSpan.Zero);

    private static List<ImportItem> ParseText(string json) => [.. new OpenMeteoArchiveParser(Cell).Parse(new StringReader(json), "archive.json")];

    private static List<ImportItem> ParseRecorded()
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Fixtures", "open-meteo", Recorded));
        return [.. new OpenMeteoArchiveParser(Cell).Parse(reader, Recorded)];
    }

    [Fact]
    public void Parse_RecordedArchive_HoursAreObservationsInSiUnits()
    {
        var items = ParseRecorded();

        Assert.All(items, i => Assert.Null(i.Problem));
        var hourly = items.Select(i => i.Point!).Where(p => p.Measurement == Measurements.Observation).ToList();
        Assert.Equal([FirstHour, FirstHour.AddHours(1), FirstHour.AddHours(2)], hourly.Select(p => p.Timestamp));
        Assert.Equal(23.2 / 3.6, hourly[0].Fields[WeatherVariables.WindSpeed10m], 6);   // km/h in the recording
        Assert.Equal(5.8, hourly[0].Fields[WeatherVariables.Temperature2m]);
        Assert.False(hourly[0].Fields.ContainsKey("soil_moisture_index_0_to_7cm"));
        Assert.Equal("640521-seat", hourly[0].Tags[Tags.Place]);
    }

    [Fact]
    public void Parse_RecordedArchive_DaysArePastDailyValuesNotForecasts()
    {
        var daily = ParseRecorded().Select(i => i.Point!).Where(p => p.Measurement == "observation_daily").ToList();

        Assert.Equal([FirstHour, FirstHour.AddDays(1)], daily.Select(p => p.Timestamp));
        Assert.Equal(89.6 / 3.6, daily[0].Fields["wind_gusts_10m_max"], 6);
        Assert.Equal(11.9, daily[0].Fields["precipitation_sum"]);
        Assert.Equal(5, ParseRecorded().Count);
    }

    [Fact]
    public void Parse_ErrorDocument_YieldsOneProblemNamingTheReason()
    {
        var problem = Assert.Single(ParseText("{\"error\":true,\"reason\":\"x\"}")).Problem!;

        Assert.Equal(("archive.json", 0), (problem.File, problem.Line));
        Assert.EndsWith("the API answered with an error: x", problem.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"latitude\": 1,\n  \"hourly\": ", 2, "not JSON")]
    [InlineData("[1, 2]", 0, "2 locations for 1 requested points")]
    [InlineData("{\"hourly\": {\"time\": []}}", 0, "lacks utc_offset_seconds")]
    public void Parse_BrokenDocument_YieldsOneProblem(string json, int line, string reason)
    {
        var problem = Assert.Single(ParseText(json)).Problem!;

        Assert.Equal(line, problem.Line);
        Assert.Contains(reason, problem.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AbsurdValue_IsReportedAndTheOthersKept()
    {
        var items = ParseText("""
            {"utc_offset_seconds": 28800, "hourly_units": {"temperature_2m": "°C"},
             "hourly": {"time": ["2021-03-21T05:00", "2021-03-21T06:00"], "temperature_2m": [-3.6, 999.0]}}
            """);

        var point = Assert.Single(items, i => i.Point is not null).Point!;
        Assert.Equal(-3.6, point.Fields[WeatherVariables.Temperature2m]);
        Assert.Contains("not physically plausible", Assert.Single(items, i => i.Problem is not null).Problem!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_IsOpenMeteoArchive() => Assert.Equal("open-meteo-archive", new OpenMeteoArchiveParser(Cell).Format);
}
