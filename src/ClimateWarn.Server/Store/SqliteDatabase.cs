using Microsoft.Data.Sqlite;

namespace ClimateWarn.Server.Store;

/// <summary>
/// What every embedded SQLite file here shares: the folder created on first run, WAL journaling, the schema created
/// idempotently, a pooled connection per operation.
/// </summary>
public abstract class SqliteDatabase
{
    private readonly string _connectionString;

    protected SqliteDatabase(string path, string schema)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw StoreFailures.Directory(folder, ex);
        }

        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        if (!string.IsNullOrEmpty(schema))
        {
            try
            {
                using var connection = Open();
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA journal_mode = WAL;\n" + schema;
                command.ExecuteNonQuery();
            }
            catch (SqliteException ex)
            {
                throw StoreFailures.Explain(path, ex);
            }
        }
    }

    protected SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
