using System.Text;
using System.Threading.Channels;
using ClimateWarn.Core.TimeSeries;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Store.Influx;

/// <summary>
/// The write path: callers encode their points into batches (per retention policy, BatchSize lines each) and queue
/// them on a bounded channel; one consumer sends each batch and completes the caller's task once the batch is written
/// or safely spooled. While the spool holds anything, new batches join it, so batches reach the server in order.
/// A second loop drains the spool when the server is back. Stopping flushes the queue (to the server or the spool).
/// </summary>
public sealed partial class InfluxWriter : IHostedService, IDisposable
{
    private readonly Channel<Batch> _queue;
    private readonly InfluxSender _sender;
    private readonly InfluxSpool _spool;
    private readonly IOptions<InfluxOptions> _options;
    private readonly ILogger<InfluxWriter> _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private Task _consumer = Task.CompletedTask;
    private Task _drainer = Task.CompletedTask;

    /// <param name="time">Paces the spool's retries (a fake clock in tests: an outage of minutes passes in milliseconds).</param>
    public InfluxWriter(InfluxSender sender, InfluxSpool spool, IOptions<InfluxOptions> options, TimeProvider time, ILogger<InfluxWriter> logger)
    {
        _time = time;
        _sender = sender;
        _spool = spool;
        _options = options;
        _logger = logger;
        _queue = Channel.CreateBounded<Batch>(new BoundedChannelOptions(options.Value.QueueCapacity) { SingleReader = true });
    }

    public InfluxSpool Spool => _spool;

    /// <summary>Queues the points and returns when every one of them is written or spooled.</summary>
    public async Task WriteAsync(IReadOnlyCollection<TimeSeriesPoint> points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(points);
        var pending = new List<Task>();
        foreach (var group in points.GroupBy(p => InfluxSchema.RetentionPolicyOf(p.Measurement), StringComparer.Ordinal))
        {
            foreach (var chunk in group.Chunk(_options.Value.BatchSize))
            {
                var sb = new StringBuilder(256);
                var encoder = new LineProtocol.Encoder();
                var lines = new List<string>(chunk.Length);
                foreach (var p in chunk)
                {
                    sb.Clear();
                    encoder.Append(sb, p);
                    lines.Add(sb.ToString());
                }

                // Compressed here, on the caller's thread, so it overlaps the server's work on the batch before.
                var batch = new Batch(group.Key, lines, _sender.Prepare(lines), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                await _queue.Writer.WriteAsync(batch, cancellationToken);
                pending.Add(batch.Done.Task);
            }
        }

        await Task.WhenAll(pending).WaitAsync(cancellationToken);
    }

    /// <summary>Sends raw line protocol (the benchmark's and the spool's path), in order with queued batches.</summary>
    public async Task WriteLinesAsync(string retentionPolicy, IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        var batch = new Batch(retentionPolicy, lines, null, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(batch, cancellationToken);
        await batch.Done.Task.WaitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _consumer = Task.Run(ConsumeAsync, CancellationToken.None);
        _drainer = Task.Run(DrainLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await _consumer.WaitAsync(cancellationToken);
        await _stopping.CancelAsync();
        try
        {
            await _drainer;
        }
        catch (OperationCanceledException)
        {
            // the loop ends with its delay cancelled
        }

        try
        {
            // One last attempt within the host's shutdown time; what is left stays spooled for the next start.
            await DrainAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // shutdown time ran out
        }

        if (!_spool.IsEmpty)
        {
            LogLeftSpooled(_logger, _spool.Count);
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _sendLock.Dispose();
    }

    private async Task ConsumeAsync()
    {
        await foreach (var batch in _queue.Reader.ReadAllAsync())
        {
            try
            {
                await _sendLock.WaitAsync();
                try
                {
                    var written = _spool.IsEmpty && await _sender.SendAsync(batch.RetentionPolicy, batch.Lines, batch.Body, CancellationToken.None) == SendOutcome.Written;
                    if (!written)
                    {
                        await _spool.AppendAsync(batch.RetentionPolicy, batch.Lines, _options.Value.SpoolRetryInterval, CancellationToken.None);
                        LogSpooled(_logger, batch.Lines.Count, _spool.Count);
                    }
                }
                finally
                {
                    _sendLock.Release();
                }

                batch.Done.TrySetResult();
            }
#pragma warning disable CA1031 // The consumer must outlive any one batch; the caller gets the exception.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                batch.Done.TrySetException(ex);
            }
        }
    }

    private async Task DrainLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            await DrainAsync(_stopping.Token);
            await Task.Delay(_options.Value.SpoolRetryInterval, _time, _stopping.Token);
        }
    }

    /// <summary>Sends spooled batches oldest first; stops at the first one the server cannot take.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (_spool.Oldest() is { } oldest)
        {
            var lines = await File.ReadAllLinesAsync(oldest.File, cancellationToken);
            await _sendLock.WaitAsync(cancellationToken);
            try
            {
                if (await _sender.SendAsync(oldest.RetentionPolicy, lines, cancellationToken) != SendOutcome.Written)
                {
                    return;
                }

                InfluxSpool.Remove(oldest.File);
                LogDrained(_logger, lines.Length, _spool.Count);
            }
            finally
            {
                _sendLock.Release();
            }
        }
    }

    private sealed record Batch(string RetentionPolicy, IReadOnlyList<string> Lines, ByteArrayContent? Body, TaskCompletionSource Done);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Spooled a batch of {Lines} lines to disk ({Files} batches waiting for InfluxDB)")]
    private static partial void LogSpooled(ILogger logger, int lines, int files);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "{Files} batches stay spooled on disk; they are sent at the next start")]
    private static partial void LogLeftSpooled(ILogger logger, int files);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Drained a spooled batch of {Lines} lines ({Files} left)")]
    private static partial void LogDrained(ILogger logger, int lines, int files);
}
