using ClimateWarn.Core.Places;
using ClimateWarn.Core.TimeSeries;

namespace ClimateWarn.Server.Ingest;

/// <summary>
/// The ingestion interface every forecast source implements (Open-Meteo live, the ISD-Lite replay): the points for
/// one district's grid cells, observations for hours up to now and forecasts after it.
/// </summary>
public interface IForecastSource
{
    string Name { get; }

    /// <summary>How the ingest ledger files this source's batches: "fetch" for upstream calls, "replay" for recorded data.</summary>
    string LedgerKind => "fetch";

    Task<SourceBatch> FetchAsync(District district, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>What a fetch produced, with the values it refused (nulls, absurd readings) counted and explained.</summary>
public sealed record SourceBatch(IReadOnlyList<TimeSeriesPoint> Points, int NullsSkipped, int Rejected, IReadOnlyList<string> Problems);

/// <summary>A failure of a source: <see cref="Transient"/> ones may succeed on the next run, permanent ones need a person.</summary>
public sealed class SourceException(string source, string message, bool transient, Exception? inner = null)
    : Exception($"{source}: {message}", inner)
{
    public string SourceName { get; } = source;

    public bool Transient { get; } = transient;
}
