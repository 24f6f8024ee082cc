using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ClimateWarn.Server.Tests.Support;

/// <summary>
/// CONSTRUCTED Open-Meteo archive answers (no recorded archive response for Ningxia is at hand offline; DOMAIN §6): the
/// documented /v1/archive shape (daily block, daily_units, utc_offset_seconds 28800 for Asia/Shanghai) for whatever
/// start_date…end_date the client asks, with GENERATED days — seeded random weather on an approximate Zhongning scale
/// (about 200 mm a year, most of it July–August), not observations and not ERA5. A test may replace days (a dry spell,
/// a real station record) through the day function.
/// </summary>
internal static class ConstructedArchive
{
    /// <summary>Monthly precipitation (mm) the generator aims at: a rough semi-arid Ningxia scale, chosen for the tests.</summary>
    private static readonly double[] MonthlyMm = [1.5, 2.5, 6, 12, 20, 25, 40, 45, 28, 12, 4, 1];

    public sealed record Day(double? Rain, double? Tmax, double? Tmin, double? Et0);

    /// <summary>One generated day, the same for the same seed and date whatever range is asked.</summary>
    public static Day Generated(DateOnly d, int seed = 53705)
    {
        var random = new Random((seed * 397) + d.DayNumber);
        var month = d.Month - 1;
        var wetChance = month is >= 5 and <= 8 ? 0.25 : 0.08;
        var meanAmount = MonthlyMm[month] / (DateTime.DaysInMonth(d.Year, d.Month) * wetChance);
        var rain = random.NextDouble() < wetChance ? Math.Round(-Math.Log(1 - random.NextDouble()) * meanAmount, 1) : 0;
        var tmin = -9 + (20 * Math.Sin(Math.PI * (d.DayOfYear - 105) / 182.5)) + random.NextDouble();
        var tmax = tmin + 12 + (2 * random.NextDouble());
        var et0 = Math.Round(Math.Max(0.2, 0.8 + (0.25 * (tmax + tmin) / 2)), 2);
        return new Day(rain, Math.Round(tmax, 1), Math.Round(tmin, 1), et0);
    }

    /// <summary>The answer to one archive request, built from its start_date and end_date.</summary>
    public static Func<HttpContext, Task> Answer(Func<DateOnly, Day?> day) => async ctx =>
    {
        var from = DateOnly.ParseExact(ctx.Request.Query["start_date"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = DateOnly.ParseExact(ctx.Request.Query["end_date"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(Document(from, to, day));
    };

    public static string Document(DateOnly from, DateOnly to, Func<DateOnly, Day?> day)
    {
        ArgumentNullException.ThrowIfNull(day);
        var days = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays).ToList();
        var values = days.Select(day).ToList();
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["latitude"] = 37.5,
            ["longitude"] = 105.7,
            ["generationtime_ms"] = 1.0,
            ["utc_offset_seconds"] = 28800,
            ["timezone"] = "Asia/Shanghai",
            ["timezone_abbreviation"] = "GMT+8",
            ["elevation"] = 1183.0,
            ["daily_units"] = new Dictionary<string, string>
            {
                ["time"] = "iso8601", ["precipitation_sum"] = "mm", ["temperature_2m_max"] = "°C", ["temperature_2m_min"] = "°C", ["et0_fao_evapotranspiration"] = "mm",
            },
            ["daily"] = new Dictionary<string, object>
            {
                ["time"] = days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(),
                ["precipitation_sum"] = values.Select(v => v?.Rain).ToList(),
                ["temperature_2m_max"] = values.Select(v => v?.Tmax).ToList(),
                ["temperature_2m_min"] = values.Select(v => v?.Tmin).ToList(),
                ["et0_fao_evapotranspiration"] = values.Select(v => v?.Et0).ToList(),
            },
        });
    }
}
