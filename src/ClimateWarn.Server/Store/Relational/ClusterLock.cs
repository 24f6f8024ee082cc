using System.Collections.Concurrent;
using Npgsql;

namespace ClimateWarn.Server.Store.Relational;

/// <summary>
/// A named lock every node of a cluster respects: the warning board's decisions and the escalation check run under one
/// at a time. One node: an in-process semaphore per name. A cluster: a PostgreSQL session advisory lock held on its own
/// connection, which the database releases by itself when the node holding it dies (its connection drops).
/// </summary>
public interface IClusterLock
{
    /// <summary>Whether other nodes may change the shared state (a node then re-reads it under the lock).</summary>
    bool IsShared { get; }

    Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken cancellationToken);

    /// <summary>The lock if free now, else null (another node is doing this work).</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken);
}

public sealed class LocalClusterLock : IClusterLock
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public bool IsShared => false;

    public async Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        return await gate.WaitAsync(0, cancellationToken) ? new Release(gate) : null;
    }

    private sealed class Release(SemaphoreSlim gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate.Release();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>The lock was not free within the wait: another node has held it that long. Answered 503 over HTTP.</summary>
public sealed class ClusterLockTimeoutException(string name, TimeSpan wait, Exception inner)
    : TimeoutException($"another node has held the '{name}' lock for more than {wait.TotalSeconds:0} s (Cluster:LockWait)", inner);

public sealed class PostgresClusterLock(string connectionString, TimeSpan wait) : IClusterLock
{
    public bool IsShared => true;

    public Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken cancellationToken) =>
        LockAsync(name, "pg_advisory_lock", cancellationToken)!;

    public Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken) =>
        LockAsync(name, "pg_try_advisory_lock", cancellationToken);

    private async Task<IAsyncDisposable?> LockAsync(string name, string function, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (function == "pg_advisory_lock")
            {
                // A bounded wait: lock_timeout covers advisory locks too (SQLSTATE 55P03 when it runs out). The pool
                // resets the setting (DISCARD ALL) when the connection goes back to it. The try-lock never waits.
                await using var limit = new NpgsqlCommand(FormattableString.Invariant($"SET lock_timeout = {(long)wait.TotalMilliseconds}"), connection);
                await limit.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var command = new NpgsqlCommand($"SELECT {function}(hashtextextended(@name, 0))", connection);
            command.Parameters.AddWithValue("name", "climatewarn:" + name);
            command.CommandTimeout = (int)Math.Ceiling(wait.TotalSeconds) + 30;
            object? got;
            try
            {
                got = await command.ExecuteScalarAsync(cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                throw new ClusterLockTimeoutException(name, wait, ex);
            }

            if (got is false)
            {
                await connection.DisposeAsync();
                return null;
            }

            return new Release(connection, name);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Release(NpgsqlConnection connection, string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended(@name, 0))", connection);
                command.Parameters.AddWithValue("name", "climatewarn:" + name);
                await command.ExecuteScalarAsync();
            }
            catch (NpgsqlException)
            {
                // The connection is gone, and with it the lock: PostgreSQL releases a session's locks when it ends.
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
