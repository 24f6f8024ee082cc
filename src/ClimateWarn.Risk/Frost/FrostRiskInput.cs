using ClimateWarn.Risk.Models;

namespace ClimateWarn.Risk.Frost;

/// <summary>
/// The frost model's one input schema, shared by trainer and scorer. Every feature uses only readings up to the issue
/// time (20:00 Beijing time); NaN is "missing", which FastTree handles natively.
/// </summary>
public sealed class FrostRiskInput : IRiskInput
{
    /// <summary>Hours from the issue time to the target day (24: tomorrow, 48: the day after).</summary>
    public float LeadHours { get; set; }

    public float TemperatureAtIssue { get; set; }

    /// <summary>Minimum of today's readings up to the issue time.</summary>
    public float MinimumToday { get; set; }

    public float MaximumToday { get; set; }

    /// <summary>Today's minimum minus yesterday's.</summary>
    public float MinimumChange { get; set; }

    /// <summary>Temperature now minus 24 hours ago.</summary>
    public float TemperatureChange24h { get; set; }

    /// <summary>Temperature minus dew point now: dry air cools fast on clear nights.</summary>
    public float DewPointDepression { get; set; }

    public float WindAtIssue { get; set; }

    public float Precipitation24h { get; set; }

    public float DayOfYearSin { get; set; }

    public float DayOfYearCos { get; set; }

    public bool Label { get; set; }

    public static readonly string[] FeatureNames =
    [
        nameof(LeadHours), nameof(TemperatureAtIssue), nameof(MinimumToday), nameof(MaximumToday), nameof(MinimumChange),
        nameof(TemperatureChange24h), nameof(DewPointDepression), nameof(WindAtIssue), nameof(Precipitation24h),
        nameof(DayOfYearSin), nameof(DayOfYearCos),
    ];
}
