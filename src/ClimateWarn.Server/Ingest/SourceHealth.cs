using System.Collections.Concurrent;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Ingest;

public sealed record SourceStatus(string Source, DateTimeOffset? LastSuccess, DateTimeOffset? LastFailure, string? LastError, long PointsWritten, long NullsSkipped, long Rejected)
{
    public bool Failing => LastFailure is { } f && (LastSuccess is not { } s || f >= s);
}

/// <summary>Each source's last success and failure; feeds /health/ready and the operators' view of data freshness.</summary>
/// <remarks>Times are the pipeline's (simulated in a replay), as the pages compare them with the server's pipeline time.</remarks>
public sealed class SourceHealth(PipelineClock clock)
{
    private readonly ConcurrentDictionary<string, SourceStatus> _status = new(StringComparer.Ordinal);

    public IReadOnlyCollection<SourceStatus> All => [.. _status.Values.OrderBy(s => s.Source, StringComparer.Ordinal)];

    public void Expect(string source) => _status.TryAdd(source, new SourceStatus(source, null, null, null, 0, 0, 0));

    public void Succeeded(string source, int written, int nulls, int rejected) =>
        _status.AddOrUpdate(source,
            _ => new SourceStatus(source, clock.Now, null, null, written, nulls, rejected),
            (_, s) => s with { LastSuccess = clock.Now, PointsWritten = s.PointsWritten + written, NullsSkipped = s.NullsSkipped + nulls, Rejected = s.Rejected + rejected });

    public void Failed(string source, string error) =>
        _status.AddOrUpdate(source,
            _ => new SourceStatus(source, null, clock.Now, error, 0, 0, 0),
            (_, s) => s with { LastFailure = clock.Now, LastError = error });
}
