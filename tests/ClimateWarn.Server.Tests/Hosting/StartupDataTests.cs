using ClimateWarn.Core.Hazards;
using ClimateWarn.Server.Configuration;
using ClimateWarn.Server.Hosting;
using ClimateWarn.Server.Tests.Support;
using ClimateWarn.Server.Warn;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClimateWarn.Server.Tests.Hosting;

/// <summary>Data the server cannot use refuses start-up with one line (file or row, cause, fix) and exit 78; a service dying while serving exits non-zero.</summary>
public sealed class StartupDataTests
{
    private static async Task<(int Code, string Error)> RunAsync(string data, Action<IServiceCollection>? services = null)
    {
        var error = new StringWriter();
        var code = await ClimateWarnHost.RunAsync(["--replay"], b =>
        {
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Urls"] = "http://127.0.0.1:0",
                ["Paths:Data"] = data,
                ["Replay:Start"] = "Manual",
            });
            b.Logging.ClearProviders();
            services?.Invoke(b.Services);
        }, error).WaitAsync(TimeSpan.FromSeconds(90));
        return (code, error.ToString());
    }

    private static void AssertOneLine(string error, params string[] expected)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"one line expected, got:\n{error}");
        Assert.StartsWith("ClimateWarn cannot start: ", lines[0], StringComparison.Ordinal);
        Assert.Contains("Fix: ", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        foreach (var e in expected)
        {
            Assert.Contains(e, lines[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DataDirectoryThatCannotBeWritten_Is78_NamingIt()
    {
        // /proc refuses new directories to everyone, root included: a data directory nobody can write.
        var (code, error) = await RunAsync("/proc/climatewarn-data");

        Assert.Equal(ExitCodes.ConfigurationError, code);
        AssertOneLine(error, "/proc/climatewarn-data", "Paths:Data");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    public async Task WarningsDatabaseThatIsNotOne_Is78_NamingTheFile(string damage)
    {
        var data = Repo.TempDirectory();
        var file = Path.Combine(data, "warnings.sqlite");
        if (damage == "garbage")
        {
            await File.WriteAllTextAsync(file, "this is not a database, it is a note someone saved here\n" + new string('x', 5000));
        }
        else
        {
            await using (var first = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?> { ["Replay:Start"] = "Manual", ["Paths:Data"] = data }))
            {
                await first.Service<WarningBoard>().StepAsync(0, SignalLevel.Blue);
            }

            SqliteConnection.ClearAllPools();
            File.Delete(file + "-wal");
            File.Delete(file + "-shm");
            var bytes = await File.ReadAllBytesAsync(file);
            await File.WriteAllBytesAsync(file, bytes[..50]);   // cut inside the header
        }

        var (code, error) = await RunAsync(data);

        Assert.Equal(ExitCodes.ConfigurationError, code);
        AssertOneLine(error, file, "backup");
    }

    [Fact]
    public async Task MessageRowWithBrokenJson_Is78_NamingTheRow()
    {
        var data = Repo.TempDirectory();
        await using (var first = await RunningServer.StartAsync(replay: true, new Dictionary<string, string?> { ["Replay:Start"] = "Manual", ["Paths:Data"] = data }))
        {
            await first.Service<WarningBoard>().StepAsync(0, SignalLevel.Blue);
        }

        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, "warnings.sqlite")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE warning_messages SET Json = '{\"id\": \"640521-frost-' WHERE Seq = 1";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var (code, error) = await RunAsync(data);

        Assert.Equal(ExitCodes.ConfigurationError, code);
        AssertOneLine(error, "warning_messages row 1");
    }

    /// <summary>What SQLite throws when the disk fills under a running service (SQLITE_FULL), raised by a service of the test's.</summary>
    private sealed class FillsTheDisk : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Delay(200, stoppingToken);
            throw new SqliteException("SQLite Error 13: 'database or disk is full'.", 13);
        }
    }

    [Fact]
    public async Task AServiceDyingWhileServing_ExitsNonZero_SayingWhy()
    {
        var (code, error) = await RunAsync(Repo.TempDirectory(), s => s.AddHostedService<FillsTheDisk>());

        Assert.Equal(ExitCodes.ServiceFailed, code);
        Assert.Contains("FillsTheDisk failed: SQLite Error 13: 'database or disk is full'.", error, StringComparison.Ordinal);
    }
}
