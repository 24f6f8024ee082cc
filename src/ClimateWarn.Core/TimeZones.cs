namespace ClimateWarn.Core;

public static class TimeZones
{
    /// <summary>Beijing time (UTC+8, no daylight saving): every time shown to a user is in this zone.</summary>
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
}
