using ClimateWarn.Core.TimeSeries;

namespace ClimateWarn.Server.Skill;

/// <summary>Reads of the forecast archive the pages share (docs/ensembles.md).</summary>
public static class ArchiveReads
{
    /// <summary>The fields of the newest run of <paramref name="measurement"/> at one place within the last day, and that run's time; empty when none.</summary>
    public static async Task<(DateTimeOffset? Run, Dictionary<string, double> Fields)> LatestAsync(ITimeSeriesStore store, string measurement, string place,
        IReadOnlyCollection<string> fields, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Count == 0)
        {
            return (null, []);
        }

        var values = await store.ReadAsync(new TimeSeriesQuery(measurement, [place], fields, now.AddDays(-1), now.AddTicks(1)), cancellationToken);
        if (values.Count == 0)
        {
            return (null, []);
        }

        var newest = values.Max(x => x.Timestamp);
        return (newest, values.Where(v => v.Timestamp == newest).ToDictionary(v => v.Field, v => v.Value, StringComparer.Ordinal));
    }
}
