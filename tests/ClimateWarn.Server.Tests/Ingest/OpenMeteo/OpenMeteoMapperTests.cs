using System.Text.Json;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Core.Weather;
using ClimateWarn.Server.Ingest;
using ClimateWarn.Server.Ingest.OpenMeteo;
using ClimateWarn.Server.Tests.Support;

namespace ClimateWarn.Server.Tests.Ingest.OpenMeteo;

public sealed class OpenMeteoMapperTests
{
    // The recorded forecast is in Europe/Amsterdam (UTC+2): its first hour, 2026-10-03T00:00, is 22:00 UTC the day before.
    private static readonly DateTimeOffset FirstHour = new(2026, 10, 2, 22, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = FirstHour.AddMinutes(30);

    private static SourceBatch Map(string fixture, int cells = 1)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Repo.Fixture("open-meteo/" + fixture)));
        var district = TestPlaces.Zhongning;
        return OpenMeteoMapper.Map(doc.RootElement, [.. district.Cells.Take(cells)], Now);
    }

    [Fact]
    public void Map_RecordedForecast_ConvertsTimesUnitsAndNames()
    {
        var batch = Map("frenck_forecast.json");

        var hourly = batch.Points.Where(p => p.Measurement != OpenMeteoMapper.DailyMeasurement).ToList();
        Assert.Equal([FirstHour, FirstHour.AddHours(1), FirstHour.AddHours(2)], hourly.Select(p => p.Timestamp));
        Assert.Equal([Measurements.Observation, Measurements.Forecast, Measurements.Forecast], hourly.Select(p => p.Measurement));
        var first = hourly[0].Fields;
        Assert.Equal(11.8, first[WeatherVariables.Temperature2m]);
        Assert.Equal(9.7, first[WeatherVariables.DewPoint2m]);             // from the older name dewpoint_2m
        Assert.Equal(2.5, first[WeatherVariables.WindSpeed10m], 6);        // 9.0 km/h
        Assert.Equal(14.8 / 3.6, first[WeatherVariables.WindGusts10m], 6);
        Assert.Equal(9.0, first[WeatherVariables.SoilTemperature0cm]);
        Assert.False(first.ContainsKey("cloudcover"));
        Assert.Equal("640521-seat", hourly[0].Tags[Tags.Place]);
        Assert.Equal(0, batch.NullsSkipped);
        Assert.Equal(0, batch.Rejected);
    }

    [Fact]
    public void Map_RecordedForecast_KeepsDailyMinimaMaximaAndSums()
    {
        var daily = Map("frenck_forecast.json").Points.Where(p => p.Measurement == OpenMeteoMapper.DailyMeasurement).ToList();

        Assert.Equal(3, daily.Count);
        Assert.Equal(FirstHour, daily[0].Timestamp);
        Assert.Equal(8.4, daily[0].Fields["temperature_2m_min"]);
        Assert.Equal(21.0, daily[0].Fields["temperature_2m_max"]);
        Assert.Equal(0.0, daily[0].Fields["precipitation_sum"]);
        Assert.Equal(9.0 / 3.6, daily[0].Fields["wind_speed_10m_max"], 6);
    }

    [Fact]
    public void Map_Nulls_AreSkippedAndCountedNeverStoredAsZero()
    {
        var batch = Map("derived_forecast_with_nulls.json");

        Assert.Equal(6, batch.NullsSkipped);
        Assert.DoesNotContain(batch.Points, p => p.Fields.ContainsKey(WeatherVariables.SoilTemperature0cm));
        Assert.False(batch.Points.Single(p => p.Timestamp == FirstHour.AddHours(1) && p.Measurement == Measurements.Forecast).Fields.ContainsKey(WeatherVariables.Temperature2m));
        Assert.False(batch.Points.Single(p => p.Timestamp == FirstHour.AddHours(2) && p.Measurement == Measurements.Forecast).Fields.ContainsKey(WeatherVariables.WindGusts10m));
        Assert.All(batch.Points, p => Assert.Null(p.Problem()));
    }

    [Fact]
    public void Map_AbsurdValue_IsRejectedWithReason()
    {
        var batch = Map("derived_forecast_absurd_value.json");

        Assert.Equal(1, batch.Rejected);
        Assert.Contains("temperature_2m[2] = 999", Assert.Single(batch.Problems), StringComparison.Ordinal);
        Assert.DoesNotContain(batch.Points, p => p.Fields.TryGetValue(WeatherVariables.Temperature2m, out var t) && t > 60);
    }

    [Fact]
    public void Map_ErrorBody_ThrowsPermanentErrorWithTheReason()
    {
        var ex = Assert.Throws<SourceException>(() => Map("constructed_error_400.json"));

        Assert.False(ex.Transient);
        Assert.Contains("Cannot initialize WeatherVariable", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_FewerLocationsThanCells_IsRejected()
    {
        var ex = Assert.Throws<SourceException>(() => Map("frenck_forecast.json", cells: 2));

        Assert.Contains("1 locations for 2 requested points", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_ArrayOfLocations_MapsEachToItsCell()
    {
        var one = File.ReadAllText(Repo.Fixture("open-meteo/frenck_forecast.json"));
        using var doc = JsonDocument.Parse($"[{one},{one}]");
        var cells = TestPlaces.Zhongning.Cells.Take(2).ToList();

        var batch = OpenMeteoMapper.Map(doc.RootElement, cells, Now);

        Assert.Equal(cells.Select(c => c.Id), batch.Points.Select(p => p.Tags[Tags.Place]).Distinct());
    }

    [Fact]
    public void Map_RecordedArchive_ReadsTheNewVariableNames()
    {
        var batch = Map("frenck_historical_weather_archive.json");

        var first = batch.Points.First(p => p.Measurement == Measurements.Observation);
        Assert.Equal(23.2 / 3.6, first.Fields[WeatherVariables.WindSpeed10m], 6);
        Assert.Equal(5.8, first.Fields[WeatherVariables.Temperature2m]);
    }

    [Theory]
    [InlineData("""{"utc_offset_seconds":0,"hourly":{"time":["2026-01-01T00:00"],"temperature_2m":[1,2]}}""", "not an array of 1 values")]
    [InlineData("""{"utc_offset_seconds":0,"hourly":{"time":["yesterday"],"temperature_2m":[1]}}""", "not ISO-8601")]
    [InlineData("""{"hourly":{"time":[],"temperature_2m":[]}}""", "utc_offset_seconds")]
    [InlineData("""{"utc_offset_seconds":0,"hourly":{"time":["2026-01-01T00:00"],"wind_speed_10m":[3]},"hourly_units":{"wind_speed_10m":"furlong/fortnight"}}""", "cannot convert")]
    [InlineData("\"just a string\"", "expected a JSON object or array")]
    [InlineData("""{"utc_offset_seconds":0,"hourly":{"time":["2026-01-01T00:00"],"snowfall":[1]},"hourly_units":{"snowfall":"mm"}}""", "snowfall comes in unit 'mm'")]
    public void Map_MalformedPayload_IsRejectedWithReason(string json, string reason)
    {
        using var doc = JsonDocument.Parse(json);

        var ex = Assert.Throws<SourceException>(() => OpenMeteoMapper.Map(doc.RootElement, [TestPlaces.Zhongning.SeatCell], Now));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_StringInsteadOfNumber_IsRejectedNotThrown()
    {
        using var doc = JsonDocument.Parse("""{"utc_offset_seconds":0,"hourly":{"time":["2026-01-01T00:00"],"temperature_2m":["warm"]}}""");

        var batch = OpenMeteoMapper.Map(doc.RootElement, [TestPlaces.Zhongning.SeatCell], Now);

        Assert.Equal(1, batch.Rejected);
        Assert.Empty(batch.Points);
    }

    /// <summary>Constructed in the documented shape (no recorded response with these variables is at hand).</summary>
    private const string SnowAndHumidity = """
        {"utc_offset_seconds":28800,
         "hourly_units":{"time":"iso8601","snowfall":"cm","relative_humidity_2m":"%","visibility":"m"},
         "hourly":{"time":["2026-01-01T08:00","2026-01-01T09:00","2026-01-01T10:00"],
                   "snowfall":[0.7,1.4,120],"relative_humidity_2m":[95,100,130],"visibility":[24140,350,null]}}
        """;

    [Fact]
    public void Map_SnowfallAndHumidity_KeptInCmAndPercent_AbsurdOnesRejected()
    {
        using var doc = JsonDocument.Parse(SnowAndHumidity);

        var batch = OpenMeteoMapper.Map(doc.RootElement, [TestPlaces.Zhongning.SeatCell], Now);

        var first = batch.Points[0].Fields;
        Assert.Equal((0.7, 95.0, 24140.0), (first[WeatherVariables.Snowfall], first[WeatherVariables.RelativeHumidity2m], first[WeatherVariables.Visibility]));
        Assert.Equal(1.4, batch.Points[1].Fields[WeatherVariables.Snowfall]);
        Assert.Equal(2, batch.Rejected);
        Assert.Contains(batch.Problems, p => p.Contains("snowfall[2] = 120 is not physically plausible", StringComparison.Ordinal));
        Assert.Contains(batch.Problems, p => p.Contains("relative_humidity_2m[2] = 130 is not physically plausible", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_SnowfallInInches_IsConvertedToCmNotMm()
    {
        using var doc = JsonDocument.Parse("""{"utc_offset_seconds":0,"hourly":{"time":["2026-01-01T00:00"],"snowfall":[1]},"hourly_units":{"snowfall":"inch"}}""");

        var batch = OpenMeteoMapper.Map(doc.RootElement, [TestPlaces.Zhongning.SeatCell], Now);

        Assert.Equal(2.54, batch.Points.Single().Fields[WeatherVariables.Snowfall], 6);
    }

    [Fact]
    public void ForecastQuery_AsksForWhatTheNewRulesRead()
    {
        var asked = ForecastQuery.Hourly.Split(',');

        Assert.Contains(WeatherVariables.Snowfall, asked);
        Assert.Contains(WeatherVariables.RelativeHumidity2m, asked);
        Assert.Contains(WeatherVariables.Visibility, asked);
        Assert.All(asked, v => Assert.Contains(v, WeatherVariables.Hourly));
    }
}
