using System.Globalization;
using System.Text;
using ClimateWarn.Core.TimeSeries;

namespace ClimateWarn.Server.Store.Influx;

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
        new Encoder().Append(sb, point);
        return sb.ToString();
    }

    /// <summary>
    /// Appends lines; remembers the escaped "measurement,tags" prefix of the last tag set it saw, since a batch's points
    /// usually share one tag dictionary (one station, one cell). Not thread-safe: one encoder per writer.
    /// </summary>
    public sealed class Encoder
    {
        private readonly Dictionary<string, string> _escapedFields = new(StringComparer.Ordinal);
        private object? _lastTags;
        private string? _lastMeasurement;
        private string _lastPrefix = string.Empty;
        private string[] _keys = new string[16];

        public void Append(StringBuilder sb, TimeSeriesPoint point)
        {
            ArgumentNullException.ThrowIfNull(sb);
            ArgumentNullException.ThrowIfNull(point);
            if (!ReferenceEquals(point.Tags, _lastTags) || !string.Equals(point.Measurement, _lastMeasurement, StringComparison.Ordinal))
            {
                _lastPrefix = Prefix(point);
                _lastTags = point.Tags;
                _lastMeasurement = point.Measurement;
            }

            sb.Append(_lastPrefix);
            var count = point.Fields.Count;
            if (_keys.Length < count)
            {
                _keys = new string[count * 2];
            }

            var k = 0;
            foreach (var key in point.Fields.Keys)
            {
                _keys[k++] = key;
            }

            if (!Sorted(_keys, count))
            {
                Array.Sort(_keys, 0, count, StringComparer.Ordinal);
            }

            Span<char> number = stackalloc char[32];
            for (var i = 0; i < count; i++)
            {
                var key = _keys[i];
                sb.Append(i == 0 ? ' ' : ',').Append(EscapedField(key)).Append('=');
                point.Fields[key].TryFormat(number, out var written, "R", CultureInfo.InvariantCulture);
                sb.Append(number[..written]);
            }

            point.Timestamp.ToUnixTimeMilliseconds().TryFormat(number, out var n, provider: CultureInfo.InvariantCulture);
            sb.Append(' ').Append(number[..n]);
        }

        private static bool Sorted(string[] keys, int count)
        {
            for (var i = 1; i < count; i++)
            {
                if (string.CompareOrdinal(keys[i - 1], keys[i]) > 0)
                {
                    return false;
                }
            }

            return true;
        }

        private string EscapedField(string key)
        {
            if (!_escapedFields.TryGetValue(key, out var escaped))
            {
                var sb = new StringBuilder(key.Length + 4);
                Escape(sb, key, measurement: false);
                escaped = _escapedFields[key] = sb.ToString();
            }

            return escaped;
        }

        private static string Prefix(TimeSeriesPoint point)
        {
            var sb = new StringBuilder(64);
            Escape(sb, point.Measurement, measurement: true);
            foreach (var (key, value) in point.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                sb.Append(',');
                Escape(sb, key, measurement: false);
                sb.Append('=');
                Escape(sb, value, measurement: false);
            }

            return sb.ToString();
        }
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
