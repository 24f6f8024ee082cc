namespace ClimateWarn.Risk.Models;

/// <summary>
/// The climatology baseline of every hazard: the training cases' event frequency for the target's month, or the
/// nearest earlier month's, or the overall one (0.5 without cases).
/// </summary>
public sealed class MonthlyClimatology
{
    private readonly Dictionary<int, double> _monthly;
    private readonly double _overall;

    public MonthlyClimatology(IEnumerable<(int Month, bool Event)> training)
    {
        var list = training.ToList();
        _monthly = list.GroupBy(c => c.Month).ToDictionary(g => g.Key, g => g.Average(c => c.Event ? 1.0 : 0.0));
        _overall = list.Count == 0 ? 0.5 : list.Average(c => c.Event ? 1.0 : 0.0);
    }

    public double For(int month)
    {
        for (var m = month; m >= 1; m--)
        {
            if (_monthly.TryGetValue(m, out var p))
            {
                return p;
            }
        }

        return _overall;
    }
}
