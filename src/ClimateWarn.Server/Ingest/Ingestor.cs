using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Store.Ops;

namespace ClimateWarn.Server.Ingest;

/// <summary>Told after every ingest run of any source, with the run's time: the forecast cycle (assess, warn) listens.</summary>
public interface IIngestListener
{
    /// <returns>Problems to report with the run (a district that could not be assessed…); empty when all went well.</returns>
    Task<IReadOnlyList<string>> IngestedAsync(string source, DateTimeOffset now, CancellationToken cancellationToken);
}

public sealed class IngestFailedException(string message) : Exception(message);

/// <summary>
/// One ingest run of one source: fetch every district (one failing district never stops the others), store the
/// points, write the ledger rows and the source's health, then tell the listeners. A failed fetch is recorded and the
/// run reported failed; the data already stored stays.
/// </summary>
public sealed partial class Ingestor(
    ITimeSeriesStore store,
    PlaceCatalog places,
    SourceHealth health,
    OpsDatabase ops,
    IEnumerable<IIngestListener> listeners,
    ILogger<Ingestor> logger)
{
    private readonly IIngestListener[] _listeners = [.. listeners];

    /// <exception cref="IngestFailedException">A district could not be fetched or a listener reported a problem.</exception>
    public async Task RunAsync(IForecastSource source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var failures = new List<string>();
        foreach (var district in places.Districts)
        {
            if (await FetchAsync(source, district, now, cancellationToken) is { } failure)
            {
                failures.Add(failure);
            }
        }

        foreach (var listener in _listeners)
        {
            failures.AddRange(await listener.IngestedAsync(source.Name, now, cancellationToken));
        }

        if (failures.Count > 0)
        {
            throw new IngestFailedException(string.Join("; ", failures));
        }
    }

    private async Task<string?> FetchAsync(IForecastSource source, District district, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = $"{source.LedgerKind}:{source.Name}:{district.Code}:{now:yyyyMMddTHHmmssZ}";
        var parameters = $"{{\"district\":\"{district.Code}\",\"cells\":{district.Cells.Count},\"run\":\"{now:O}\"}}";
        try
        {
            var batch = await source.FetchAsync(district, now, cancellationToken);
            var written = await store.WriteAsync(batch.Points, cancellationToken);
            // A replayed district without a station of its own has nothing to record, step after step.
            var rows = batch.Points.Count == 0 && source.LedgerKind == "replay" ? []
                : Ledger.Rows(source.Name, source.LedgerKind, key, parameters, batch.Points, batch.Rejected + batch.NullsSkipped, now, "ok", null);
            foreach (var row in rows)
            {
                await ops.RecordAsync(row, cancellationToken);
            }

            health.Succeeded(source.Name, written, batch.NullsSkipped, batch.Rejected);
            LogFetched(logger, source.Name, district.Code, batch.Points.Count, batch.NullsSkipped, batch.Rejected);
            foreach (var problem in batch.Problems)
            {
                LogRejected(logger, source.Name, district.Code, problem);
            }

            return null;
        }
#pragma warning disable CA1031 // One failing district or source never stops the others; the failure is recorded and the run marked failed.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogFetchFailed(logger, source.Name, district.Code, ex.Message);
            // The ledger row first, then the health: whoever sees the source failing finds the failure in the ledger too.
            try
            {
                await ops.RecordAsync(new LedgerEntry(0, source.Name, source.LedgerKind, key, parameters, "-", [], null, null, now, 0, 0, 0, 0, "failed", ex.Message), cancellationToken);
            }
            finally
            {
                health.Failed(source.Name, ex.Message);
            }

            return ex.Message;
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "{Source} {District}: {Points} points, {Nulls} nulls skipped, {Rejected} values rejected")]
    private static partial void LogFetched(ILogger logger, string source, string district, int points, int nulls, int rejected);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "{Source} {District}: rejected {Problem}")]
    private static partial void LogRejected(ILogger logger, string source, string district, string problem);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "{Source} {District}: fetch failed, stored data kept: {Reason}")]
    private static partial void LogFetchFailed(ILogger logger, string source, string district, string reason);
}
