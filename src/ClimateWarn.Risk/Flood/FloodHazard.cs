using System.Globalization;
using ClimateWarn.Risk.Models;
using ClimateWarn.Risk.Synthetic;
using ClimateWarn.WeatherGen;

namespace ClimateWarn.Risk.Flood;

/// <summary>The flood model's one input schema. Discharge is the SYNTHETIC linear-reservoir proxy, never a gauge.</summary>
public sealed class FloodRiskInput : IRiskInput
{
    public float LeadHours { get; set; }

    /// <summary>Proxy discharge of the day before the issue, m³/s.</summary>
    public float Discharge { get; set; }

    public float DischargeChange24h { get; set; }

    /// <summary>Discharge over the catchment's flood threshold: comparable across catchments.</summary>
    public float DischargeToThreshold { get; set; }

    /// <summary>Antecedent precipitation index (k = 0.9), the soil-moisture proxy, mm.</summary>
    public float AntecedentPrecipitation { get; set; }

    public float Precipitation7d { get; set; }

    /// <summary>Forecast total from the issue to the end of the target window, mm.</summary>
    public float ForecastPrecipitationToTarget { get; set; }

    public float ForecastPeakHourlyToTarget { get; set; }

    /// <summary>The forecast rain routed through the reservoir: the target day's discharge over the threshold.</summary>
    public float RoutedDischargeToThreshold { get; set; }

    public float DayOfYearSin { get; set; }

    public float DayOfYearCos { get; set; }

    public bool Label { get; set; }

    public static readonly string[] FeatureNames =
    [
        nameof(LeadHours), nameof(Discharge), nameof(DischargeChange24h), nameof(DischargeToThreshold), nameof(AntecedentPrecipitation),
        nameof(Precipitation7d), nameof(ForecastPrecipitationToTarget), nameof(ForecastPeakHourlyToTarget), nameof(RoutedDischargeToThreshold),
        nameof(DayOfYearSin), nameof(DayOfYearCos),
    ];
}

/// <summary>
/// Flood: the SYNTHETIC proxy discharge of the district's catchment (WeatherGen <see cref="LinearReservoir"/>) at or
/// above the catchment's stated threshold on the target day. Needs the district's catchment (config/districts.json live)
/// and 120 days of daily precipitation before the issue; issues April–October (snow-melt and ice-jam floods are not modelled).
/// </summary>
public sealed class FloodHazard : IHazardDefinition<FloodRiskInput>
{
    public static FloodHazard Instance { get; } = new();

    public string Hazard => "flood";

    public IReadOnlyList<int> Leads { get; } = [24, 48, 72];

    public IReadOnlyList<string> FeatureNames => FloodRiskInput.FeatureNames;

    public FastTreeSettings Settings { get; } = new(Trees: 100, Leaves: 8, MinimumExampleCountPerLeaf: 20, LearningRate: 0.1, Seed: 20_260_403);

    public string EventDefinition => EventFor(Zhongwei.Districts);

    public string EventFor(IReadOnlyList<DistrictClimate> districts) =>
        "SYNTHETIC proxy discharge (linear reservoir on daily precipitation, docs/weather-generator.md) at or above the catchment's flood threshold on the target day (issue 00:00 Beijing time; lead 24 h = the issue day); thresholds: "
        + string.Join("; ", districts.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.District} {d.Catchment.Name} {d.Catchment.FloodThresholdM3s} m³/s"))) + "; issues April–October";

    public string Rule => "the forecast precipitation routed through the same reservoir reaches the threshold on the target day";

    public string Combination => "There is no official flood signal in ClimateWarn; the probability is exposed on /api/risk (hazard flood) per grid cell and lead with the model version and the synthetic flag. Live, the discharge and antecedent rain come from the district station's daily precipitation in the store (the proxy, not a gauge); without 120 days of it the flood model is not scored.";

    public IReadOnlyList<string> Caveats { get; } =
    [
        "Discharge is a linear-reservoir proxy with assumed catchment areas, coefficients and thresholds: not a gauge, not GloFAS, and not the Yellow River main stem. Live, the same proxy is computed from the district station's daily precipitation.",
    ];

    public bool InSeason(DateOnly issueDay) => issueDay.Month is >= 4 and <= 10;

    public DateOnly TargetDay(DateOnly issueDay, int leadHours) => issueDay.AddDays(IssueView.Window(leadHours));

    public FloodRiskInput? Features(IssueView view, int leadHours)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.Catchment is not { } catchment || double.IsNaN(view.Discharge))
        {
            return null;
        }

        var k = IssueView.Window(leadHours);
        var threshold = catchment.FloodThresholdM3s;
        var (sin, cos) = IssueView.Season(TargetDay(view.IssueDay, leadHours));
        return new FloodRiskInput
        {
            LeadHours = leadHours,
            Discharge = (float)view.Discharge,
            DischargeChange24h = (float)(view.Discharge - view.DischargeDayBefore),
            DischargeToThreshold = (float)(view.Discharge / threshold),
            AntecedentPrecipitation = (float)view.AntecedentPrecipitation,
            Precipitation7d = (float)view.PastSum(7),
            ForecastPrecipitationToTarget = (float)view.ForecastSum(k),
            ForecastPeakHourlyToTarget = (float)view.ForecastPeak(k),
            RoutedDischargeToThreshold = (float)(view.RoutedDischarge(k) / threshold),
            DayOfYearSin = sin,
            DayOfYearCos = cos,
        };
    }

    public bool RuleSays(IssueView view, int leadHours)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.Catchment is { } catchment && view.RoutedDischarge(IssueView.Window(leadHours)) >= catchment.FloodThresholdM3s;
    }

    public bool? Outcome(SyntheticDistrict district, int issue, int leadHours)
    {
        ArgumentNullException.ThrowIfNull(district);
        var t = issue + IssueView.Window(leadHours);
        var s = district.Series;
        return t >= s.Count ? null : s.DischargeM3s[t] >= s.Climate.Catchment.FloodThresholdM3s;
    }
}
