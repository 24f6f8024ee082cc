using System.Globalization;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Ingest.Replay;

/// <summary>
/// The replay's simulated position, kept in the data directory (<see cref="FileName"/>) and rewritten atomically after
/// each step (a temporary file, flushed, then moved over the old one), so a replay restarted on the same directory,
/// even after kill -9, resumes after it instead of replaying from its first day.
/// </summary>
public sealed class ReplayPosition(ResolvedPaths paths)
{
    public const string FileName = "replay-position.txt";

    public string DataDirectory => paths.Data;

    public string File => Path.Combine(paths.Data, FileName);

    /// <summary>The last simulated time the replay completed; null when none is stored.</summary>
    public DateTimeOffset? Read()
    {
        if (!System.IO.File.Exists(File))
        {
            return null;
        }

        var text = System.IO.File.ReadAllText(File).Trim();
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : throw new StartupConfigurationException([$"Replay: '{File}' holds '{(text.Length > 40 ? text[..40] : text)}', not the replay's simulated time (such as 2021-03-15T03:00:00Z); remove the data directory '{paths.Data}' or start with a fresh --Paths:Data"]);
    }

    public async Task WriteAsync(DateTimeOffset simulatedNow, CancellationToken cancellationToken)
    {
        var temp = File + ".tmp";
        await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(simulatedNow.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)), cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        System.IO.File.Move(temp, File, overwrite: true);
    }
}
