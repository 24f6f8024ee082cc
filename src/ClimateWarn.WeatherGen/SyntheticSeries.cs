namespace ClimateWarn.WeatherGen;

/// <summary>
/// One district's SYNTHETIC daily weather: the "truth" (precipitation, its peakest hour, minimum and maximum
/// temperature, proxy discharge) and the SYNTHETIC forecasts issued at the start of each day for that day and the
/// next two (<see cref="Leads"/> windows of 24 h). Index i is <see cref="First"/> + i days. Forecasts are drawn once,
/// when the series is made: altering the truth afterwards leaves every forecast as it was issued.
/// </summary>
public sealed class SyntheticSeries
{
    public const int Leads = 3;

    internal SyntheticSeries(DistrictClimate climate, DateOnly first, int days)
    {
        Climate = climate;
        First = first;
        Precipitation = new double[days];
        PeakHourly = new double[days];
        TemperatureMin = new double[days];
        TemperatureMax = new double[days];
        Discharge = new double[days];
        ForecastPrecipitation = NewLeads(days);
        ForecastPeakHourly = NewLeads(days);
        ForecastTemperatureMax = NewLeads(days);
    }

    public DistrictClimate Climate { get; }

    public DateOnly First { get; }

    public int Count => Precipitation.Length;

    public DateOnly Day(int i) => First.AddDays(i);

    /// <summary>Daily total, mm.</summary>
    internal double[] Precipitation { get; }

    /// <summary>The day's largest one-hour amount, mm.</summary>
    internal double[] PeakHourly { get; }

    internal double[] TemperatureMin { get; }

    internal double[] TemperatureMax { get; }

    /// <summary>Linear-reservoir discharge proxy of the district's catchment, m³/s (daily mean).</summary>
    internal double[] Discharge { get; }

    /// <summary>[lead][issue day]: forecast issued at 00:00 of the issue day for the day lead days later.</summary>
    internal double[][] ForecastPrecipitation { get; }

    internal double[][] ForecastPeakHourly { get; }

    internal double[][] ForecastTemperatureMax { get; }

    public IReadOnlyList<double> PrecipitationMm => Precipitation;

    public IReadOnlyList<double> PeakHourlyMm => PeakHourly;

    public IReadOnlyList<double> MinimumC => TemperatureMin;

    public IReadOnlyList<double> MaximumC => TemperatureMax;

    public IReadOnlyList<double> DischargeM3s => Discharge;

    public double ForecastPrecipitationMm(int issue, int lead) => ForecastPrecipitation[lead][issue];

    public double ForecastPeakHourlyMm(int issue, int lead) => ForecastPeakHourly[lead][issue];

    public double ForecastMaximumC(int issue, int lead) => ForecastTemperatureMax[lead][issue];

    /// <summary>A copy whose truth from day <paramref name="from"/> on is rewritten (forecasts kept as issued): for look-ahead tests.</summary>
    public SyntheticSeries WithTruthFrom(int from, Func<double, double> precipitation, Func<double, double> temperature)
    {
        ArgumentNullException.ThrowIfNull(precipitation);
        ArgumentNullException.ThrowIfNull(temperature);
        var copy = new SyntheticSeries(Climate, First, Count);
        for (var i = 0; i < Count; i++)
        {
            var later = i >= from;
            copy.Precipitation[i] = later ? precipitation(Precipitation[i]) : Precipitation[i];
            copy.PeakHourly[i] = later ? Math.Min(copy.Precipitation[i], PeakHourly[i]) : PeakHourly[i];
            copy.TemperatureMin[i] = later ? temperature(TemperatureMin[i]) : TemperatureMin[i];
            copy.TemperatureMax[i] = later ? temperature(TemperatureMax[i]) : TemperatureMax[i];
            for (var l = 0; l < Leads; l++)
            {
                copy.ForecastPrecipitation[l][i] = ForecastPrecipitation[l][i];
                copy.ForecastPeakHourly[l][i] = ForecastPeakHourly[l][i];
                copy.ForecastTemperatureMax[l][i] = ForecastTemperatureMax[l][i];
            }
        }

        LinearReservoir.Run(Climate.Catchment, copy.Precipitation, copy.Discharge);
        return copy;
    }

    private static double[][] NewLeads(int days) => [.. Enumerable.Range(0, Leads).Select(_ => new double[days])];
}
