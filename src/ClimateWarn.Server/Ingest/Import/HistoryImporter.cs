using System.Security.Cryptography;
using System.Text.Json;
using ClimateWarn.Core.TimeSeries;
using ClimateWarn.Server.Store.Ops;

namespace ClimateWarn.Server.Ingest.Import;

public sealed record ImportReport(string File, long Produced, long Written, long Rejected, IReadOnlyList<ImportProblem> Problems);

/// <summary>
/// Streams a history file through a parser into the configured store, a few batches in flight, so memory stays flat
/// however large the file. Malformed rows are reported with file, line and reason; the rest is imported; the ledger
/// records both counts under a key made of the format and the file's SHA-256, so a repeated import is recognised.
/// </summary>
public sealed class HistoryImporter(ITimeSeriesStore store, OpsDatabase ops, TimeProvider time)
{
    public const int BatchSize = 5_000;
    private const int InFlight = 3;
    private const int KeptProblems = 1_000;

    public async Task<ImportReport> ImportAsync(IHistoryParser parser, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parser);
        var parameters = JsonSerializer.Serialize(new { format = parser.Format, file = Path.GetFullPath(path), bytes = new FileInfo(path).Length });
        var summary = new Dictionary<string, (string Source, HashSet<string> Places, DateTimeOffset From, DateTimeOffset To, long Points, long Values)>(StringComparer.Ordinal);
        var problems = new List<ImportProblem>();
        long produced = 0, rejected = 0;
        var batch = new List<TimeSeriesPoint>(BatchSize);
        var flying = new Queue<Task>();
        using var sha = SHA256.Create();
        // The file is hashed as it is read (one pass): the ledger key is format + content hash.
        await using (var file = File.OpenRead(path))
        await using (var hashing = new CryptoStream(file, sha, CryptoStreamMode.Read, leaveOpen: true))
        using (var reader = new StreamReader(hashing))
        {
            foreach (var item in parser.Parse(reader, path))
            {
                if (item.Problem is { } problem)
                {
                    rejected += item.Point is null ? 1 : 0;
                    if (problems.Count < KeptProblems)
                    {
                        problems.Add(problem);
                    }
                }

                if (item.Point is not { } point)
                {
                    continue;
                }

                produced++;
                Summarise(summary, point);
                batch.Add(point);
                if (batch.Count == BatchSize)
                {
                    await SendAsync(batch, flying, cancellationToken);
                    batch = new List<TimeSeriesPoint>(BatchSize);
                }
            }
        }

        if (batch.Count > 0)
        {
            await SendAsync(batch, flying, cancellationToken);
        }

        await Task.WhenAll(flying);
        var key = $"import:{parser.Format}:{Convert.ToHexStringLower(sha.Hash!)[..16]}";
        foreach (var (measurement, s) in summary)
        {
            await ops.RecordAsync(new LedgerEntry(0, s.Source, "import", key, parameters, measurement, [.. s.Places.Order(StringComparer.Ordinal)],
                s.From, s.To, time.GetUtcNow(), s.Points, s.Points, s.Values, rejected, "ok", null), cancellationToken);
        }

        if (summary.Count == 0)
        {
            await ops.RecordAsync(new LedgerEntry(0, parser.Format, "import", key, parameters, "-", [], null, null, time.GetUtcNow(), 0, 0, 0, rejected,
                rejected > 0 ? "rejected" : "empty", problems.FirstOrDefault()?.ToString()), cancellationToken);
        }

        return new ImportReport(path, produced, produced, rejected, problems);
    }

    private async Task SendAsync(List<TimeSeriesPoint> batch, Queue<Task> flying, CancellationToken cancellationToken)
    {
        flying.Enqueue(store.WriteAsync(batch, cancellationToken));
        while (flying.Count >= InFlight)
        {
            await flying.Dequeue();
        }
    }

    private static void Summarise(Dictionary<string, (string Source, HashSet<string> Places, DateTimeOffset From, DateTimeOffset To, long Points, long Values)> summary, TimeSeriesPoint p)
    {
        var place = p.Tags.GetValueOrDefault(Tags.Place, string.Empty);
        if (!summary.TryGetValue(p.Measurement, out var s))
        {
            s = (p.Tags.GetValueOrDefault(Tags.Source, string.Empty), [], p.Timestamp, p.Timestamp, 0, 0);
        }

        s.Places.Add(place);
        summary[p.Measurement] = (s.Source, s.Places, p.Timestamp < s.From ? p.Timestamp : s.From, p.Timestamp > s.To ? p.Timestamp : s.To, s.Points + 1, s.Values + p.Fields.Count);
    }
}
