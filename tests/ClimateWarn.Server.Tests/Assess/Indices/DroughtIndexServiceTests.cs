using ClimateWarn.Server.Configuration;
using ClimateWarn.Core.Indices;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Assess.Indices;
using ClimateWarn.Server.Store;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace ClimateWarn.Server.Tests.Assess.Indices;

public sealed class DroughtIndexServiceTests
{
    private static readonly IndicesConfig Config = IndicesConfig.Load(Repo.Config);
    private readonly SqliteTimeSeriesStore _store = new(Path.Combine(Repo.TempDirectory(), "ts.db"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2021, 6, 30, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Generated daily history (seeded, not observations): dry winters, wet summers, a dry spring in 2021.</summary>
    private async Task<(List<DateOnly> Days, List<double> Rain)> SeedHistoryAsync()
    {
        var random = new Random(53705);
        var days = new List<DateOnly>();
        var rain = new List<double>();
        var points = new List<TimeSeriesPoint>();
        for (var d = new DateOnly(1985, 1, 1); d <= new DateOnly(2021, 6, 30); d = d.AddDays(1))
        {
            var wetChance = d.Month is >= 6 and <= 9 ? 0.25 : 0.06;
            var amount = d.Year == 2021 ? 0 : random.NextDouble() < wetChance ? Math.Round(-Math.Log(1 - random.NextDouble()) * 6, 1) : 0;
            var tmin = -10 + (20 * Math.Sin(Math.PI * (d.DayOfYear - 80) / 365.0)) + random.NextDouble();
            days.Add(d);
            rain.Add(amount);
            points.Add(new TimeSeriesPoint(Measurements.ObservationDaily, new Dictionary<string, string> { ["place"] = "station:53705", ["source"] = "generated" },
                new Dictionary<string, double> { ["precipitation_sum"] = amount, ["temperature_2m_min"] = tmin, ["temperature_2m_max"] = tmin + 13 },
                new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8))));
        }

        await _store.WriteAsync(points, CancellationToken.None);
        return (days, rain);
    }

    [Fact]
    public async Task Compute_LongHistory_MatchesTheCoreIndicesAndStoresThem()
    {
        var (days, rain) = await SeedHistoryAsync();
        var service = new DroughtIndexService(_store, TestPlaces.Catalog, Config, new PipelineClock(_clock));

        var zhongning = (await service.ComputeAsync(CancellationToken.None)).Single(d => d.District == "640521");

        Assert.Equal("ok", zhongning.Status);
        Assert.Equal(new DateOnly(2021, 6, 30), zhongning.Day);
        var spi90 = Spi.Compute(days, rain, 90, Config.Calibration)[^1];
        Assert.Equal(spi90, zhongning.Values.Single(v => v.Index == "spi90").Value, 9);
        Assert.True(spi90 < -1.5, $"a rainless half-year should be a severe drought by SPI90, got {spi90}");
        Assert.Equal(DroughtClasses.OfIndex(spi90), zhongning.Values.Single(v => v.Index == "spi90").Class);
        Assert.True(double.IsFinite(zhongning.Values.Single(v => v.Index == "mci").Value));
        var stored = await _store.CountValuesAsync("index", "climatewarn", ["640521"], new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero), _clock.GetUtcNow(), CancellationToken.None);
        Assert.True(stored >= Config.StoreDays * 5, $"{stored} index values stored");
    }

    [Fact]
    public async Task Compute_NoHistory_SaysSoAndNeverReadsItAsNoDrought()
    {
        var service = new DroughtIndexService(_store, TestPlaces.Catalog, Config, new PipelineClock(_clock));

        var all = await service.ComputeAsync(CancellationToken.None);

        Assert.All(all, d => Assert.StartsWith("no daily precipitation for station:", d.Status, StringComparison.Ordinal));
        Assert.All(all, d => Assert.Empty(d.Values));
    }

    [Fact]
    public async Task Compute_ShortHistory_IsUnknownWithAReason()
    {
        var points = Enumerable.Range(0, 120).Select(i => new TimeSeriesPoint(Measurements.ObservationDaily,
            new Dictionary<string, string> { ["place"] = "station:53705", ["source"] = "generated" },
            new Dictionary<string, double> { ["precipitation_sum"] = i % 7 == 0 ? 2 : 0 },
            new DateTimeOffset(new DateOnly(2021, 3, 1).AddDays(i).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)))).ToList();
        await _store.WriteAsync(points, CancellationToken.None);
        var service = new DroughtIndexService(_store, TestPlaces.Catalog, Config, new PipelineClock(_clock));

        var zhongning = (await service.ComputeAsync(CancellationToken.None)).Single(d => d.District == "640521");

        Assert.StartsWith("insufficient history: 120 days", zhongning.Status, StringComparison.Ordinal);
        Assert.Equal(DroughtClass.Unknown, zhongning.Values.Single(v => v.Index == "spi90").Class);
    }
}
