using ClimateWarn.Core.TimeSeries;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

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
/// The operators' record, whichever time-series store is configured: the ingest ledger, the model trials and the
/// dead-letter table of lines a store refused, each with the server's reason. One node: an embedded SQLite file in the
/// data directory. A cluster: the shared PostgreSQL (<see cref="Postgres"/>), so every node's rows are in one ledger.
/// The statements are the same on both (named parameters, LIMIT); only the schema's types differ.
/// </summary>
public sealed class OpsDatabase
{
    private const string SqliteSchema = """
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

    private const string PostgresSchema = """
            CREATE TABLE IF NOT EXISTS ingest_ledger (
                id BIGSERIAL PRIMARY KEY, source TEXT NOT NULL, kind TEXT NOT NULL, key TEXT NOT NULL,
                parameters TEXT NOT NULL, measurement TEXT NOT NULL, places TEXT NOT NULL, range_from BIGINT, range_to BIGINT,
                recorded BIGINT NOT NULL, produced BIGINT NOT NULL, written BIGINT NOT NULL, values_written BIGINT NOT NULL,
                rejected BIGINT NOT NULL, status TEXT NOT NULL, error TEXT);
            CREATE INDEX IF NOT EXISTS ix_ingest_ledger_key ON ingest_ledger (key, id);
            CREATE TABLE IF NOT EXISTS model_trials (
                id BIGSERIAL PRIMARY KEY, time BIGINT NOT NULL, hazard TEXT NOT NULL, current_version TEXT NOT NULL,
                current_brier DOUBLE PRECISION, challenger_version TEXT, challenger_brier DOUBLE PRECISION, held_out_cases INTEGER NOT NULL,
                promoted INTEGER NOT NULL, reason TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS dead_letters (
                id BIGSERIAL PRIMARY KEY, time BIGINT NOT NULL, line TEXT NOT NULL, reason TEXT NOT NULL);
        """;

    private readonly Func<CancellationToken, Task<DbConnection>> _open;
    private readonly bool _postgres;

    /// <summary>The embedded file at <paramref name="path"/> (created, with its schema, now).</summary>
    public OpsDatabase(string path)
    {
        var file = new EmbeddedFile(path);
        _open = _ => Task.FromResult<DbConnection>(file.OpenConnection());
    }

    private OpsDatabase(Func<CancellationToken, Task<DbConnection>> open)
    {
        _open = open;
        _postgres = true;
    }

    /// <summary>
    /// The tables in the shared PostgreSQL, created at first use (under an advisory lock, so two nodes starting together
    /// do not race): a database that is away at start-up is reported by the first operation, not by a refused start.
    /// </summary>
    public static OpsDatabase Postgres(string connectionString)
    {
        var source = NpgsqlDataSource.Create(connectionString);
        var ready = 0;
        return new OpsDatabase(async ct =>
        {
            var connection = await source.OpenConnectionAsync(ct);
            if (Volatile.Read(ref ready) == 0)
            {
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('climatewarn:ops-schema', 0));\n" + PostgresSchema, connection, transaction);
                await command.ExecuteNonQueryAsync(ct);
                await transaction.CommitAsync(ct);
                Volatile.Write(ref ready, 1);
            }

            return connection;
        });
    }

    private sealed class EmbeddedFile(string path) : SqliteDatabase(path, SqliteSchema)
    {
        public SqliteConnection OpenConnection() => Open();
    }

    private async Task<DbConnection> Open(CancellationToken cancellationToken) => await _open(cancellationToken);

    /// <summary>PostgreSQL's text holds no NUL character; a refused line that had one keeps it visible as \0.</summary>
    private string Text(string value) => _postgres ? value.Replace("\0", "\\0", StringComparison.Ordinal) : value;

    private static void Add(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
    }

    public async Task RecordAsync(LedgerEntry e, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        await using var connection = await Open(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO ingest_ledger (source, kind, key, parameters, measurement, places, range_from, range_to, recorded,
                produced, written, values_written, rejected, status, error)
            VALUES (@s, @k, @key, @p, @m, @pl, @f, @t, @r, @pp, @pw, @vw, @rj, @st, @e);
            """;
        Add(command, "@s", e.Source);
        Add(command, "@k", e.Kind);
        Add(command, "@key", e.Key);
        Add(command, "@p", Text(e.Parameters));
        Add(command, "@m", e.Measurement);
        Add(command, "@pl", string.Join(',', e.Places));
        Add(command, "@f", (object?)e.RangeFrom?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        Add(command, "@t", (object?)e.RangeTo?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        Add(command, "@r", e.Recorded.ToUnixTimeMilliseconds());
        Add(command, "@pp", e.PointsProduced);
        Add(command, "@pw", e.PointsWritten);
        Add(command, "@vw", e.ValuesWritten);
        Add(command, "@rj", e.Rejected);
        Add(command, "@st", e.Status);
        Add(command, "@e", e.Error is null ? DBNull.Value : Text(e.Error));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Ledger rows, newest first; <paramref name="latestPerKey"/> keeps only the last row of each key.</summary>
    public async Task<IReadOnlyList<LedgerEntry>> LedgerAsync(int limit, bool latestPerKey, CancellationToken cancellationToken)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = latestPerKey
            ? "SELECT * FROM ingest_ledger WHERE id IN (SELECT MAX(id) FROM ingest_ledger GROUP BY key, measurement) ORDER BY id DESC LIMIT @l"
            : "SELECT * FROM ingest_ledger ORDER BY id DESC LIMIT @l";
        Add(command, "@l", limit);
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
        await using var connection = await Open(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO model_trials (time, hazard, current_version, current_brier, challenger_version, challenger_brier, held_out_cases, promoted, reason)
            VALUES (@t, @h, @cv, @cb, @xv, @xb, @n, @p, @r)
            """;
        Add(command, "@t", t.Time.ToUnixTimeMilliseconds());
        Add(command, "@h", t.Hazard);
        Add(command, "@cv", t.CurrentVersion);
        Add(command, "@cb", double.IsFinite(t.CurrentBrier) ? t.CurrentBrier : DBNull.Value);
        Add(command, "@xv", (object?)t.ChallengerVersion ?? DBNull.Value);
        Add(command, "@xb", double.IsFinite(t.ChallengerBrier) ? t.ChallengerBrier : DBNull.Value);
        Add(command, "@n", t.HeldOutCases);
        Add(command, "@p", t.Promoted ? 1 : 0);
        Add(command, "@r", t.Reason);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ModelTrial>> TrialsAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT time, hazard, current_version, current_brier, challenger_version, challenger_brier, held_out_cases, promoted, reason FROM model_trials ORDER BY id DESC LIMIT @l";
        Add(command, "@l", limit);
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
        await using var connection = await Open(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO dead_letters (time, line, reason) VALUES (@t, @l, @r)";
        Add(command, "@t", time.ToUnixTimeMilliseconds());
        Add(command, "@l", Text(line));
        Add(command, "@r", Text(reason));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await Open(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, time, line, reason FROM dead_letters ORDER BY id DESC LIMIT @l";
        Add(command, "@l", limit);
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
