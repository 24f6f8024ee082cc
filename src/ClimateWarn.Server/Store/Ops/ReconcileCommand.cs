using System.CommandLine;
using System.Globalization;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Store.Ops;

/// <summary>
/// `reconcile`: for the latest ledger row of every key, counts the field values the store holds for that source,
/// places and time range, and prints any difference. Fewer than the ledger says is a loss (exit code 1). More is
/// expected where batches overlap (hourly forecast runs rewrite the same hours; another import of the same station).
/// </summary>
public static class ReconcileCommand
{
    public static Command Create(VerbHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var command = new Command("reconcile", "Check the ingest ledger against the store: exit code 1 when the store lost values");
        command.SetAction((result, ct) => host((services, token) => RunAsync(services, result.InvocationConfiguration.Output, token), ct));
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken)
    {
        var ops = services.GetRequiredService<OpsDatabase>();
        var store = services.GetRequiredService<ITimeSeriesStore>();
        var rows = (await ops.LedgerAsync(100_000, latestPerKey: true, cancellationToken)).Where(r => r.Measurement != "-" && r.RangeFrom is not null).ToList();
        var deadLetters = (await ops.DeadLettersAsync(100_000, cancellationToken)).Count;
        var missing = 0;
        await output.WriteLineAsync("key | measurement | ledger values | store values | status");
        foreach (var row in rows.OrderBy(r => r.Id))
        {
            var stored = await store.CountValuesAsync(row.Measurement, row.Source, row.Places, row.RangeFrom!.Value, row.RangeTo!.Value, cancellationToken);
            var status = stored == row.ValuesWritten ? "ok"
                : stored > row.ValuesWritten ? "ok (store holds more: overlapping batches)"
                : $"MISSING {row.ValuesWritten - stored}";
            missing += stored < row.ValuesWritten ? 1 : 0;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{row.Key} | {row.Measurement} | {row.ValuesWritten} | {stored} | {status}"));
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"reconcile: {rows.Count} ledger rows, {missing} with missing values, {deadLetters} dead letters (GET /api/ops/dead-letters)"));
        return missing == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
