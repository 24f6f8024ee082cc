using System.Globalization;
using ClimateWarn.Core.Hazards.Rainstorm;
using ClimateWarn.Core.Weather;

namespace ClimateWarn.Core.Hazards.FlashFlood;

/// <summary>A district's own levels (its catchments differ from the bureau's default).</summary>
public sealed record FlashFloodDistrict(LevelTable<RainstormLevel> Levels);

/// <summary>
/// The flash-flood table: per level, any of several <c>{ hours, atLeastMm }</c> that the effective antecedent rain plus the
/// rain forecast over the next <c>hours</c> must reach (with at least <see cref="MinForecastMm"/> of it forecast); a bureau sets them with its water department, per district where
/// its catchments differ (<see cref="Districts"/>, else <see cref="Levels"/>).
/// </summary>
/// <param name="AntecedentDecay">k in Pa = Σ k^d·P_d: how much of the rain d days ago still counts (0 &lt; k ≤ 1).</param>
/// <param name="AntecedentDays">How many past days Pa sums (at most the rules' 72 h look-back: 3).</param>
/// <param name="MinForecastMm">
/// The rain that must be forecast in a criterion's window for it to count at all: wet ground lowers the bar, but without
/// rain coming there is no flash flood (a soaked week and a dry forecast would otherwise warn).
/// </param>
public sealed record FlashFloodThresholds(
    LevelTable<RainstormLevel> Levels,
    double AntecedentDecay,
    int AntecedentDays,
    double MinForecastMm,
    IReadOnlyDictionary<string, FlashFloodDistrict>? Districts = null) : IHazardThresholds, IDistrictScoped
{
    public IEnumerable<SignalLevel> ConfiguredLevels => Levels?.Ascending().Select(l => l.Level) ?? [];

    string IDistrictScoped.DistrictsField => "districts";

    IEnumerable<string> IDistrictScoped.Districts => Districts?.Keys ?? [];

    /// <summary>The district's own table if it has one, else the default.</summary>
    public LevelTable<RainstormLevel> For(string? district) =>
        district is not null && Districts is not null && Districts.TryGetValue(district, out var own) ? own.Levels : Levels;

    public IEnumerable<string> Validate(string path)
    {
        // The same checks as rainstorm's windows: amounts positive, hours 1–72, a higher level never milder than a lower.
        foreach (var problem in new RainstormThresholds(Levels).Validate(path))
        {
            yield return problem;
        }

        foreach (var (code, table) in Districts ?? new Dictionary<string, FlashFloodDistrict>())
        {
            if (table?.Levels is null)
            {
                yield return $"{path}.districts.{code}.levels is missing";
                continue;
            }

            foreach (var problem in new RainstormThresholds(table.Levels).Validate($"{path}.districts.{code}"))
            {
                yield return problem;
            }
        }

        if (!(AntecedentDecay is > 0 and <= 1))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{path}.antecedentDecay = {AntecedentDecay} is outside the allowed range (0, 1]");
        }

        if (!(MinForecastMm is >= 0 and <= 100))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{path}.minForecastMm = {MinForecastMm} is outside the allowed range [0, 100]");
        }

        if (AntecedentDays is < 0 or > 3)
        {
            yield return $"{path}.antecedentDays = {AntecedentDays} is outside the allowed range [0, 3] (the rules look back 72 h)";
        }
    }
}

public static class FlashFloodAssessor
{
    /// <summary>
    /// Effective antecedent rain at <paramref name="now"/> (index): Pa = Σ_{d=1..days} k^d · (rain of the 24 h ending
    /// 24·(d−1) h before now). Missing hours count as no rain.
    /// </summary>
    public static double Antecedent(ReadOnlySpan<double> rain, int now, double decay, int days)
    {
        var pa = 0.0;
        for (var d = 1; d <= days; d++)
        {
            var day = 0.0;
            for (var i = Math.Max(0, now - (24 * d) + 1); i <= now - (24 * (d - 1)) && i < rain.Length; i++)
            {
                day += double.IsFinite(rain[i]) ? rain[i] : 0;
            }

            pa += Math.Pow(decay, d) * day;
        }

        return pa;
    }

    public static HazardSignal? Assess(AssessmentWindow window, FlashFloodThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(thresholds);
        var rain = window.Weather[WeatherVariables.Precipitation];
        var (now, _) = window.Ahead(0);
        if (now >= rain.Length || !window.Weather.Has(WeatherVariables.Precipitation))
        {
            return null;
        }

        var pa = Antecedent(rain, now, thresholds.AntecedentDecay, thresholds.AntecedentDays);
        foreach (var (level, criteria) in thresholds.For(window.District).Descending())
        {
            foreach (var c in criteria.AnyOf)
            {
                // The next c.Hours hours after now: forecast rain, on top of what has already soaked in.
                var ahead = 0.0;
                for (var i = now + 1; i <= Math.Min(rain.Length - 1, now + c.Hours); i++)
                {
                    ahead += double.IsFinite(rain[i]) ? rain[i] : 0;
                }

                var total = pa + ahead;
                if (total >= c.AtLeastMm - 1e-6 && ahead >= thresholds.MinForecastMm - 1e-6)
                {
                    return new HazardSignal(FlashFloodHazard.Id, level, window.Weather.TimeAt(now), window.Weather.TimeAt(now).AddHours(c.Hours), total,
                        string.Create(CultureInfo.InvariantCulture,
                            $"effective antecedent rain {pa:0.0} mm (k {thresholds.AntecedentDecay}, {thresholds.AntecedentDays} d) + {ahead:0.0} mm in the next {c.Hours} h = {total:0.0} mm (≥{c.AtLeastMm} mm{(thresholds.Districts?.ContainsKey(window.District ?? "") == true ? $", {window.District}'s table" : "")})"));
                }
            }
        }

        return null;
    }
}
