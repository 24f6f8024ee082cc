using System.Globalization;
using System.Text;

namespace ClimateWarn.Server.Tests.Support;

/// <summary>
/// Generated load data for volume and fault tests, written to a temp folder and never committed: ISD-Lite-shaped lines
/// for fictitious stations 99900…, with a seasonal temperature curve. Not observations, and labelled so in their ids.
/// </summary>
public static class LoadData
{
    public static IReadOnlyList<string> IsdLiteFiles(string directory, int stations, int hoursPerStation, int seed = 7)
    {
        var random = new Random(seed);
        var files = new List<string>();
        var start = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var s = 0; s < stations; s++)
        {
            var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"isdlite_{999000 + (s * 10):D6}-99999-generated.txt"));
            using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
            for (var h = 0; h < hoursPerStation; h++)
            {
                var t = start.AddHours(h);
                var temp = (int)(100 * Math.Sin(2 * Math.PI * t.DayOfYear / 365.0)) + random.Next(-50, 50);
                writer.Write(string.Create(CultureInfo.InvariantCulture,
                    $"{t.Year} {t.Month:D2} {t.Day:D2} {t.Hour:D2} {temp,5} {temp - 60,5} {10130 + random.Next(-80, 80),5} {random.Next(0, 360),5} {random.Next(0, 80),5} -9999 -9999 {random.Next(0, 3),5}\n"));
            }

            files.Add(path);
        }

        return files;
    }
}
