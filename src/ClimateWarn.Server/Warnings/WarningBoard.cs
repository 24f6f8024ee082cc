using System.Globalization;
using ClimateWarn.Core;
using ClimateWarn.Core.Hazards;
using ClimateWarn.Core.Warnings;
using ClimateWarn.Server.Hazards;
using ClimateWarn.Server.Risk;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Warnings;

public sealed class WarningOptions
{
    public const string Section = "Warnings";

    /// <summary>How long a lower signal (or none) must last before a warning is downgraded or lifted.</summary>
    public TimeSpan HoldTime { get; set; } = TimeSpan.FromHours(3);
}

/// <summary>
/// First version of the warning engine: one warning per hazard and district. A new signal is issued, a higher level
/// upgrades at once, a lower level or a vanished signal downgrades or lifts only after it has held for
/// <see cref="WarningOptions.HoldTime"/> (hysteresis against flapping); each of these is logged with a new sequence
/// number and delivered through the outbox (<see cref="DeliveryDispatcher"/>). An unchanged level is not pushed again
/// (its validity is refreshed quietly). A district without data keeps its warnings: missing data is never "no hazard".
/// </summary>
public sealed partial class WarningBoard(
    WarningLog log,
    WarningComposer composer,
    HazardConfiguration hazards,
    DeliveryDispatcher dispatcher,
    IOptions<DeliveryOptions> delivery,
    IOptions<WarningOptions> warningOptions,
    ILogger<WarningBoard> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(HazardKind Hazard, string District), Warning> _active = [];

    /// <summary>Since when a warning's signal has been below its level (or gone): hysteresis by hold time.</summary>
    private readonly Dictionary<(HazardKind Hazard, string District), DateTimeOffset> _lowerSince = [];
    private long _lastSequence;

    public long LastSequence => Interlocked.Read(ref _lastSequence);

    public IReadOnlyList<Warning> Active
    {
        get
        {
            lock (_active)
            {
                return [.. _active.Values.OrderBy(w => w.Sequence)];
            }
        }
    }

    public void Dispose() => _gate.Dispose();

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var active = await log.ActiveAsync(cancellationToken);
        lock (_active)
        {
            foreach (var w in active)
            {
                _active[(w.Hazard, w.Districts[0])] = w;
            }
        }

        Interlocked.Exchange(ref _lastSequence, await log.LastSequenceAsync(cancellationToken));
    }

    public async Task ApplyAsync(IReadOnlyList<DistrictAssessment> assessments, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var assessment in assessments.Where(a => a.HasData))
            {
                foreach (var hazard in Enum.GetValues<HazardKind>())
                {
                    await ApplyOneAsync(assessment.District, hazard, assessment.Signals.FirstOrDefault(s => s.Hazard == hazard), assessment.MaxScore(hazard, 24), now, cancellationToken);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task ApplyOneAsync(string district, HazardKind hazard, HazardSignal? signal, RiskScore? score, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Warning? current;
        lock (_active)
        {
            _active.TryGetValue((hazard, district), out current);
        }

        var audiences = hazards.Audiences[hazard];
        if (current is not null && (signal is null || signal.Level < current.Level))
        {
            // Upgrades are immediate; a downgrade or lift waits until the lower signal has held for HoldTime,
            // so a value wobbling around a threshold does not flap.
            if (!_lowerSince.TryGetValue((hazard, district), out var since))
            {
                _lowerSince[(hazard, district)] = now;
                since = now;
            }

            if (now - since < warningOptions.Value.HoldTime)
            {
                return;
            }
        }

        _lowerSince.Remove((hazard, district));
        if (signal is not null && current is null)
        {
            var id = NewId(district, hazard, now);
            await PublishAsync(WithScore(composer.Compose(id, 0, WarningAction.Issued, null, signal, [district], now, now, audiences), score), cancellationToken);
        }
        else if (signal is not null && current is not null && signal.Level != current.Level)
        {
            await PublishAsync(WithScore(composer.Compose(current.Id, 0, WarningAction.Updated, current.Level, signal, [district], current.IssuedAt, now, audiences), score), cancellationToken);
        }
        else if (signal is not null && current is not null)
        {
            lock (_active)
            {
                _active[(hazard, district)] = WithScore(current with { ValidFrom = signal.From, ValidTo = signal.To }, score);
            }
        }
        else if (signal is null && current is not null)
        {
            var lift = new HazardSignal(hazard, current.Level, current.ValidFrom, current.ValidTo, double.NaN, current.Basis);
            await PublishAsync(composer.Compose(current.Id, 0, WarningAction.Lifted, current.Level, lift, [district], current.IssuedAt, now, audiences), cancellationToken);
        }
    }

    private static Warning WithScore(Warning warning, RiskScore? score) =>
        score is null ? warning : warning with { RiskProbability = Math.Round(score.Probability, 3), RiskModel = score.ModelVersion };

    private async Task PublishAsync(Warning warning, CancellationToken cancellationToken)
    {
        // The message and its outbox rows are stored together; the dispatcher delivers them (doorbell and webhooks).
        var stored = await log.AppendAsync(warning, delivery.Value.Channels, cancellationToken);
        Interlocked.Exchange(ref _lastSequence, stored.Sequence);
        lock (_active)
        {
            if (stored.IsActive)
            {
                _active[(stored.Hazard, stored.Districts[0])] = stored;
            }
            else
            {
                _active.Remove((stored.Hazard, stored.Districts[0]));
            }
        }

        LogPublished(logger, stored.Sequence, stored.Action, stored.Id, stored.HeadlineZh);
        dispatcher.Wake();
    }

    /// <summary>GB/T 35965.1-style: admin code, 416 (meteorology), hazard type code and 000, then Beijing issue time.</summary>
    private static string NewId(string district, HazardKind hazard, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{district}416{HazardNames.Code(hazard)}000_{TimeZoneInfo.ConvertTime(now, TimeZones.Shanghai):yyyyMMddHHmmss}");

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Warning #{Sequence} {Action} {Id}: {Headline}")]
    private static partial void LogPublished(ILogger logger, long sequence, WarningAction action, string id, string headline);

}
