using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Store;
using ClimateWarn.Server.Tests.Support;

namespace ClimateWarn.Server.Tests.Store;

public sealed class SqliteStoreContractTests : TimeSeriesStoreContract
{
    private readonly SqliteTimeSeriesStore _store = new(Path.Combine(Repo.TempDirectory(), "ts.db"));

    protected override ITimeSeriesStore Store => _store;

    [Fact]
    public async Task Store_SurvivesReopening()
    {
        var path = Path.Combine(Repo.TempDirectory(), "ts.db");
        await new SqliteTimeSeriesStore(path).WriteAsync([Point(T0, 3)], CancellationToken.None);

        var reopened = new SqliteTimeSeriesStore(path);

        Assert.Single(await reopened.ReadAsync(new TimeSeriesQuery(Measurements.Observation, ["640521-seat"], ["temperature_2m"], T0, T0.AddHours(1)), CancellationToken.None));
    }
}

/// <summary>The same contract on a real influxd; each test gets its own database.</summary>
public sealed class InfluxStoreContractTests(InfluxServer server) : TimeSeriesStoreContract, IClassFixture<InfluxServer>, IAsyncLifetime
{
    private StoreHost _host = null!;

    protected override ITimeSeriesStore Store => _host.Store;

    public async Task InitializeAsync() => _host = await StoreHost.StartAsync(StoreHost.Influx(server));

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
