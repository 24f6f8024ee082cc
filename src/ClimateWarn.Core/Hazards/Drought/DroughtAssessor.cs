using System.Globalization;

namespace ClimateWarn.Core.Hazards.Drought;

/// <summary>A district's latest daily indices as the drought rule reads them; <see cref="Basis"/> says what data they came from.</summary>
public sealed record DroughtReading(DateOnly Day, double Mci, double Spi90, string Basis);

/// <summary>
/// The drought rule (DOMAIN §2, GB/T 20481-2017): orange when the MCI reaches 重旱 (≤ −1.5), red at 特旱 (≤ −2.0). The
/// national table's "within a week" forecast part is not applied: there is no forecast of MCI. A missing or stale reading
/// gives no signal, and the caller must treat that as unknown, never as "no drought".
/// </summary>
public static class DroughtAssessor
{
    public static HazardSignal? Assess(DroughtReading? reading, DateTimeOffset now, TimeZoneInfo zone, DroughtThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(thresholds);
        if (reading is null || !IsCurrent(reading, now, zone, thresholds) || !double.IsFinite(reading.Mci))
        {
            return null;
        }

        foreach (var (level, c) in thresholds.Levels.Descending())
        {
            if (reading.Mci <= c.MciAtMost)
            {
                var basis = string.Create(CultureInfo.InvariantCulture,
                    $"MCI {reading.Mci:0.00} (≤{c.MciAtMost:0.0}) on {reading.Day:yyyy-MM-dd}, SPI90 {(double.IsFinite(reading.Spi90) ? reading.Spi90.ToString("0.00", CultureInfo.InvariantCulture) : "unknown")}; data: {reading.Basis}");
                return new HazardSignal(DroughtHazard.Id, level, now, ValidTo(now, zone, thresholds), reading.Mci, basis);
            }
        }

        return null;
    }

    /// <summary>Whether the reading is recent enough to decide on: its day no more than MaxAgeDays before today.</summary>
    public static bool IsCurrent(DroughtReading reading, DateTimeOffset now, TimeZoneInfo zone, DroughtThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(thresholds);
        return reading.Day >= Today(now, zone).AddDays(-thresholds.MaxAgeDays);
    }

    /// <summary>Local midnight ValidDays after today: stable through the day, so the hourly cycle does not extend it.</summary>
    private static DateTimeOffset ValidTo(DateTimeOffset now, TimeZoneInfo zone, DroughtThresholds thresholds)
    {
        var local = Today(now, zone).AddDays(thresholds.ValidDays).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static DateOnly Today(DateTimeOffset now, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
}
