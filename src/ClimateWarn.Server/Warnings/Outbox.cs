using System.Text.Json;
using ClimateWarn.Core.Warnings;
using Microsoft.Data.Sqlite;

namespace ClimateWarn.Server.Warnings;

public sealed record OutboxItem(long Id, long Sequence, string Channel, int Attempts, Warning Warning);

public sealed record DeliveryState(long Id, long Sequence, string Channel, int Attempts, DateTimeOffset? Delivered, string? Parked, string? LastError);

/// <summary>The outbox rows beside the warning messages (same database file, written in the message's transaction).</summary>
public sealed class Outbox(string path) : Storage.SqliteDatabase(path, schema: string.Empty)
{
    public async Task<IReadOnlyList<OutboxItem>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT o.id, o.seq, o.channel, o.attempts, m.json FROM outbox o JOIN warning_messages m ON m.seq = o.seq
            WHERE o.delivered IS NULL AND o.parked IS NULL AND o.next_attempt <= $now ORDER BY o.seq, o.id LIMIT $l
            """;
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$l", limit);
        var result = new List<OutboxItem>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            result.Add(new OutboxItem(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetInt32(3), JsonSerializer.Deserialize<Warning>(r.GetString(4), WarningJson.Options)!));
        }

        return result;
    }

    public Task DeliveredAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE outbox SET delivered = $t, attempts = attempts + 1, last_error = NULL WHERE id = $id", cancellationToken, ("$t", now.ToUnixTimeMilliseconds()), ("$id", id));

    public Task FailedAsync(long id, DateTimeOffset retryAt, string error, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE outbox SET attempts = attempts + 1, next_attempt = $t, last_error = $e WHERE id = $id", cancellationToken,
            ("$t", retryAt.ToUnixTimeMilliseconds()), ("$e", error), ("$id", id));

    public Task ParkAsync(long id, string reason, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE outbox SET attempts = attempts + 1, parked = $r, last_error = $r WHERE id = $id", cancellationToken, ("$r", reason), ("$id", id));

    public async Task<IReadOnlyList<DeliveryState>> StatesAsync(bool undeliveredOnly, int limit, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id, seq, channel, attempts, delivered, parked, last_error FROM outbox {(undeliveredOnly ? "WHERE delivered IS NULL" : string.Empty)} ORDER BY id DESC LIMIT $l";
        command.Parameters.AddWithValue("$l", limit);
        var result = new List<DeliveryState>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            result.Add(new DeliveryState(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetInt32(3),
                r.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6)));
        }

        return result;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

}
