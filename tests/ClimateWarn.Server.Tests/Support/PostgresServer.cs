using System.Diagnostics;
using System.Globalization;

namespace ClimateWarn.Server.Tests.Support;

/// <summary>
/// A real PostgreSQL (Debian's postgresql package) in its own temporary cluster on a free loopback port, started per
/// test class and removed after. PostgreSQL refuses to run as root, so as root the cluster runs as the postgres user.
/// If PostgreSQL is missing the tests fail with the install hint; they never skip.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "climatewarn-pg-" + Guid.NewGuid().ToString("N")[..8]);

    public int Port { get; } = Ports.FreeForChildProcess();

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false";

    private static string Bin =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).OrderDescending().FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
              ?? throw Missing()
            : throw Missing();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        await RunAsync("chown", "postgres:postgres", _root);
        var data = Path.Combine(_root, "data");
        await RunAsPostgresAsync(Path.Combine(Bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale");
        await StartAsync();
    }

    /// <summary>The first column of the first row <paramref name="sql"/> answers, on its own connection.</summary>
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A new empty database of its own for one test (pooled connections, for tests that run work in parallel).</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)];
        await using (var connection = new Npgsql.NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString.Replace("Database=postgres;Pooling=false", $"Database={name};Pooling=true", StringComparison.Ordinal);
    }

    /// <summary>Starts the cluster (again, after <see cref="StopAsync"/>) on the same port and data.</summary>
    public Task StartAsync() =>
        RunAsPostgresAsync(Path.Combine(Bin, "pg_ctl"), "-D", Path.Combine(_root, "data"), "-w", "-t", "60", "-l", Path.Combine(_root, "log"),
            "-o", string.Create(CultureInfo.InvariantCulture, $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300"), "start");

    /// <summary>An immediate stop: every session is cut, as when the database server restarts under the nodes.</summary>
    public Task StopAsync() => RunAsPostgresAsync(Path.Combine(Bin, "pg_ctl"), "-D", Path.Combine(_root, "data"), "-m", "immediate", "stop");

    public async Task DisposeAsync()
    {
        await RunAsPostgresAsync(Path.Combine(Bin, "pg_ctl"), "-D", Path.Combine(_root, "data"), "-m", "immediate", "stop");
        Directory.Delete(_root, recursive: true);
    }

    private static InvalidOperationException Missing() =>
        new("PostgreSQL is not installed: run `sudo apt-get install postgresql` (tests/run.sh installs it).");

    private static Task RunAsPostgresAsync(string file, params string[] args) =>
        Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", file, .. args]) : RunAsync(file, args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await output}{await error}");
        }
    }
}
