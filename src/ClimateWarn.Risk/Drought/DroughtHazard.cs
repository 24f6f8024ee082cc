using ClimateWarn.Core.Indices;
using ClimateWarn.Risk.Models;
using ClimateWarn.Risk.Synthetic;

namespace ClimateWarn.Risk.Drought;

/// <summary>The drought model's one input schema: the indices of the day before the issue, antecedent and forecast rain.</summary>
public sealed class DroughtRiskInput : IRiskInput
{
    public float LeadHours { get; set; }

    public float Mci { get; set; }

    public float Spi30 { get; set; }

    public float Spi90 { get; set; }

    public float Mi30 { get; set; }

    public float Precipitation30d { get; set; }

    /// <summary>Antecedent precipitation index (k = 0.9), the soil-moisture proxy, mm.</summary>
    public float AntecedentPrecipitation { get; set; }

    public float ForecastPrecipitation72h { get; set; }

    public float DayOfYearSin { get; set; }

    public float DayOfYearCos { get; set; }

    public bool Label { get; set; }

    public static readonly string[] FeatureNames =
    [
        nameof(LeadHours), nameof(Mci), nameof(Spi30), nameof(Spi90), nameof(Mi30), nameof(Precipitation30d), nameof(AntecedentPrecipitation),
        nameof(ForecastPrecipitation72h), nameof(DayOfYearSin), nameof(DayOfYearCos),
    ];
}

/// <summary>
/// Drought: the meteorological drought composite index (GB/T 20481-2017, weights and Ka from config/indices.json)
/// at 中旱 (moderate) or worse, MCI ≤ −1.0, on any day of the ten days from the issue. Issues April–October, the
/// months whose Ka is not zero (outside them MCI is zero by construction).
/// </summary>
public sealed class DroughtHazard : IHazardDefinition<DroughtRiskInput>
{
    public const int WindowDays = 10;
    public const double Moderate = -1.0;

    public static DroughtHazard Instance { get; } = new();

    public string Hazard => "drought";

    public IReadOnlyList<int> Leads { get; } = [WindowDays * 24];

    public IReadOnlyList<string> FeatureNames => DroughtRiskInput.FeatureNames;

    public FastTreeSettings Settings { get; } = new(Trees: 100, Leaves: 8, MinimumExampleCountPerLeaf: 20, LearningRate: 0.1, Seed: 20_260_404);

    public string EventDefinition => "MCI (GB/T 20481-2017, north-west weights and the Ka row of config/indices.json) at 中旱 moderate drought or worse (MCI ≤ −1.0) on any day of the 10 days from the issue day (lead 240 h); issues April–October";

    public string Rule => "the MCI of the day before the issue already at 中旱 or worse (MCI ≤ −1.0): the index the bureau reads today, carried forward";

    public string Combination => "The official drought signal (orange: MCI reaches 重旱 within a week) is not automated in ClimateWarn. The probability is exposed on /api/risk (hazard drought, lead 240 h) with the model version and the synthetic flag; live, its indices come from the drought-index service (the district station's daily history), and without them the model is not scored.";

    public IReadOnlyList<string> Caveats { get; } =
    [
        "In this semi-arid climate potential evaporation far exceeds rain, so MI30 is strongly negative and MCI sits at 中旱 or worse on many season days (see the event rate); MCI also overstates drought on the irrigated Yellow River plain (DOMAIN §3). Persistence is strong, so the rule baseline is hard to beat.",
    ];

    public bool InSeason(DateOnly issueDay) => issueDay.Month is >= 4 and <= 10;

    public DateOnly TargetDay(DateOnly issueDay, int leadHours) => issueDay.AddDays((leadHours / 24) - 1);

    public DroughtRiskInput? Features(IssueView view, int leadHours)
    {
        ArgumentNullException.ThrowIfNull(view);
        var d = view.Drought;
        if (double.IsNaN(d.Mci) || double.IsNaN(view.AntecedentPrecipitation))
        {
            return null;
        }

        var (sin, cos) = IssueView.Season(view.IssueDay);
        return new DroughtRiskInput
        {
            LeadHours = leadHours,
            Mci = (float)d.Mci,
            Spi30 = (float)d.Spi30,
            Spi90 = (float)d.Spi90,
            Mi30 = (float)d.Mi30,
            Precipitation30d = (float)view.PastSum(30),
            AntecedentPrecipitation = (float)view.AntecedentPrecipitation,
            ForecastPrecipitation72h = (float)view.ForecastSum(2),
            DayOfYearSin = sin,
            DayOfYearCos = cos,
        };
    }

    public bool RuleSays(IssueView view, int leadHours)
    {
        ArgumentNullException.ThrowIfNull(view);
        return DroughtClasses.OfIndex(view.Drought.Mci) >= DroughtClass.Moderate;
    }

    public bool? Outcome(SyntheticDistrict district, int issue, int leadHours)
    {
        ArgumentNullException.ThrowIfNull(district);
        var last = issue + (leadHours / 24) - 1;
        if (last >= district.Mci.Count)
        {
            return null;
        }

        var window = Enumerable.Range(issue, last - issue + 1).Select(i => district.Mci[i]).ToList();
        return window.Any(double.IsNaN) ? null : window.Any(m => m <= Moderate);
    }
}
