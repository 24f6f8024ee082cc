using System.Text.Json;
using ClimateWarn.Core.Warnings;
using Microsoft.Data.Sqlite;

namespace ClimateWarn.Server.Warnings;

/// <summary>
/// Every pushed warning message, in sequence order, in the embedded warnings database. The sequence only grows, across
/// restarts too, so a client that saw N can always ask for what came after it.
/// </summary>
public sealed class WarningLog(string path) : Storage.SqliteDatabase(path, Schema)
{
    private const string Schema = """
            CREATE TABLE IF NOT EXISTS warning_messages (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                warning_id TEXT NOT NULL,
                action TEXT NOT NULL,
                created INTEGER NOT NULL,
                json TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_warning_messages_id ON warning_messages (warning_id, seq);
            CREATE TABLE IF NOT EXISTS outbox (
                id INTEGER PRIMARY KEY AUTOINCREMENT, seq INTEGER NOT NULL, channel TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt INTEGER NOT NULL DEFAULT 0, delivered INTEGER, parked TEXT, last_error TEXT,
                UNIQUE (seq, channel));
            CREATE INDEX IF NOT EXISTS ix_outbox_due ON outbox (delivered, parked, next_attempt);
        """;

    /// <summary>Raised right after a message's transaction commits (its sequence), for instrumentation such as the delivery benchmark.</summary>
    public event Action<long>? Committed;

    /// <summary>
    /// Stores the message and, in the same transaction, one outbox row per delivery channel: if the message is stored,
    /// its deliveries are owed, whatever happens to the process next. Returns it with its sequence number.
    /// </summary>
    public async Task<Warning> AppendAsync(Warning warning, IReadOnlyList<string> channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(warning);
        await using var connection = Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO warning_messages (warning_id, action, created, json) VALUES ($id, $a, $c, '{}'); SELECT last_insert_rowid();";
        insert.Parameters.AddWithValue("$id", warning.Id);
        insert.Parameters.AddWithValue("$a", warning.Action.ToString());
        insert.Parameters.AddWithValue("$c", warning.UpdatedAt.ToUnixTimeMilliseconds());
        var seq = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
        var stored = warning with { Sequence = seq };
        await using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE warning_messages SET json = $j WHERE seq = $s";
        update.Parameters.AddWithValue("$j", JsonSerializer.Serialize(stored, WarningJson.Options));
        update.Parameters.AddWithValue("$s", seq);
        await update.ExecuteNonQueryAsync(cancellationToken);
        foreach (var channel in channels)
        {
            await using var outbox = connection.CreateCommand();
            outbox.Transaction = transaction;
            outbox.CommandText = "INSERT INTO outbox (seq, channel) VALUES ($s, $c)";
            outbox.Parameters.AddWithValue("$s", seq);
            outbox.Parameters.AddWithValue("$c", channel);
            await outbox.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        Committed?.Invoke(seq);
        return stored;
    }

    public async Task<IReadOnlyList<Warning>> AfterAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM warning_messages WHERE seq > $s ORDER BY seq LIMIT $l";
        command.Parameters.AddWithValue("$s", afterSequence);
        command.Parameters.AddWithValue("$l", limit);
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>The latest message of every warning whose latest message is not a lift.</summary>
    public async Task<IReadOnlyList<Warning>> ActiveAsync(CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT m.json FROM warning_messages m
            JOIN (SELECT warning_id, MAX(seq) AS seq FROM warning_messages GROUP BY warning_id) last ON last.seq = m.seq
            WHERE m.action <> 'Lifted' ORDER BY m.seq;
            """;
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Every message of one warning, oldest first.</summary>
    public async Task<IReadOnlyList<Warning>> ForWarningAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM warning_messages WHERE warning_id = $id ORDER BY seq";
        command.Parameters.AddWithValue("$id", id);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<long> LastSequenceAsync(CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM warning_messages";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<IReadOnlyList<Warning>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var result = new List<Warning>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(JsonSerializer.Deserialize<Warning>(reader.GetString(0), WarningJson.Options)!);
        }

        return result;
    }

}
