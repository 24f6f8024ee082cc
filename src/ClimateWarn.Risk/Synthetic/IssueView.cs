using ClimateWarn.WeatherGen;

namespace ClimateWarn.Risk.Synthetic;

/// <summary>Drought indices of the day before the issue (NaN where unknown).</summary>
public sealed record DroughtState(double Mci, double Spi30, double Spi90, double Mi30)
{
    public static DroughtState Unknown { get; } = new(double.NaN, double.NaN, double.NaN, double.NaN);
}

/// <summary>
/// Everything a forecaster knows at an issue time, and nothing later: the daily precipitation of the days before the
/// issue day (oldest first), the drought indices of the day before, and the forecast for the three 24-hour windows
/// from the issue. Training builds it from the synthetic series, the server from the store and the live forecast; the
/// feature builders read only this, so neither can look ahead. Values derived from the past (antecedent precipitation,
/// the reservoir's discharge proxy) are NaN when fewer than <see cref="WarmUpDays"/> days are known. A district with no
/// catchment (live only; training always has one) has no discharge proxy, and its antecedent precipitation decays
/// at <see cref="DefaultApiDecay"/>, the rate of every synthetic catchment the models were trained on.
/// </summary>
public sealed class IssueView
{
    /// <summary>Days of history the reservoir and API need to forget their empty start (0.9^120 &lt; 10⁻⁵).</summary>
    public const int WarmUpDays = 120;

    /// <summary>The antecedent precipitation index's daily decay without a catchment: that of every synthetic catchment.</summary>
    public const double DefaultApiDecay = 0.90;

    public IssueView(string place, DateOnly issueDay, IReadOnlyList<double> pastPrecipitation, DroughtState drought,
        IReadOnlyList<double> forecastPrecipitation, IReadOnlyList<double> forecastPeakHourly, IReadOnlyList<double> forecastMaximum, Catchment? catchment)
    {
        ArgumentNullException.ThrowIfNull(pastPrecipitation);
        Place = place;
        IssueDay = issueDay;
        Past = pastPrecipitation;
        Drought = drought;
        ForecastPrecipitation = forecastPrecipitation;
        ForecastPeakHourly = forecastPeakHourly;
        ForecastMaximum = forecastMaximum;
        Catchment = catchment;
        if (Past.Count < WarmUpDays)
        {
            return;
        }

        if (catchment is null)
        {
            AntecedentPrecipitation = Enumerable.Range(Past.Count - WarmUpDays, WarmUpDays)
                .Aggregate(0.0, (api, i) => (DefaultApiDecay * api) + (double.IsFinite(Past[i]) ? Math.Max(0, Past[i]) : 0));
            return;
        }

        var state = default(LinearReservoir.State);
        var q = double.NaN;
        for (var i = Past.Count - WarmUpDays; i < Past.Count; i++)
        {
            DischargeDayBefore = q;
            state = LinearReservoir.Step(catchment, state, Past[i], out q);
        }

        Reservoir = state;
        Discharge = q;
        AntecedentPrecipitation = state.Api;
    }

    public string Place { get; }

    public DateOnly IssueDay { get; }

    public IReadOnlyList<double> Past { get; }

    public DroughtState Drought { get; }

    /// <summary>Forecast total of window k (k = 0: the first 24 hours).</summary>
    public IReadOnlyList<double> ForecastPrecipitation { get; }

    public IReadOnlyList<double> ForecastPeakHourly { get; }

    public IReadOnlyList<double> ForecastMaximum { get; }

    /// <summary>The catchment of the discharge proxy; null for a district without one (no flood features).</summary>
    public Catchment? Catchment { get; }

    public LinearReservoir.State? Reservoir { get; }

    /// <summary>Proxy discharge of the last known day, m³/s.</summary>
    public double Discharge { get; } = double.NaN;

    public double DischargeDayBefore { get; } = double.NaN;

    public double AntecedentPrecipitation { get; } = double.NaN;

    /// <summary>Sum of the last <paramref name="days"/> known days, NaN with fewer known.</summary>
    public double PastSum(int days) => Past.Count < days ? double.NaN : Enumerable.Range(Past.Count - days, days).Sum(i => Past[i]);

    /// <summary>The window of a lead: 24 h is window 0.</summary>
    public static int Window(int leadHours) => (leadHours / 24) - 1;

    public double ForecastSum(int throughWindow) => Enumerable.Range(0, throughWindow + 1).Sum(k => ForecastPrecipitation[k]);

    public double ForecastPeak(int throughWindow) => Enumerable.Range(0, throughWindow + 1).Max(k => ForecastPeakHourly[k]);

    /// <summary>The proxy discharge on window k's day with the forecast rain routed through the reservoir (NaN without history).</summary>
    public double RoutedDischarge(int window)
    {
        if (Reservoir is not { } state || Catchment is null)
        {
            return double.NaN;
        }

        var q = double.NaN;
        for (var k = 0; k <= window; k++)
        {
            state = LinearReservoir.Step(Catchment, state, ForecastPrecipitation[k], out q);
        }

        return q;
    }

    public static (float Sin, float Cos) Season(DateOnly day)
    {
        var angle = 2 * Math.PI * day.DayOfYear / 365.25;
        return ((float)Math.Sin(angle), (float)Math.Cos(angle));
    }
}
