using ClimateWarn.Core.TimeSeries;

namespace ClimateWarn.Server.Tests.Store;

/// <summary>One contract, run against the embedded SQLite store and a real InfluxDB.</summary>
public abstract class TimeSeriesStoreContract
{
    protected static readonly DateTimeOffset T0 = new(2021, 3, 20, 0, 0, 0, TimeSpan.Zero);

    protected abstract ITimeSeriesStore Store { get; }

    protected static TimeSeriesPoint Point(DateTimeOffset t, double value, string place = "640521-seat", string source = "test", string measurement = Measurements.Observation) =>
        new(measurement, new Dictionary<string, string> { ["place"] = place, ["source"] = source }, new Dictionary<string, double> { ["temperature_2m"] = value }, t);

    private Task<IReadOnlyList<TimeSeriesValue>> ReadAsync(DateTimeOffset from, DateTimeOffset to, string place = "640521-seat", string measurement = Measurements.Observation) =>
        Store.ReadAsync(new TimeSeriesQuery(measurement, [place], ["temperature_2m"], from, to), CancellationToken.None);

    [Fact]
    public async Task Write_ThenRead_RoundTrips()
    {
        await Store.WriteAsync([Point(T0, -3.6), Point(T0.AddHours(1), -2.5), Point(T0.AddHours(2), 1e-7)], CancellationToken.None);

        var values = await ReadAsync(T0, T0.AddHours(3));

        Assert.Equal([(T0, -3.6), (T0.AddHours(1), -2.5), (T0.AddHours(2), 1e-7)], values.Select(v => (v.Timestamp, v.Value)));
        Assert.All(values, v => Assert.Equal("640521-seat", v.Place));
    }

    [Fact]
    public async Task DeleteBefore_RemovesOnlyThatMeasurementsOlderValues()
    {
        await Store.WriteAsync([Point(T0, 1, measurement: "ensemble"), Point(T0.AddDays(2), 2, measurement: "ensemble"), Point(T0, 3)], CancellationToken.None);

        await Store.DeleteBeforeAsync("ensemble", T0.AddDays(1), CancellationToken.None);

        Assert.Equal(2, Assert.Single(await ReadAsync(T0, T0.AddDays(3), measurement: "ensemble")).Value);
        // Another measurement at the same time stays.
        Assert.Equal(3, Assert.Single(await ReadAsync(T0, T0.AddHours(1))).Value);
    }

    [Fact]
    public async Task Write_SameSeriesAndTime_Overwrites()
    {
        await Store.WriteAsync([Point(T0, 1.0)], CancellationToken.None);
        await Store.WriteAsync([Point(T0, 2.0)], CancellationToken.None);

        Assert.Equal(2.0, Assert.Single(await ReadAsync(T0, T0.AddHours(1))).Value);
        Assert.Equal(1, await Store.CountValuesAsync(Measurements.Observation, "test", ["640521-seat"], T0, T0, CancellationToken.None));
    }

    [Fact]
    public async Task Read_RangeIsHalfOpenAndTimeZonesAreInstants()
    {
        await Store.WriteAsync([Point(T0, 1), Point(T0.AddHours(1), 2), Point(T0.AddHours(2), 3)], CancellationToken.None);
        var beijing = TimeSpan.FromHours(8);

        var values = await ReadAsync(T0.ToOffset(beijing).AddHours(1), T0.ToOffset(beijing).AddHours(2));

        Assert.Equal(2, Assert.Single(values).Value);
        Assert.Equal(TimeSpan.Zero, values[0].Timestamp.Offset);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public async Task Write_NonFiniteValue_IsRejectedAndNothingOfTheBatchIsWritten(double bad)
    {
        await Store.WriteAsync([Point(T0, 5)], CancellationToken.None);

        var ex = await Assert.ThrowsAsync<InvalidPointException>(() => Store.WriteAsync([Point(T0, 7), Point(T0.AddHours(1), bad)], CancellationToken.None));

        Assert.Contains("not a finite number", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, Assert.Single(await ReadAsync(T0, T0.AddDays(1))).Value);
    }

    [Fact]
    public async Task Write_EmptyBatch_WritesNothing()
    {
        Assert.Equal(0, await Store.WriteAsync([], CancellationToken.None));
    }

    [Fact]
    public async Task Read_OtherPlaceOrMeasurement_IsNotReturned()
    {
        // Forecast runs are kept 90 days in InfluxDB, so the forecast point is recent.
        var recent = new DateTimeOffset(TimeProvider.System.GetUtcNow().AddDays(-1).Date, TimeSpan.Zero);
        await Store.WriteAsync([Point(T0, 1, place: "640522-seat"), Point(T0, 9, measurement: Measurements.Forecast), Point(recent, 8, measurement: Measurements.Forecast)], CancellationToken.None);

        Assert.Empty(await ReadAsync(T0, T0.AddHours(1)));
        Assert.Single(await ReadAsync(T0, T0.AddHours(1), place: "640522-seat"));
        Assert.Equal(8, Assert.Single(await ReadAsync(recent, recent.AddHours(1), measurement: Measurements.Forecast)).Value);
    }

    [Fact]
    public async Task Write_100000Points_AreAllThere()
    {
        var points = Enumerable.Range(0, 100_000).Select(i => Point(T0.AddMinutes(i), i % 50, place: $"p{i % 20}", source: "bulk")).ToList();

        await Store.WriteAsync(points, CancellationToken.None);

        Assert.Equal(100_000, await Store.CountValuesAsync(Measurements.Observation, "bulk", [], T0, T0.AddMinutes(100_000), CancellationToken.None));
        Assert.Equal(5_000, (await Store.ReadAsync(new TimeSeriesQuery(Measurements.Observation, ["p7"], ["temperature_2m"], T0, T0.AddMinutes(100_000)), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Write_TagsAndNamesNeedingEscapes_RoundTrip()
    {
        var odd = new TimeSeriesPoint(Measurements.Observation, new Dictionary<string, string> { ["place"] = "a place, with=odd chars", ["source"] = "test" },
            new Dictionary<string, double> { ["temperature_2m"] = 4.5 }, T0);

        await Store.WriteAsync([odd], CancellationToken.None);

        Assert.Equal(4.5, Assert.Single(await ReadAsync(T0, T0.AddHours(1), place: "a place, with=odd chars")).Value);
    }
}
