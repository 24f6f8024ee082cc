using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Storage;
using ClimateWarn.Server.Tests.Support;

namespace ClimateWarn.Server.Tests.Storage;

public sealed class SqliteTimeSeriesStoreTests
{
    private static readonly DateTimeOffset T0 = new(2021, 3, 20, 0, 0, 0, TimeSpan.Zero);
    private readonly SqliteTimeSeriesStore _store = new(Path.Combine(Repo.TempDirectory(), "ts.db"));

    private static TimeSeriesPoint Point(DateTimeOffset t, double value, string place = "640521-seat", string source = "test") =>
        new(Measurements.Observation, new Dictionary<string, string> { ["place"] = place, ["source"] = source }, new Dictionary<string, double> { ["temperature_2m"] = value }, t);

    private Task<IReadOnlyList<TimeSeriesValue>> ReadAsync(DateTimeOffset from, DateTimeOffset to, string place = "640521-seat") =>
        _store.ReadAsync(new TimeSeriesQuery(Measurements.Observation, [place], ["temperature_2m"], from, to), CancellationToken.None);

    [Fact]
    public async Task Write_ThenRead_RoundTrips()
    {
        await _store.WriteAsync([Point(T0, -3.6), Point(T0.AddHours(1), -2.5)], CancellationToken.None);

        var values = await ReadAsync(T0, T0.AddHours(2));

        Assert.Equal([(T0, -3.6), (T0.AddHours(1), -2.5)], values.Select(v => (v.Timestamp, v.Value)));
        Assert.All(values, v => Assert.Equal(TimeSpan.Zero, v.Timestamp.Offset));
    }

    [Fact]
    public async Task Write_SameSeriesAndTime_Overwrites()
    {
        await _store.WriteAsync([Point(T0, 1.0)], CancellationToken.None);
        await _store.WriteAsync([Point(T0, 2.0)], CancellationToken.None);

        Assert.Equal(2.0, Assert.Single(await ReadAsync(T0, T0.AddHours(1))).Value);
    }

    [Fact]
    public async Task Read_RangeIsHalfOpenAndTimeZonesAreInstants()
    {
        await _store.WriteAsync([Point(T0, 1), Point(T0.AddHours(1), 2), Point(T0.AddHours(2), 3)], CancellationToken.None);
        var beijing = TimeSpan.FromHours(8);

        var values = await ReadAsync(T0.ToOffset(beijing).AddHours(1), T0.ToOffset(beijing).AddHours(2));

        Assert.Equal(2, Assert.Single(values).Value);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public async Task Write_NonFiniteValue_IsRejectedAndNothingOfTheBatchIsWritten(double bad)
    {
        await _store.WriteAsync([Point(T0, 5)], CancellationToken.None);

        var ex = await Assert.ThrowsAsync<InvalidPointException>(() => _store.WriteAsync([Point(T0, 7), Point(T0.AddHours(1), bad)], CancellationToken.None));

        Assert.Contains("not a finite number", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, Assert.Single(await ReadAsync(T0, T0.AddDays(1))).Value);
    }

    [Fact]
    public async Task Write_EmptyBatch_WritesNothing()
    {
        Assert.Equal(0, await _store.WriteAsync([], CancellationToken.None));
    }

    [Fact]
    public async Task Read_OtherPlaceOrMeasurement_IsNotReturned()
    {
        await _store.WriteAsync([Point(T0, 1, place: "640522-seat")], CancellationToken.None);

        Assert.Empty(await ReadAsync(T0, T0.AddHours(1)));
        Assert.Single(await ReadAsync(T0, T0.AddHours(1), place: "640522-seat"));
    }

    [Fact]
    public async Task Store_SurvivesReopening()
    {
        var path = Path.Combine(Repo.TempDirectory(), "ts.db");
        await new SqliteTimeSeriesStore(path).WriteAsync([Point(T0, 3)], CancellationToken.None);

        var reopened = new SqliteTimeSeriesStore(path);

        Assert.Single(await reopened.ReadAsync(new TimeSeriesQuery(Measurements.Observation, ["640521-seat"], ["temperature_2m"], T0, T0.AddHours(1)), CancellationToken.None));
    }
}
