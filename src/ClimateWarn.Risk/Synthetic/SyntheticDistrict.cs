using ClimateWarn.Core.Indices;
using ClimateWarn.WeatherGen;

namespace ClimateWarn.Risk.Synthetic;

/// <summary>The drought-index settings the server reads from config/indices.json, so training and scoring agree.</summary>
public sealed record DroughtIndexSettings(MciWeights Weights, IReadOnlyList<double> Ka, int MinimumNonZeroSums);

/// <summary>
/// One district's SYNTHETIC series with its daily drought indices. SPI, SPIW and MCI are calibrated on the training
/// years only (before <c>testFrom</c>), so the held-out years never shape the index a training case sees.
/// </summary>
public sealed class SyntheticDistrict
{
    private readonly double[] _rain;

    public SyntheticDistrict(SyntheticSeries series, DateOnly testFrom, DroughtIndexSettings settings)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(settings);
        Series = series;
        var days = Enumerable.Range(0, series.Count).Select(series.Day).ToList();
        double[] rain = [.. series.PrecipitationMm];
        _rain = rain;
        var site = new PetSite(series.Climate.Latitude, 0);
        var pet = days.Select((d, i) => Pet.Hargreaves(new PetInputs(d, series.MinimumC[i], series.MaximumC[i]), site)).ToList();
        var calibration = new SpiCalibration(series.First, testFrom.AddDays(-1), settings.MinimumNonZeroSums);
        Spi30 = Spi.Compute(days, rain, 30, calibration);
        Spi90 = Spi.Compute(days, rain, 90, calibration);
        var spi150 = Spi.Compute(days, rain, 150, calibration);
        var spiw = Spiw.Compute(days, rain, calibration);
        Mi30 = Mi.Compute(days, rain, pet);
        Mci = ClimateWarn.Core.Indices.Mci.Compute(days, spiw, Mi30, Spi90, spi150, settings.Weights, settings.Ka);
    }

    public SyntheticSeries Series { get; }

    public IReadOnlyList<double> Mci { get; }

    public IReadOnlyList<double> Spi30 { get; }

    public IReadOnlyList<double> Spi90 { get; }

    public IReadOnlyList<double> Mi30 { get; }

    /// <summary>What is known at 00:00 of day <paramref name="issue"/>: the truth before it, the forecasts issued then.</summary>
    public IssueView View(int issue)
    {
        var s = Series;
        var from = Math.Max(0, issue - IssueView.WarmUpDays);
        var past = new ArraySegment<double>(_rain, from, issue - from);
        var drought = issue == 0 ? DroughtState.Unknown : new DroughtState(Mci[issue - 1], Spi30[issue - 1], Spi90[issue - 1], Mi30[issue - 1]);
        double[] F(Func<int, int, double> f) => [.. Enumerable.Range(0, SyntheticSeries.Leads).Select(l => f(issue, l))];
        return new IssueView(s.Climate.District, s.Day(issue), past, drought,
            F(s.ForecastPrecipitationMm), F(s.ForecastPeakHourlyMm), F(s.ForecastMaximumC), s.Climate.Catchment);
    }
}
