using ClimateWarn.Core.TimeSeries;
using Microsoft.Data.Sqlite;

namespace ClimateWarn.Server.Store.Ops;

/// <summary>One ledger row: what a fetch, import or replay batch produced and wrote for one measurement.</summary>
public sealed record LedgerEntry(
    long Id,
    string Source,
    string Kind,
    string Key,
    string Parameters,
    string Measurement,
    IReadOnlyList<string> Places,
    DateTimeOffset? RangeFrom,
    DateTimeOffset? RangeTo,
    DateTimeOffset Recorded,
    long PointsProduced,
    long PointsWritten,
    long ValuesWritten,
    long Rejected,
    string Status,
    string? Error);

/// <summary>One retraining trial: the current model and the challenger on the same latest held-out window.</summary>
public sealed record ModelTrial(DateTimeOffset Time, string Hazard, string CurrentVersion, double CurrentBrier, string? ChallengerVersion,
    double ChallengerBrier, int HeldOutCases, bool Promoted, string Reason);

public sealed record DeadLetter(long Id, DateTimeOffset Time, string Line, string Reason);

/// <summary>
/// The operators' record (embedded SQLite, whichever time-series store is configured): the ingest ledger and the
/// dead-letter table of lines a store refused, each with the server's reason.
/// </summary>
public sealed class OpsDatabase(string path) : SqliteDatabase(path, Schema)
{
    private const string Schema = """
            CREATE TABLE IF NOT EXISTS ingest_ledger (
                id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL,
                parameters TEXT NOT NULL, measurement TEXT NOT NULL, places TEXT NOT NULL, range_from INTEGER, range_to INTEGER,
                recorded INTEGER NOT NULL, produced INTEGER NOT NULL, written INTEGER NOT NULL, values_written INTEGER NOT NULL,
                rejected INTEGER NOT NULL, status TEXT NOT NULL, error TEXT);
            CREATE INDEX IF NOT EXISTS ix_ingest_ledger_key ON ingest_ledger (key, id);
            CREATE TABLE IF NOT EXISTS model_trials (
                id INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL, hazard TEXT NOT NULL, current_version TEXT NOT NULL,
                current_brier REAL, challenger_version TEXT, challenger_brier REAL, held_out_cases INTEGER NOT NULL,
                promoted INTEGER NOT NULL, reason TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS dead_letters (
                id INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL, line TEXT NOT NULL, reason TEXT NOT NULL);
        """;

    public async Task RecordAsync(LedgerEntry e, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO ingest_ledger (source, kind, key, parameters, measurement, places, range_from, range_to, recorded,
                produced, written, values_written, rejected, status, error)
            VALUES ($s, $k, $key, $p, $m, $pl, $f, $t, $r, $pp, $pw, $vw, $rj, $st, $e);
            """;
        command.Parameters.AddWithValue("$s", e.Source);
        command.Parameters.AddWithValue("$k", e.Kind);
        command.Parameters.AddWithValue("$key", e.Key);
        command.Parameters.AddWithValue("$p", e.Parameters);
        command.Parameters.AddWithValue("$m", e.Measurement);
        command.Parameters.AddWithValue("$pl", string.Join(',', e.Places));
        command.Parameters.AddWithValue("$f", (object?)e.RangeFrom?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$t", (object?)e.RangeTo?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$r", e.Recorded.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$pp", e.PointsProduced);
        command.Parameters.AddWithValue("$pw", e.PointsWritten);
        command.Parameters.AddWithValue("$vw", e.ValuesWritten);
        command.Parameters.AddWithValue("$rj", e.Rejected);
        command.Parameters.AddWithValue("$st", e.Status);
        command.Parameters.AddWithValue("$e", (object?)e.Error ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Ledger rows, newest first; <paramref name="latestPerKey"/> keeps only the last row of each key.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> LedgerAsync(int limit, bool latestPerKey, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = latestPerKey
            ? "SELECT * FROM ingest_ledger WHERE id IN (SELECT MAX(id) FROM ingest_ledger GROUP BY key, measurement) ORDER BY id DESC LIMIT $l"
            : "SELECT * FROM ingest_ledger ORDER BY id DESC LIMIT $l";
        command.Parameters.AddWithValue("$l", limit);
        var result = new List<LedgerEntry>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            DateTimeOffset? Time(string c) => r.IsDBNull(r.GetOrdinal(c)) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(r.GetOrdinal(c)));
            result.Add(new LedgerEntry(
                r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
                r.GetString(6).Split(',', StringSplitOptions.RemoveEmptyEntries), Time("range_from"), Time("range_to"),
                DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)), r.GetInt64(10), r.GetInt64(11), r.GetInt64(12), r.GetInt64(13),
                r.GetString(14), r.IsDBNull(15) ? null : r.GetString(15)));
        }

        return result;
    }

    public async Task RecordTrialAsync(ModelTrial t, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(t);
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO model_trials (time, hazard, current_version, current_brier, challenger_version, challenger_brier, held_out_cases, promoted, reason)
            VALUES ($t, $h, $cv, $cb, $xv, $xb, $n, $p, $r)
            """;
        command.Parameters.AddWithValue("$t", t.Time.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$h", t.Hazard);
        command.Parameters.AddWithValue("$cv", t.CurrentVersion);
        command.Parameters.AddWithValue("$cb", double.IsFinite(t.CurrentBrier) ? t.CurrentBrier : DBNull.Value);
        command.Parameters.AddWithValue("$xv", (object?)t.ChallengerVersion ?? DBNull.Value);
        command.Parameters.AddWithValue("$xb", double.IsFinite(t.ChallengerBrier) ? t.ChallengerBrier : DBNull.Value);
        command.Parameters.AddWithValue("$n", t.HeldOutCases);
        command.Parameters.AddWithValue("$p", t.Promoted ? 1 : 0);
        command.Parameters.AddWithValue("$r", t.Reason);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ModelTrial>> TrialsAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT time, hazard, current_version, current_brier, challenger_version, challenger_brier, held_out_cases, promoted, reason FROM model_trials ORDER BY id DESC LIMIT $l";
        command.Parameters.AddWithValue("$l", limit);
        var result = new List<ModelTrial>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            result.Add(new ModelTrial(DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(0)), r.GetString(1), r.GetString(2),
                r.IsDBNull(3) ? double.NaN : r.GetDouble(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? double.NaN : r.GetDouble(5),
                r.GetInt32(6), r.GetInt32(7) == 1, r.GetString(8)));
        }

        return result;
    }

    public async Task AddDeadLetterAsync(DateTimeOffset time, string line, string reason, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO dead_letters (time, line, reason) VALUES ($t, $l, $r)";
        command.Parameters.AddWithValue("$t", time.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$l", line);
        command.Parameters.AddWithValue("$r", reason);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, time, line, reason FROM dead_letters ORDER BY id DESC LIMIT $l";
        command.Parameters.AddWithValue("$l", limit);
        var result = new List<DeadLetter>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            result.Add(new DeadLetter(r.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetString(2), r.GetString(3)));
        }

        return result;
    }

}

/// <summary>Builds ledger rows from the points of one batch: one row per measurement, with its places and time range.</summary>
public static class Ledger
{
    public static IEnumerable<LedgerEntry> Rows(string source, string kind, string key, string parameters, IReadOnlyCollection<TimeSeriesPoint> points,
        long rejected, DateTimeOffset now, string status, string? error)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            yield return new LedgerEntry(0, source, kind, key, parameters, "-", [], null, null, now, 0, 0, 0, rejected, status, error);
            yield break;
        }

        foreach (var g in points.GroupBy(p => p.Measurement, StringComparer.Ordinal))
        {
            var written = status == "ok" ? g.Count() : 0;
            yield return new LedgerEntry(0, source, kind, key, parameters, g.Key,
                [.. g.Select(p => p.Tags.GetValueOrDefault(Tags.Place, string.Empty)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                g.Min(p => p.Timestamp), g.Max(p => p.Timestamp), now, g.Count(), written,
                status == "ok" ? g.Sum(p => (long)p.Fields.Count) : 0, rejected, status, error);
        }
    }
}
