using System.Globalization;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Assess.Indices;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Ingest.Import;
using ClimateWarn.Server.Store;
using ClimateWarn.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace ClimateWarn.Server.Tests.Assess.Indices;

/// <summary>
/// Station history and the ERA5 archive side by side in the store: the station's days win, and the indices say what
/// they rest on. The archive days are GENERATED (<see cref="ConstructedArchive"/>); the station days are the REAL
/// Zhongning record of January–April 2021 (ISD-Lite, daily values derived from the 3-hourly reports).
/// </summary>
public sealed class DroughtBasisTests(ITestOutputHelper output)
{
    private static readonly IndicesConfig Config = IndicesConfig.Load(Repo.Config);
    private static readonly DateOnly LastDay = new(2021, 4, 20);
    private readonly SqliteTimeSeriesStore _store = new(Path.Combine(Repo.TempDirectory(), "ts.db"));

    /// <summary>40 generated years for Zhongning's seat, rainless from 1 February 2021: the archive alone calls it 重旱.</summary>
    internal static IEnumerable<TimeSeriesPoint> DryArchive(DateOnly last)
    {
        for (var d = last.AddYears(-40); d <= last; d = d.AddDays(1))
        {
            var g = ConstructedArchive.Generated(d);
            yield return new TimeSeriesPoint(Measurements.ObservationDaily, new Dictionary<string, string> { ["place"] = "era5:640521", ["source"] = "open-meteo-archive" },
                new Dictionary<string, double>
                {
                    ["precipitation_sum"] = d >= new DateOnly(2021, 2, 1) ? 0 : g.Rain!.Value,
                    ["temperature_2m_min"] = g.Tmin!.Value, ["temperature_2m_max"] = g.Tmax!.Value, ["et0_fao_evapotranspiration"] = g.Et0!.Value,
                },
                new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)));
        }
    }

    /// <summary>The real daily record of station 537050 (Zhongning), days with a precipitation report, as station:53705.</summary>
    private static IEnumerable<TimeSeriesPoint> RealStationRecord() =>
        File.ReadLines(Path.Combine(Repo.Root, "data", "stations", "isd-lite", "isdlite_2021_JanApr_daily_derived.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Where(c => c[0] == "537050" && c[7].Length > 0)
            .Select(c => new TimeSeriesPoint(Measurements.ObservationDaily, new Dictionary<string, string> { ["place"] = "station:53705", ["source"] = "isd-lite" },
                new Dictionary<string, double>
                {
                    ["precipitation_sum"] = double.Parse(c[7], CultureInfo.InvariantCulture),
                    ["temperature_2m_max"] = double.Parse(c[3], CultureInfo.InvariantCulture), ["temperature_2m_min"] = double.Parse(c[4], CultureInfo.InvariantCulture),
                },
                new DateTimeOffset(DateOnly.ParseExact(c[1], "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8))));

    private async Task<DistrictIndices> ZhongningAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2021, 4, 21, 9, 0, 0, TimeSpan.FromHours(8)));
        var service = new DroughtIndexService(_store, TestPlaces.Catalog, Config, new PipelineClock(clock));
        return (await service.ComputeAsync(CancellationToken.None)).Single(d => d.District == "640521");
    }

    private static double Mci(DistrictIndices d) => d.Values.Single(v => v.Index == "mci").Value;

    [Fact]
    public async Task ArchiveOnly_IsLabelledReanalysis()
    {
        await _store.WriteAsync(DryArchive(LastDay).ToList(), CancellationToken.None);

        var zhongning = await ZhongningAsync();

        Assert.Equal(("ok", LastDay), (zhongning.Status, zhongning.Day));
        Assert.Equal("ERA5 reanalysis (Open-Meteo archive)", zhongning.Basis.En);
        Assert.Equal("ERA5再分析资料（Open-Meteo历史存档）", zhongning.Basis.Zh);
        Assert.True(zhongning.Basis.UsesReanalysis);
        Assert.Equal(0, zhongning.Basis.StationDays);
        Assert.True(Mci(zhongning) <= -1.5, $"a rainless February–April should be 重旱 by the archive alone, MCI {Mci(zhongning):0.00}");
    }

    [Fact]
    public async Task RealStationRecord_ForTheSameDays_WinsOverTheArchive_AndTheBasisSaysSo()
    {
        await _store.WriteAsync(DryArchive(LastDay).ToList(), CancellationToken.None);
        var station = RealStationRecord().ToList();
        await _store.WriteAsync(station, CancellationToken.None);

        var zhongning = await ZhongningAsync();

        output.WriteLine($"real 2021 record on {zhongning.Day}: {string.Join(", ", zhongning.Values.Select(v => $"{v.Index} {v.Value:0.00} {v.Class}"))}; {zhongning.Basis.En}");
        // The real spring is not dry at its end: 39.7 mm fell between 30 March and 13 April, and Ka is 0 for January–March.
        Assert.True(Mci(zhongning) > -1.5, $"the station's wet April must win over the archive's rainless one, MCI {Mci(zhongning):0.00}");
        Assert.StartsWith($"station 53705 for {station.Count(p => p.Timestamp >= new DateTimeOffset(2020, 11, 22, 0, 0, 0, TimeSpan.FromHours(8)))} days, ERA5 reanalysis (Open-Meteo archive) for ",
            zhongning.Basis.En, StringComparison.Ordinal);
        Assert.Contains("; calibration 1991–2020: ERA5 reanalysis (Open-Meteo archive)", zhongning.Basis.En, StringComparison.Ordinal);
        Assert.Equal(station.Count, zhongning.Basis.StationDays);
    }

    [Fact]
    public async Task GsodImport_ForFiveDays_IsNamedWithItsFormat()
    {
        await _store.WriteAsync(DryArchive(LastDay).ToList(), CancellationToken.None);
        var path = Repo.Fixture("import/gsod_53705099999_2021_spring.csv");
        using (var reader = File.OpenText(path))
        {
            await _store.WriteAsync(new GsodParser().Parse(reader, path).Select(i => i.Point).OfType<TimeSeriesPoint>().ToList(), CancellationToken.None);
        }

        var zhongning = await ZhongningAsync();

        Assert.StartsWith("station 53705 (GSOD) for 5 days, ERA5 reanalysis (Open-Meteo archive) for 145 days", zhongning.Basis.En, StringComparison.Ordinal);
        Assert.StartsWith("53705站（GSOD）5天，ERA5再分析资料（Open-Meteo历史存档）145天", zhongning.Basis.Zh, StringComparison.Ordinal);
    }
}
