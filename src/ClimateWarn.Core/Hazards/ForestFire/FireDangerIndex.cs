using System.Globalization;

namespace ClimateWarn.Core.Hazards.ForestFire;

/// <summary>
/// Points by bands of a value, <c>Points[0]</c> below the first bound, <c>Points[i]</c> between <c>Bounds[i−1]</c> and
/// <c>Bounds[i]</c>, the last points above the last bound. Bounds strictly ascending; one more points than bounds.
/// <paramref name="Inclusive"/> says to which band a value equal to a bound belongs: "upper" (the default: the band it
/// tops, as in "≤ 5 °C: 0") or "lower" (the band it starts, as Beaufort's "force 2 from 1.6 m/s" or "0.1 mm or more").
/// </summary>
public sealed record Bands(IReadOnlyList<double> Bounds, IReadOnlyList<double> Points, string? Inclusive = null)
{
    private bool StartsBand => Inclusive == "lower";

    public double Score(double value)
    {
        for (var i = 0; i < Bounds.Count; i++)
        {
            if (StartsBand ? value < Bounds[i] : value <= Bounds[i])
            {
                return Points[i];
            }
        }

        return Points[^1];
    }

    public IEnumerable<string> Validate(string path)
    {
        if (Bounds is null || Points is null || Bounds.Count == 0 || Points.Count != Bounds.Count + 1)
        {
            yield return $"{path}: needs bounds and one more points than bounds";
            yield break;
        }

        if (Inclusive is not (null or "upper" or "lower"))
        {
            yield return $"{path}.inclusive = '{Inclusive}' is neither 'upper' (a value at a bound scores the band below it) nor 'lower' (the band above it)";
        }

        for (var i = 1; i < Bounds.Count; i++)
        {
            if (!(Bounds[i] > Bounds[i - 1]))
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"{path}.bounds[{i}] = {Bounds[i]} is not above bounds[{i - 1}] = {Bounds[i - 1]}: bounds must ascend");
            }
        }

        for (var i = 0; i < Points.Count; i++)
        {
            if (!(Points[i] is >= 0 and <= 100))
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"{path}.points[{i}] = {Points[i]} is outside the allowed range [0, 100]");
            }
        }
    }
}

/// <summary>
/// The fire-weather index's tables (the structure of the national forest fire-weather rating, LY/T 1172-95 / QX/T 77-2007):
/// points for the day's maximum temperature, its minimum relative humidity, the consecutive dry days, its maximum wind,
/// less a correction for the day's rain; <see cref="GradeUpTo"/> cuts the index into the five grades.
/// </summary>
/// <param name="DryBelowMm">A day with less rain than this is dry (the standard's 0.1 mm).</param>
/// <param name="GradeUpTo">The highest index of grades 1–4 (above the last: grade 5), e.g. 25, 50, 72, 90.</param>
public sealed record FireIndexTables(
    Bands MaxTemperatureC,
    Bands MinHumidityPct,
    Bands MaxWindMs,
    Bands RainCorrectionMm,
    double PointsPerDryDay,
    double MaxDryDayPoints,
    double DryBelowMm,
    IReadOnlyList<double> GradeUpTo)
{
    public IEnumerable<string> Validate(string path)
    {
        var problems = new List<string>();
        foreach (var (name, bands) in new[] { ("maxTemperatureC", MaxTemperatureC), ("minHumidityPct", MinHumidityPct), ("maxWindMs", MaxWindMs), ("rainCorrectionMm", RainCorrectionMm) })
        {
            problems.AddRange(bands is null ? [$"{path}.index.{name} is missing"] : bands.Validate($"{path}.index.{name}"));
        }

        if (!(PointsPerDryDay is > 0 and <= 20) || !(MaxDryDayPoints is >= 0 and <= 100))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{path}.index.pointsPerDryDay = {PointsPerDryDay} / maxDryDayPoints = {MaxDryDayPoints} are outside (0, 20] / [0, 100]"));
        }

        if (!(DryBelowMm is > 0 and <= 5))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{path}.index.dryBelowMm = {DryBelowMm} is outside the allowed range (0, 5]"));
        }
        else if (RainCorrectionMm is { Bounds.Count: > 0, Points.Count: > 0 } rain
            && (rain.Points[0] != 0 || rain.Bounds[0] < DryBelowMm))
        {
            // A day below dryBelowMm counts as dry; subtracting rain for it too would count it both ways.
            problems.Add(string.Create(CultureInfo.InvariantCulture,
                $"{path}.index.rainCorrectionMm: a dry day (rain below dryBelowMm = {DryBelowMm}) must score 0, but its first band scores {rain.Points[0]} up to {rain.Bounds[0]} mm: it must score 0 and reach at least dryBelowMm"));
        }

        if (GradeUpTo is not { Count: 4 } || GradeUpTo.Zip(GradeUpTo.Skip(1)).Any(p => p.Second <= p.First))
        {
            problems.Add($"{path}.index.gradeUpTo must be four ascending index values (the tops of grades 1–4), got [{string.Join(", ", GradeUpTo ?? [])}]");
        }

        return problems;
    }
}

/// <summary>One Beijing day's inputs: NaN where the day lacks the quantity.</summary>
public sealed record FireDayWeather(DateOnly Day, double MaxTemperatureC, double MinHumidityPct, double MaxWindMs, double RainMm);

/// <summary>One day's rating: the grade 1–5, the index and its parts, the dry days it counted.</summary>
public sealed record FireDangerDay(DateOnly Day, int Grade, double Index, double TemperaturePoints, double HumidityPoints, double DryDayPoints, double WindPoints, double RainCorrection, int DryDays);

public static class FireDangerIndex
{
    /// <summary>一级 低 … 五级 极高 (QX/T 77-2007).</summary>
    public static (string Zh, string En) GradeName(int grade) => grade switch
    {
        1 => ("一级（低火险）", "grade 1 (low)"),
        2 => ("二级（较低火险）", "grade 2 (fairly low)"),
        3 => ("三级（较高火险）", "grade 3 (fairly high)"),
        4 => ("四级（高火险）", "grade 4 (high)"),
        _ => ("五级（极高火险）", "grade 5 (extremely high)"),
    };

    /// <summary>The day's rating given the dry days before it (a day with rain ≥ DryBelowMm is day 0 itself); null when an input is missing.</summary>
    public static FireDangerDay? Rate(FireDayWeather day, int dryDaysBefore, FireIndexTables tables)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(tables);
        if (!double.IsFinite(day.MaxTemperatureC) || !double.IsFinite(day.MinHumidityPct) || !double.IsFinite(day.MaxWindMs) || !double.IsFinite(day.RainMm))
        {
            return null;
        }

        var dryDays = day.RainMm < tables.DryBelowMm ? dryDaysBefore + 1 : 0;
        var t = tables.MaxTemperatureC.Score(day.MaxTemperatureC);
        var h = tables.MinHumidityPct.Score(day.MinHumidityPct);
        var d = Math.Min(tables.MaxDryDayPoints, tables.PointsPerDryDay * dryDays);
        var w = tables.MaxWindMs.Score(day.MaxWindMs);
        var r = tables.RainCorrectionMm.Score(day.RainMm);
        var index = Math.Max(0, t + h + d + w - r);
        var grade = 1 + tables.GradeUpTo.Count(top => index > top);
        return new FireDangerDay(day.Day, grade, index, t, h, d, w, r, dryDays);
    }

    /// <summary>The ratings of consecutive days, the dry days carried from each to the next from <paramref name="dryDaysBefore"/>.</summary>
    public static IReadOnlyList<FireDangerDay?> RateDays(IReadOnlyList<FireDayWeather> days, int dryDaysBefore, FireIndexTables tables)
    {
        ArgumentNullException.ThrowIfNull(days);
        var result = new List<FireDangerDay?>();
        var dry = dryDaysBefore;
        foreach (var day in days)
        {
            var rated = Rate(day, dry, tables);
            result.Add(rated);
            dry = rated?.DryDays ?? (double.IsFinite(day.RainMm) ? (day.RainMm < tables.DryBelowMm ? dry + 1 : 0) : 0);
        }

        return result;
    }
}
