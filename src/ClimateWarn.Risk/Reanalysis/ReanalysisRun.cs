using System.Globalization;
using ClimateWarn.Risk.Cards;
using ClimateWarn.Risk.Synthetic;
using ClimateWarn.WeatherGen;

namespace ClimateWarn.Risk.Reanalysis;

/// <summary>One district's continuous daily record as read from the store: ERA5 at the district seat (the archive source).</summary>
/// <param name="HasCatchment">The bureau's config gives the district a catchment; without one it trains no flood model (its discharge would be made up).</param>
public sealed record DistrictRecord(string District, string Name, double Latitude, Catchment Catchment, bool HasCatchment, DateOnly First,
    IReadOnlyList<double> PrecipitationMm, IReadOnlyList<double> MinimumC, IReadOnlyList<double> MaximumC, string Provenance);

/// <summary>
/// A REANALYSIS training run: the bureau's own districts, each with its ERA5 days as the truth (<see cref="RecordSeries"/>),
/// its generator parameters measured from the same days (<see cref="RecordClimate"/>), and one time-ordered split for all:
/// the last quarter of the common years (at least two) held out. The truth is real weather at 0.25° (about 25 km), not a
/// station's reading; the forecasts the models learn from are still drawn from it with the assumed error — the card
/// says both. Drought indices are calibrated on the training years only, as in the synthetic run.
/// </summary>
public sealed class ReanalysisRun : ITrainingRun
{
    public const int MinimumYears = 8;

    public const string TruthCaveat = "REANALYSIS: the truth is ERA5 (ECMWF reanalysis at 0.25°, Open-Meteo archive API) at each district seat, not a station's observations; ERA5 smooths convective rain, so its heavy-rain days are fewer and weaker than a gauge's. Real weather, but not the bureau's own records.";

    private readonly IReadOnlySet<string> _withoutCatchment;

    private ReanalysisRun(IReadOnlyList<SyntheticDistrict> districts, DateOnly from, DateOnly to, DateOnly testFrom, IReadOnlyList<string> files, IReadOnlySet<string> withoutCatchment)
    {
        Districts = districts;
        FirstDay = from;
        LastDay = to;
        TestFrom = testFrom;
        Files = files;
        _withoutCatchment = withoutCatchment;
    }

    public IReadOnlyList<SyntheticDistrict> Districts { get; }

    public DateOnly FirstDay { get; }

    public DateOnly LastDay { get; }

    public DateOnly TestFrom { get; }

    public bool Synthetic => false;

    public bool Reanalysis => true;

    public string Source => string.Create(CultureInfo.InvariantCulture,
        $"REANALYSIS: ERA5 daily precipitation and temperature at each district seat from the Open-Meteo archive API, as the archive source stored them ({FirstDay:yyyy-MM-dd} to {LastDay:yyyy-MM-dd}); forecasts drawn from it with the assumed error (seeded)");

    public IReadOnlyList<string> Files { get; }

    public string HeldOutWords => string.Create(CultureInfo.InvariantCulture, $"the last {LastDay.Year - TestFrom.Year + 1} years of the record, {TestFrom:yyyy}–{LastDay:yyyy}");

    public IReadOnlyList<string> Caveats => [TruthCaveat, HazardTrainer.ForecastsAssumed,
        "The archive's daily record has no hourly maximum: the peak hour is taken as a quarter of the day's total, so the one-hour criterion is met only on days of 80 mm or more."];

    public bool Takes(string hazard, SyntheticDistrict district) =>
        hazard != "flood" || !_withoutCatchment.Contains(district.Series.Climate.District);

    /// <summary>Builds the run; a district whose record is too short is refused with the reason.</summary>
    public static ReanalysisRun Create(IReadOnlyList<DistrictRecord> records, DroughtIndexSettings settings, int seed)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(settings);
        if (records.Count == 0)
        {
            throw new InvalidOperationException("no district has a daily record to train on");
        }

        var from = records.Min(r => r.First);
        var to = records.Max(r => r.First.AddDays(r.PrecipitationMm.Count - 1));
        var years = to.Year - from.Year + 1;
        if (years < MinimumYears)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"the record spans {from:yyyy-MM-dd} to {to:yyyy-MM-dd}, {years} years; at least {MinimumYears} are needed to train and hold some out"));
        }

        var testFrom = new DateOnly(to.Year - Math.Max(2, years / 4) + 1, 1, 1);
        var districts = new List<SyntheticDistrict>();
        foreach (var r in records)
        {
            if (r.First.AddYears(2) > testFrom)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"{r.District}: the record starts {r.First:yyyy-MM-dd}, less than two years before the held-out years ({testFrom:yyyy-MM-dd})"));
            }

            var climate = RecordClimate.Fit(r.District, r.Name, r.Latitude, r.Catchment, r.First, r.PrecipitationMm, r.MinimumC, r.MaximumC);
            districts.Add(new SyntheticDistrict(RecordSeries.From(climate, r.First, r.PrecipitationMm, r.MinimumC, r.MaximumC, null, seed), testFrom, settings));
        }

        return new ReanalysisRun(districts, from, to, testFrom, [.. records.Select(r => r.Provenance)],
            records.Where(r => !r.HasCatchment).Select(r => r.District).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// Whether the server uses a reanalysis-trained model, per lead: only where its held-out Brier score is below both
    /// climatology's and the official rule's. The forecasts it learned from carry an assumed error, so beating both
    /// baselines on them is the least it must do.
    /// </summary>
    public static ModelUse Decide(IReadOnlyList<ForecastSkill> heldOut, IReadOnlyList<int> leads)
    {
        ArgumentNullException.ThrowIfNull(heldOut);
        ArgumentNullException.ThrowIfNull(leads);
        double Brier(string who, int lead) => heldOut.FirstOrDefault(s => s.Forecaster == who && s.LeadHours == lead)?.Brier ?? double.NaN;
        var used = new List<int>();
        var lost = new List<string>();
        var lostZh = new List<string>();
        foreach (var lead in leads)
        {
            var (model, climatology, rule) = (Brier("model", lead), Brier("climatology", lead), Brier("official threshold rule", lead));
            if (model < climatology && model < rule)
            {
                used.Add(lead);
            }
            else
            {
                lost.Add(string.Create(CultureInfo.InvariantCulture, $"{lead} h: model {model:0.0000}, climatology {climatology:0.0000}, rule {rule:0.0000}"));
                lostZh.Add(string.Create(CultureInfo.InvariantCulture, $"{lead}小时 模型{model:0.0000} 气候概率{climatology:0.0000} 规则{rule:0.0000}"));
            }
        }

        var l = string.Join("; ", lost);
        var z = string.Join("；", lostZh);
        return used.Count == leads.Count && used.Count > 0
            ? new ModelUse(true, used, "ERA5再分析训练：独立检验年份中各时效的Brier评分均优于气候概率和官方阈值规则（预报误差为假设）",
                "ERA5-trained: on the held-out years its Brier score beats climatology and the official rule at every lead (forecast error assumed)")
            : used.Count > 0
                ? new ModelUse(true, used, $"ERA5再分析训练：仅用于{string.Join("、", used)}小时时效；其余时效不优于气候概率或官方阈值规则：{z}",
                    $"ERA5-trained: used at {string.Join(", ", used)} h only; elsewhere it does not beat climatology or the rule: {l}")
                : new ModelUse(false, [], $"不使用：独立检验年份中不优于气候概率或官方阈值规则（Brier评分）：{z}",
                    $"not used: on the held-out years it does not beat climatology or the official rule (Brier score): {l}");
    }
}
