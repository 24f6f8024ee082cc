using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using ClimateWarn.Server.Storage.Ops;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Storage.Influx;

public enum SendOutcome
{
    Written,
    Unavailable,
}

/// <summary>
/// Sends one batch of lines. 413 splits the batch; 400 bisects it so the good lines are written (InfluxDB writes the
/// parsable points of a partial write anyway, and a rewrite is idempotent) and each refused line is parked in the
/// dead-letter table with the server's reason; a missing database is created and the batch resent. Network errors,
/// 429 and 5xx are retried by the client's resilience handler (which honours Retry-After); when they persist the
/// batch is Unavailable and the caller spools it.
/// </summary>
public sealed partial class InfluxSender(IInfluxApi api, IOptions<InfluxOptions> options, InfluxSchema schema, OpsDatabase ops,
    TimeProvider time, ILogger<InfluxSender> logger)
{
    private const long LargeBody = 1_000_000;
    private long _splits;
    private long _deadLetters;

    public long Splits => Interlocked.Read(ref _splits);

    public long DeadLetters => Interlocked.Read(ref _deadLetters);

    public async Task<SendOutcome> SendAsync(string retentionPolicy, IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            return SendOutcome.Written;
        }

        var bytes = lines.Sum(l => (long)Encoding.UTF8.GetByteCount(l) + 1);
        if (bytes > options.Value.MaxBodyBytes && lines.Count > 1)
        {
            Interlocked.Increment(ref _splits);
            return await SendHalvesAsync(retentionPolicy, lines, cancellationToken);
        }

        HttpResponseMessage response;
        try
        {
            response = await api.WriteAsync(options.Value.Database, retentionPolicy, LineProtocol.Precision, Body(lines), cancellationToken);
        }
        catch (Exception ex) when (IsTransient(ex, cancellationToken))
        {
            // A server that answers /ping but dropped a large upload refused its size (a 413 it closed on).
            if (bytes > LargeBody && lines.Count > 1 && await PingsAsync(cancellationToken))
            {
                Interlocked.Increment(ref _splits);
                return await SendHalvesAsync(retentionPolicy, lines, cancellationToken);
            }

            LogUnavailable(logger, lines.Count, ex.Message);
            return SendOutcome.Unavailable;
        }

        using (response)
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.NoContent or HttpStatusCode.OK:
                    return SendOutcome.Written;
                case HttpStatusCode.RequestEntityTooLarge when lines.Count > 1:
                    Interlocked.Increment(ref _splits);
                    return await SendHalvesAsync(retentionPolicy, lines, cancellationToken);
                case HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge when lines.Count == 1:
                    var reason = await ReasonAsync(response, cancellationToken);
                    Interlocked.Increment(ref _deadLetters);
                    LogDeadLetter(logger, reason);
                    await ops.AddDeadLetterAsync(time.GetUtcNow(), lines[0], $"HTTP {(int)response.StatusCode}: {reason}", cancellationToken);
                    return SendOutcome.Written;
                case HttpStatusCode.BadRequest:
                    return await SendHalvesAsync(retentionPolicy, lines, cancellationToken);
                case HttpStatusCode.NotFound:
                    await schema.EnsureAsync(cancellationToken);
                    return await SendAsync(retentionPolicy, lines, cancellationToken);
                default:
                    LogUnavailable(logger, lines.Count, $"HTTP {(int)response.StatusCode}: {await ReasonAsync(response, cancellationToken)}");
                    return SendOutcome.Unavailable;
            }
        }
    }

    private async Task<bool> PingsAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var ping = await api.PingAsync(cancellationToken);
            return ping.IsSuccessStatusCode;
        }
        catch (Exception ex) when (IsTransient(ex, cancellationToken))
        {
            return false;
        }
    }

    private async Task<SendOutcome> SendHalvesAsync(string rp, IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        var half = lines.Count / 2;
        var first = await SendAsync(rp, [.. lines.Take(half)], cancellationToken);
        var second = await SendAsync(rp, [.. lines.Skip(half)], cancellationToken);
        return first == SendOutcome.Written && second == SendOutcome.Written ? SendOutcome.Written : SendOutcome.Unavailable;
    }

    private ByteArrayContent Body(IReadOnlyList<string> lines)
    {
        var text = Encoding.UTF8.GetBytes(string.Join('\n', lines));
        if (!options.Value.Gzip)
        {
            return new ByteArrayContent(text);
        }

        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(text);
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    private static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("error", out var e) ? e.ToString() : body;
        }
        catch (JsonException)
        {
            return body.Length > 500 ? body[..500] : body;
        }
    }

    internal static bool IsTransient(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or Refit.ApiRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException
            or Polly.CircuitBreaker.BrokenCircuitException or IOException
        || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "InfluxDB unavailable for a batch of {Lines} lines: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, int lines, string reason);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "InfluxDB refused a line, parked as a dead letter: {Reason}")]
    private static partial void LogDeadLetter(ILogger logger, string reason);
}
