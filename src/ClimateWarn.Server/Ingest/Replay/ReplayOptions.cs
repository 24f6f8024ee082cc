using System.ComponentModel.DataAnnotations;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Ingest.Replay;

public sealed class ReplayOptions
{
    public const string Section = "Replay";

    /// <summary>Simulated seconds per real second. 21,600 runs 6 hours a second: Jan–Apr 2021 in about 7 minutes.</summary>
    [Range(1, 1e12)]
    public double Speed { get; set; } = 21_600;

    /// <summary>One pipeline run per step; the ISD-Lite record is 3-hourly.</summary>
    [Duration("00:01:00", "1.00:00:00")]
    public TimeSpan Step { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Start of the replay (UTC); defaults to the first record.</summary>
    public DateTimeOffset? From { get; set; }

    /// <summary>End of the replay (UTC); defaults to the last record.</summary>
    public DateTimeOffset? To { get; set; }

    /// <summary>Auto starts after <see cref="StartDelay"/>; Manual waits for POST /api/replay/start.</summary>
    [RegularExpression("^(Auto|Manual)$")]
    public string Start { get; set; } = "Auto";

    [Duration("00:00:00", "01:00:00")]
    public TimeSpan StartDelay { get; set; } = TimeSpan.FromSeconds(3);
}
