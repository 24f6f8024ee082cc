using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using ClimateWarn.Server.Configuration;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Accounts;

/// <summary>How wrong passwords slow sign-in down (instead of locking an account): per client address and per user name.</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "Accounts:Throttle";

    /// <summary>Wrong passwords allowed before any wait.</summary>
    [Range(1, 100)]
    public int FreeFailures { get; set; } = 5;

    /// <summary>The wait after the first failure past the free ones; it doubles with each further failure.</summary>
    [Duration("00:00:01", "00:10:00")]
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait for one client address (a guesser's own address can wait long).</summary>
    [Duration("00:00:01", "1.00:00:00")]
    public TimeSpan MaxClientDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest wait for one user name: short, so that guesses from anywhere never keep its owner out for long.</summary>
    [Duration("00:00:01", "01:00:00")]
    public TimeSpan MaxAccountDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failures are forgotten after this long without another.</summary>
    [Duration("00:01:00", "7.00:00:00")]
    public TimeSpan Forget { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>One throttled key as an administrator sees it.</summary>
public sealed record ThrottleView(string Key, int Failures, DateTimeOffset LastFailure, DateTimeOffset? BlockedUntil);

/// <summary>
/// Failed sign-ins counted in memory per client ("client:ADDRESS") and per normalised user name ("user:NAME"), known or
/// not: past the free failures each key waits a doubling, capped time. A restart forgets everything, which is harmless:
/// the worst it does is give a guesser a few more tries. People's clock (the injected TimeProvider), never the replay's.
/// </summary>
public sealed class SignInThrottle(TimeProvider time, IOptions<SignInThrottleOptions> options)
{
    public const string ClientPrefix = "client:";
    public const string UserPrefix = "user:";
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly SignInThrottleOptions _options = options.Value;

    /// <summary>How long this client or this user name must still wait; null when either may try now.</summary>
    public TimeSpan? RetryAfter(string client, string normalizedUser)
    {
        var now = time.GetUtcNow();
        var until = new[] { ClientPrefix + client, UserPrefix + normalizedUser }
            .Select(k => _entries.TryGetValue(k, out var e) ? e.BlockedUntil : DateTimeOffset.MinValue)
            .Max();
        return until > now ? until - now : null;
    }

    public void Failed(string client, string normalizedUser)
    {
        var now = time.GetUtcNow();
        if (_entries.Count > PruneAbove)
        {
            Prune(now);
        }

        Count(ClientPrefix + client, _options.MaxClientDelay, now);
        Count(UserPrefix + normalizedUser, _options.MaxAccountDelay, now);
    }

    /// <summary>The right password clears the user name's failures (not the client's: one's own account must not reset guessing at others).</summary>
    public void Succeeded(string normalizedUser) => _entries.TryRemove(UserPrefix + normalizedUser, out _);

    public IReadOnlyList<ThrottleView> List()
    {
        var now = time.GetUtcNow();
        return [.. _entries
            .Where(e => now - e.Value.LastFailure < _options.Forget)
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => new ThrottleView(e.Key, e.Value.Failures, e.Value.LastFailure, e.Value.BlockedUntil > now ? e.Value.BlockedUntil : null))];
    }

    public bool Clear(string key) => _entries.TryRemove(key, out _);

    private void Count(string key, TimeSpan cap, DateTimeOffset now) => _entries.AddOrUpdate(key,
        _ => Next(0, cap, now),
        (_, old) => Next(now - old.LastFailure >= _options.Forget ? 0 : old.Failures, cap, now));

    private Entry Next(int failuresBefore, TimeSpan cap, DateTimeOffset now)
    {
        var failures = failuresBefore + 1;
        var over = failures - _options.FreeFailures;
        if (over < 0)
        {
            return new Entry(failures, now, DateTimeOffset.MinValue);
        }

        // 2^over, stopped before it overflows; the cap bounds it anyway.
        var delay = TimeSpan.FromTicks((long)Math.Min(cap.Ticks, _options.FirstDelay.Ticks * Math.Pow(2, Math.Min(over, 40))));
        return new Entry(failures, now, now + delay);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.LastFailure >= _options.Forget)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private sealed record Entry(int Failures, DateTimeOffset LastFailure, DateTimeOffset BlockedUntil);
}
