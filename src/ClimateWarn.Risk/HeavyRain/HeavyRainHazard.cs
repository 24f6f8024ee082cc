using ClimateWarn.Risk.Models;
using ClimateWarn.Risk.Synthetic;

namespace ClimateWarn.Risk.HeavyRain;

/// <summary>The heavy-rain model's one input schema, shared by trainer and scorer (NaN is missing).</summary>
public sealed class HeavyRainRiskInput : IRiskInput
{
    /// <summary>End of the 24-hour window after the issue: 24, 48 or 72.</summary>
    public float LeadHours { get; set; }

    /// <summary>Forecast total in the window, mm.</summary>
    public float ForecastPrecipitation { get; set; }

    /// <summary>Forecast largest one-hour amount in the window, mm.</summary>
    public float ForecastPeakHourly { get; set; }

    /// <summary>Forecast total over all three windows, mm.</summary>
    public float ForecastPrecipitation72h { get; set; }

    /// <summary>Forecast maximum temperature in the window: warm days carry convection.</summary>
    public float ForecastMaximumTemperature { get; set; }

    /// <summary>Observed total of the last day before the issue, mm.</summary>
    public float ObservedPrecipitation24h { get; set; }

    public float ObservedPrecipitation72h { get; set; }

    public float DayOfYearSin { get; set; }

    public float DayOfYearCos { get; set; }

    public bool Label { get; set; }

    public static readonly string[] FeatureNames =
    [
        nameof(LeadHours), nameof(ForecastPrecipitation), nameof(ForecastPeakHourly), nameof(ForecastPrecipitation72h),
        nameof(ForecastMaximumTemperature), nameof(ObservedPrecipitation24h), nameof(ObservedPrecipitation72h), nameof(DayOfYearSin), nameof(DayOfYearCos),
    ];
}

/// <summary>
/// Heavy rain (暴雨): in a 24-hour window, ≥50 mm (GB/T 28592 暴雨) or ≥20 mm in one hour (the Ningxia blue
/// rainstorm criterion 短时强降水 of config/hazards/rainstorm.json, ningxia table). The Ningxia one-hour criterion is
/// used because it is lower: 50 mm days are rare in Zhongwei. Trained and scored in the rainy season May–September.
/// </summary>
public sealed class HeavyRainHazard : IHazardDefinition<HeavyRainRiskInput>
{
    public const double DailyMm = 50;
    public const double HourlyMm = 20;

    public static HeavyRainHazard Instance { get; } = new();

    public string Hazard => "heavy-rain";

    public IReadOnlyList<int> Leads { get; } = [24, 48, 72];

    public IReadOnlyList<string> FeatureNames => HeavyRainRiskInput.FeatureNames;

    public FastTreeSettings Settings { get; } = new(Trees: 100, Leaves: 8, MinimumExampleCountPerLeaf: 20, LearningRate: 0.1, Seed: 20_260_402);

    public string EventDefinition => "heavy rain in the 24-hour window ending at the lead time (issue 00:00 Beijing time; lead 24 h = the issue day): ≥50 mm in 24 h (GB/T 28592 暴雨) or ≥20 mm in one hour (Ningxia blue rainstorm criterion 短时强降水, config/hazards/rainstorm.json table ningxia, used because it is lower); issues May–September";

    public string Rule => "the forecast for the window reaches the event's thresholds (forecast total ≥50 mm or forecast peak hour ≥20 mm)";

    public string Combination => "The rainstorm rule sets any warning colour from the forecast. The heavy-rain probability is exposed on /api/risk (hazard heavy-rain) per grid cell and lead with the model version and the synthetic flag; it changes no warning. Models trained on synthetic weather raise no watch unless Risk:Watch:FromSyntheticModels is set.";

    public IReadOnlyList<string> Caveats { get; } =
    [
        "The generator is daily: the one-hour criterion is applied to its peak-hour amount (a share of the day's total), not to a simulated hourly series; live, to the forecast's largest hourly value in the window.",
    ];

    public bool InSeason(DateOnly issueDay) => issueDay.Month is >= 5 and <= 9;

    public DateOnly TargetDay(DateOnly issueDay, int leadHours) => issueDay.AddDays(IssueView.Window(leadHours));

    public HeavyRainRiskInput? Features(IssueView view, int leadHours)
    {
        ArgumentNullException.ThrowIfNull(view);
        var k = IssueView.Window(leadHours);
        var (sin, cos) = IssueView.Season(TargetDay(view.IssueDay, leadHours));
        return new HeavyRainRiskInput
        {
            LeadHours = leadHours,
            ForecastPrecipitation = (float)view.ForecastPrecipitation[k],
            ForecastPeakHourly = (float)view.ForecastPeakHourly[k],
            ForecastPrecipitation72h = (float)view.ForecastSum(2),
            ForecastMaximumTemperature = (float)view.ForecastMaximum[k],
            ObservedPrecipitation24h = (float)view.PastSum(1),
            ObservedPrecipitation72h = (float)view.PastSum(3),
            DayOfYearSin = sin,
            DayOfYearCos = cos,
        };
    }

    public bool RuleSays(IssueView view, int leadHours)
    {
        ArgumentNullException.ThrowIfNull(view);
        var k = IssueView.Window(leadHours);
        return view.ForecastPrecipitation[k] >= DailyMm || view.ForecastPeakHourly[k] >= HourlyMm;
    }

    public bool? Outcome(SyntheticDistrict district, int issue, int leadHours)
    {
        ArgumentNullException.ThrowIfNull(district);
        var t = issue + IssueView.Window(leadHours);
        var s = district.Series;
        return t >= s.Count ? null : s.PrecipitationMm[t] >= DailyMm || s.PeakHourlyMm[t] >= HourlyMm;
    }
}
