using System.Data.Common;
using ClimateWarn.Server.Store.Relational;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ClimateWarn.Server.Hosting;

/// <summary>
/// A request that needs the warnings database while it is away (PostgreSQL restarting, its pool exhausted, a node's
/// lock held past <c>Cluster:LockWait</c>, SQLite busy or its disk full) answers 503 ProblemDetails naming the cause,
/// with Retry-After, instead of a bare 500: nothing was stored (each write is one transaction), and trying again is right.
/// Anything else (a constraint broken, a bug) stays a 500.
/// </summary>
internal sealed partial class UnavailableHandler(IProblemDetailsService problems, ILogger<UnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (Cause(exception) is not { } cause)
        {
            return false;
        }

        LogUnavailable(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name, cause);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = exception is ClusterLockTimeoutException
                    ? "预警正由另一节点处理 The warning board is busy on another node"
                    : "预警数据库暂时不可用 The warnings database is not available",
                Detail = $"未保存任何内容，请稍后重试 / nothing was stored; try again in a few seconds ({cause}).",
            },
        });
    }

    /// <summary>Why the database could not serve, or null when the exception is not the database being away.</summary>
    internal static string? Cause(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case ClusterLockTimeoutException timeout:
                    return timeout.Message;
                case PostgresException pg when IsUnavailable(pg.SqlState):
                    return $"PostgreSQL {pg.SqlState}: {pg.MessageText}";
                case PostgresException:
                    return null;
                case NpgsqlException npgsql:
                    return $"PostgreSQL: {npgsql.Message}";
                case SqliteException { SqliteErrorCode: 5 or 6 } busy:
                    return $"SQLite busy: {busy.Message}";
                case SqliteException { SqliteErrorCode: 13 } full:
                    return $"SQLite: the disk is full ({full.Message})";
                case DbException:
                    return null;
            }
        }

        return null;
    }

    /// <summary>Connection errors (08), insufficient resources (53), operator intervention (57P: shutting down, starting up), lock not available.</summary>
    private static bool IsUnavailable(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
        || state.StartsWith("57P", StringComparison.Ordinal) || state == PostgresErrorCodes.LockNotAvailable;

    [LoggerMessage(EventId = 1090, Level = LogLevel.Warning, Message = "{Method} {Path} answered 503, nothing stored ({Type}: {Cause})")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string type, string cause);
}
