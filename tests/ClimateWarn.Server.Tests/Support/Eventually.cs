using System.Diagnostics;

namespace ClimateWarn.Server.Tests.Support;

/// <summary>The one polling helper: every test that waits for something to happen waits through here, with a timeout.</summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Polls until <paramref name="condition"/> holds or <paramref name="timeout"/> passes; returns whether it held.</summary>
    public static Task<bool> HoldsAsync(Func<bool> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return HoldsAsync(() => Task.FromResult(condition()), timeout);
    }

    /// <summary>Polls an asynchronous condition (an HTTP call, say) until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task<bool> HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var watch = Stopwatch.StartNew();
        while (!await condition().WaitAsync(timeout))
        {
            if (watch.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(Interval);
        }

        return true;
    }

    /// <summary>As <see cref="HoldsAsync(Func{Task{bool}}, TimeSpan)"/>, failing the test with <paramref name="what"/> when it never holds.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        if (!await HoldsAsync(condition, timeout))
        {
            throw new TimeoutException($"not within {timeout}: {what}");
        }
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(() => Task.FromResult(condition()), timeout, what);
    }
}
