using ClimateWarn.Server.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ClimateWarn.Server.Store.Relational;

public sealed class WarningsDatabaseOptions
{
    public const string Section = "Warnings:Database";

    /// <summary>Sqlite (a file in the data directory, the default) or Postgres (needs ConnectionString).</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>For Postgres; give it by environment (Warnings__Database__ConnectionString), never in the repo.</summary>
    public string? ConnectionString { get; set; }
}

/// <summary>Registers the warnings database for the configured provider and applies its migrations.</summary>
public static class WarningsDatabase
{
    public static IServiceCollection AddWarningsDatabase(this IServiceCollection services, IConfiguration configuration, ResolvedPaths paths)
    {
        var options = configuration.GetSection(WarningsDatabaseOptions.Section).Get<WarningsDatabaseOptions>() ?? new();
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new();
        switch (options.Provider)
        {
            case "Sqlite":
                var file = Path.Combine(paths.Data, storage.WarningsFile);
                try
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw StoreFailures.Directory(Path.GetDirectoryName(Path.GetFullPath(file))!, ex);
                }

                services.AddDbContextFactory<SqliteWarningsDb>(o => o.UseSqlite($"Data Source={file};Pooling=True;Default Timeout=30"));
                services.AddSingleton<IDbContextFactory<WarningsDb>>(sp => new Factory<SqliteWarningsDb>(sp.GetRequiredService<IDbContextFactory<SqliteWarningsDb>>()));
                break;
            case "Postgres" when !string.IsNullOrWhiteSpace(options.ConnectionString):
                services.AddDbContextFactory<PostgresWarningsDb>(o => o.UseNpgsql(options.ConnectionString));
                services.AddSingleton<IDbContextFactory<WarningsDb>>(sp => new Factory<PostgresWarningsDb>(sp.GetRequiredService<IDbContextFactory<PostgresWarningsDb>>()));
                break;
            case "Postgres":
                throw new StartupConfigurationException(["Warnings:Database:Provider = Postgres needs Warnings:Database:ConnectionString (set it in the environment: Warnings__Database__ConnectionString)."]);
            default:
                throw new StartupConfigurationException([$"Warnings:Database:Provider = '{options.Provider}' is not known: use Sqlite or Postgres."]);
        }

        // Identity's stores take a scoped context.
        services.AddScoped<WarningsDb>(sp => sp.GetRequiredService<IDbContextFactory<WarningsDb>>().CreateDbContext());
        return services;
    }

    /// <summary>Brings the schema up to date (idempotent); SQLite also gets WAL journaling.</summary>
    public static async Task MigrateAsync(IDbContextFactory<WarningsDb> factory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        try
        {
            await db.Database.MigrateAsync(cancellationToken);
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            }
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex)
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            throw StoreFailures.Explain(file, ex);
        }
    }

    private sealed class Factory<T>(IDbContextFactory<T> inner) : IDbContextFactory<WarningsDb>
        where T : WarningsDb
    {
        public WarningsDb CreateDbContext() => inner.CreateDbContext();
    }
}

/// <summary>For `dotnet ef migrations add … --context SqliteWarningsDb`.</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteWarningsDb>
{
    public SqliteWarningsDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteWarningsDb>().UseSqlite("Data Source=design.sqlite").Options);
}

/// <summary>For `dotnet ef migrations add … --context PostgresWarningsDb` (no server is contacted).</summary>
public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresWarningsDb>
{
    public PostgresWarningsDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresWarningsDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
