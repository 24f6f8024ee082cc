namespace ClimateWarn.Core.Hazards;

/// <summary>Where an amount (rain, snow water) reaches a total over a window of hours: the windows that do, and the most.</summary>
public readonly record struct AccumulationHit(int FirstStart, int LastEnd, double Best);

public static class Accumulation
{
    /// <summary>
    /// Every window of <paramref name="hours"/> hours that ends in [now, now + hours] (a value is the amount of the hour ending
    /// at its timestamp, so the next H hours are the H values after now); the windows may start before now, so what has
    /// already fallen counts ("已达…且可能持续"). Missing hours count as nothing fell.
    /// </summary>
    public static AccumulationHit? Find(ReadOnlySpan<double> amounts, int now, int hours, double atLeast)
    {
        int firstStart = -1, lastEnd = -1;
        var best = 0.0;
        for (var end = now; end <= Math.Min(amounts.Length - 1, now + hours); end++)
        {
            var sum = 0.0;
            for (var i = Math.Max(0, end - hours + 1); i <= end; i++)
            {
                sum += double.IsFinite(amounts[i]) ? amounts[i] : 0;
            }

            // Amounts come in 0.1 mm; the tolerance only absorbs binary rounding of the sum.
            if (sum >= atLeast - 1e-6)
            {
                firstStart = firstStart < 0 ? Math.Max(0, end - hours + 1) : firstStart;
                lastEnd = end;
                best = Math.Max(best, sum);
            }
        }

        return lastEnd >= 0 ? new AccumulationHit(firstStart, lastEnd, best) : null;
    }

    /// <summary>The signal of <paramref name="level"/> if <see cref="Find"/> reaches the amount from now on, else null.</summary>
    public static HazardSignal? Signal(AssessmentWindow window, string hazard, SignalLevel level, ReadOnlySpan<double> amounts, int hours, double atLeast, Func<double, string> basis)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(basis);
        var (now, _) = window.Ahead(0);
        return Find(amounts, now, hours, atLeast) is { } hit
            ? new HazardSignal(hazard, level, window.Weather.TimeAt(hit.FirstStart), window.Weather.TimeAt(hit.LastEnd + 1), hit.Best, basis(hit.Best))
            : null;
    }
}
