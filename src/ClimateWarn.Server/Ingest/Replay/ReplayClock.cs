using ClimateWarn.Core;

namespace ClimateWarn.Server.Ingest.Replay;

/// <summary>Simulated time for the replay: the driver sets it step by step, paced by the configured speed.</summary>
public sealed class ReplayClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override TimeZoneInfo LocalTimeZone => TimeZones.Shanghai;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _ticks, now.UtcTicks);
}
