using System.Globalization;
using System.Text;
using ClimateWarn.Core.TimeSeries;

namespace ClimateWarn.Server.Storage.Influx;

/// <summary>
/// InfluxDB line protocol, written here rather than taken from InfluxDB.Client: that package speaks only the v2 API
/// (DOMAIN §7), and the encoder is small and fully tested. Tags are written in ordinal key order (InfluxDB's own series
/// key order), timestamps in milliseconds, so the same point always encodes to the same line and a retry overwrites.
/// </summary>
public static class LineProtocol
{
    public const string Precision = "ms";

    public static string Encode(TimeSeriesPoint point)
    {
        var sb = new StringBuilder(128);
        Append(sb, point);
        return sb.ToString();
    }

    public static void Append(StringBuilder sb, TimeSeriesPoint point)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(point);
        Escape(sb, point.Measurement, measurement: true);
        foreach (var (key, value) in point.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            sb.Append(',');
            Escape(sb, key, measurement: false);
            sb.Append('=');
            Escape(sb, value, measurement: false);
        }

        var first = true;
        foreach (var (key, value) in point.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            sb.Append(first ? ' ' : ',');
            first = false;
            Escape(sb, key, measurement: false);
            sb.Append('=').Append(value.ToString("R", CultureInfo.InvariantCulture));
        }

        sb.Append(' ').Append(point.Timestamp.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A string field value: double quotes and backslashes escaped.</summary>
    public static string StringField(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Measurements escape commas and spaces; tag keys, tag values and field keys also escape '='.</summary>
    private static void Escape(StringBuilder sb, string text, bool measurement)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case ',' or ' ':
                case '=' when !measurement:
                    sb.Append('\\').Append(c);
                    break;
                case '\n' or '\r':
                    throw new ArgumentException($"line protocol cannot carry a line break in '{text}'", nameof(text));
                default:
                    sb.Append(c);
                    break;
            }
        }
    }
}
