using System.Collections.Concurrent;

namespace ClimateWarn.Server.Ingest;

public sealed record SourceStatus(string Source, DateTimeOffset? LastSuccess, DateTimeOffset? LastFailure, string? LastError, long PointsWritten, long NullsSkipped, long Rejected)
{
    public bool Failing => LastFailure is { } f && (LastSuccess is not { } s || f >= s);
}

/// <summary>Each source's last success and failure; feeds /health/ready and the operators' view of data freshness.</summary>
public sealed class SourceHealth(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SourceStatus> _status = new(StringComparer.Ordinal);

    public IReadOnlyCollection<SourceStatus> All => [.. _status.Values.OrderBy(s => s.Source, StringComparer.Ordinal)];

    public void Expect(string source) => _status.TryAdd(source, new SourceStatus(source, null, null, null, 0, 0, 0));

    public void Succeeded(string source, int written, int nulls, int rejected) =>
        _status.AddOrUpdate(source,
            _ => new SourceStatus(source, time.GetUtcNow(), null, null, written, nulls, rejected),
            (_, s) => s with { LastSuccess = time.GetUtcNow(), PointsWritten = s.PointsWritten + written, NullsSkipped = s.NullsSkipped + nulls, Rejected = s.Rejected + rejected });

    public void Failed(string source, string error) =>
        _status.AddOrUpdate(source,
            _ => new SourceStatus(source, null, time.GetUtcNow(), error, 0, 0, 0),
            (_, s) => s with { LastFailure = time.GetUtcNow(), LastError = error });
}
