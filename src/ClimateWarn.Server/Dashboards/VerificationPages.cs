using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Store.Relational;
using ClimateWarn.Server.Warn;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace ClimateWarn.Server.Dashboards;

/// <summary>One page of warnings, each with its messages oldest first; <see cref="NextBeforeSeq"/> asks for the next page, null on the last.</summary>
public sealed record VerificationWarnings(IReadOnlyList<IReadOnlyList<Warning>> Warnings, long? NextBeforeSeq);

/// <summary>
/// The warnings of one verification page, newest first by the database key: the sequence column of each warning's latest
/// message, never the sequence written inside its JSON. Only that page's messages are read, and once per state of the
/// log: the page is cached under the log's highest sequence, so a new message makes a new entry and the old ones age out.
/// </summary>
public sealed class VerificationPages(IDbContextFactory<WarningsDb> databases, IMemoryCache cache)
{
    public const int MaxPage = 100;

    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(5);

    public async Task<VerificationWarnings> GetAsync(long? beforeSeq, int limit, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var highest = await db.Messages.MaxAsync(m => (long?)m.Seq, cancellationToken) ?? 0;
        var key = (nameof(VerificationPages), highest, beforeSeq, limit);
        if (cache.TryGetValue(key, out VerificationWarnings? cached) && cached is not null)
        {
            return cached;
        }

        var before = beforeSeq ?? long.MaxValue;
        var latest = await db.Messages.GroupBy(m => m.WarningId).Select(g => new { Id = g.Key, Last = g.Max(m => m.Seq) })
            .Where(w => w.Last < before).OrderByDescending(w => w.Last).Take(limit).ToListAsync(cancellationToken);
        var ids = latest.ConvertAll(w => w.Id);
        var rows = await db.Messages.Where(m => ids.Contains(m.WarningId)).OrderBy(m => m.Seq)
            .Select(m => new { m.Seq, m.WarningId, m.Json }).ToListAsync(cancellationToken);
        var byId = rows.GroupBy(r => r.WarningId).ToDictionary(g => g.Key,
            g => (IReadOnlyList<Warning>)[.. g.Select(r => WarningLog.Parse(r.Json) with { Id = r.WarningId, Sequence = r.Seq })]);
        var page = new VerificationWarnings([.. latest.Select(w => byId[w.Id])], latest.Count == limit ? latest[^1].Last : null);
        cache.Set(key, page, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Keep });
        return page;
    }
}
