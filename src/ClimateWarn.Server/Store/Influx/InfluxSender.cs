using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using ClimateWarn.Server.Store.Ops;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Store.Influx;

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

    public async Task<SendOutcome> SendAsync(string retentionPolicy, IReadOnlyList<string> lines, CancellationToken cancellationToken) =>
        await SendAsync(retentionPolicy, lines, null, cancellationToken);

    /// <summary>Sends with a body the caller already encoded (see <see cref="Prepare"/>), so compression runs on the caller's thread.</summary>
    public async Task<SendOutcome> SendAsync(string retentionPolicy, IReadOnlyList<string> lines, ByteArrayContent? prepared, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            return SendOutcome.Written;
        }

        // Characters are a lower bound on UTF-8 bytes, exact for the ASCII lines this project writes (ids, not names).
        var bytes = lines.Sum(l => (long)l.Length + 1);
        if (bytes > options.Value.MaxBodyBytes && lines.Count > 1)
        {
            prepared?.Dispose();
            Interlocked.Increment(ref _splits);
            return await SendHalvesAsync(retentionPolicy, lines, cancellationToken);
        }

        HttpResponseMessage response;
        try
        {
            response = await api.WriteAsync(options.Value.Database, retentionPolicy, LineProtocol.Precision, prepared ?? Body(lines, bytes), cancellationToken);
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

    /// <summary>Encodes a batch's body ahead of sending (null when it will be split anyway).</summary>
    public ByteArrayContent? Prepare(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var bytes = lines.Sum(l => (long)l.Length + 1);
        return bytes > options.Value.MaxBodyBytes ? null : Body(lines, bytes);
    }

    /// <summary>The lines as UTF-8, newline-separated, gzip-compressed when configured; one pass, no joined copy.</summary>
    private ByteArrayContent Body(IReadOnlyList<string> lines, long bytes)
    {
        using var buffer = new MemoryStream((int)Math.Min(int.MaxValue, options.Value.Gzip ? bytes / 4 : bytes));
        using (Stream target = options.Value.Gzip ? new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true) : new NonClosing(buffer))
        {
            var scratch = new byte[4096];
            foreach (var line in lines)
            {
                var n = Encoding.UTF8.GetMaxByteCount(line.Length) + 1;
                if (scratch.Length < n)
                {
                    scratch = new byte[n * 2];
                }

                var written = Encoding.UTF8.GetBytes(line, scratch);
                scratch[written] = (byte)'\n';
                target.Write(scratch, 0, written + 1);
            }
        }

        var content = new ByteArrayContent(buffer.GetBuffer(), 0, (int)buffer.Length);
        if (options.Value.Gzip)
        {
            content.Headers.ContentEncoding.Add("gzip");
        }

        return content;
    }

    /// <summary>Lets the plain path share the using block of the gzip path without closing the buffer.</summary>
    private sealed class NonClosing(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
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
