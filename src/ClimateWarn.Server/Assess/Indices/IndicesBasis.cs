using ClimateWarn.Core.TimeSeries;

namespace ClimateWarn.Server.Assess.Indices;

/// <summary>
/// What data a district's indices rest on, in words (zh, en) and in days of precipitation: the station's imported history
/// or the ERA5 reanalysis (Open-Meteo archive), over the last 150 days (the longest index window) and, where it differs,
/// the calibration period. The reanalysis is named as such wherever it is used (DOMAIN §6).
/// </summary>
public sealed record IndicesBasis(string En, string Zh, int StationDays, int ReanalysisDays)
{
    public const string ReanalysisEn = "ERA5 reanalysis (Open-Meteo archive)";
    public const string ReanalysisZh = "ERA5再分析资料（Open-Meteo历史存档）";
    private const int RecentDays = 150;

    public static IndicesBasis None { get; } = new("no data", "无资料", 0, 0);

    public bool UsesReanalysis => ReanalysisDays > 0;

    /// <param name="stationRain">Days whose precipitation came from the station.</param>
    /// <param name="withRain">Days with precipitation from either.</param>
    public static async Task<IndicesBasis> DescribeAsync(ITimeSeriesStore store, string stationId, string stationPlace, IReadOnlySet<DateOnly> stationRain,
        IReadOnlyList<DateOnly> withRain, DateOnly last, IndicesConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(stationRain);
        ArgumentNullException.ThrowIfNull(withRain);
        ArgumentNullException.ThrowIfNull(config);
        var recentFrom = last.AddDays(1 - RecentDays);
        var (recentStation, recentReanalysis) = Split(withRain.Where(d => d >= recentFrom), stationRain);
        var (calibrationStation, calibrationReanalysis) = Split(withRain.Where(d => d >= config.CalibrationFrom && d <= config.CalibrationTo), stationRain);
        var format = recentStation > 0 ? await StationFormatAsync(store, stationPlace, recentFrom, last, cancellationToken) : null;
        var stationEn = $"station {stationId}" + (format is null ? "" : $" ({format})");
        var stationZh = $"{stationId}站" + (format is null ? "" : $"（{format}）");
        string LabelEn(int s, int r) => r == 0 ? stationEn : s == 0 ? ReanalysisEn : $"{stationEn} for {s} days, {ReanalysisEn} for {r} days";
        string LabelZh(int s, int r) => r == 0 ? stationZh : s == 0 ? ReanalysisZh : $"{stationZh}{s}天，{ReanalysisZh}{r}天";
        var en = LabelEn(recentStation, recentReanalysis);
        var zh = LabelZh(recentStation, recentReanalysis);
        var calibrationEn = LabelEn(calibrationStation, calibrationReanalysis);
        if (calibrationStation + calibrationReanalysis > 0 && calibrationEn != en)
        {
            en += $"; calibration {config.CalibrationFrom.Year}–{config.CalibrationTo.Year}: {calibrationEn}";
            zh += $"；{config.CalibrationFrom.Year}–{config.CalibrationTo.Year}年标定期：{LabelZh(calibrationStation, calibrationReanalysis)}";
        }

        var station = withRain.Count(stationRain.Contains);
        return new IndicesBasis(en, zh, station, withRain.Count - station);
    }

    private static (int Station, int Reanalysis) Split(IEnumerable<DateOnly> days, IReadOnlySet<DateOnly> stationRain)
    {
        var all = days.ToList();
        var station = all.Count(stationRain.Contains);
        return (station, all.Count - station);
    }

    /// <summary>Which importer the station's recent days came from (the source tags the GSOD and CMA parsers write), if one of them.</summary>
    private static async Task<string?> StationFormatAsync(ITimeSeriesStore store, string place, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        (string Tag, string Label)[] formats = [("gsod", "GSOD"), ("cma-daily", "CMA daily")];
        string? best = null;
        long most = 0;
        foreach (var (tag, label) in formats)
        {
            var count = await store.CountValuesAsync(Measurements.ObservationDaily, tag, [place],
                new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(-8), new DateTimeOffset(to.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero), cancellationToken);
            if (count > most)
            {
                (best, most) = (label, count);
            }
        }

        return best;
    }
}
