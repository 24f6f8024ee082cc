using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ClimateWarn.Server.Store.Influx;

/// <summary>InfluxQL quoting and the /query JSON answer, whose errors come in an HTTP 200 as often as not.</summary>
public static class InfluxQuery
{
    public static string Identifier(string name) => "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    public static string Literal(string value) => "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

    public static string Time(DateTimeOffset t) => t.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) + "ms";

    /// <summary>"place" = 'a' OR "place" = 'b' …, in parentheses.</summary>
    public static string AnyOf(string tag, IEnumerable<string> values)
    {
        var sb = new StringBuilder("(");
        foreach (var v in values)
        {
            sb.Append(sb.Length > 1 ? " OR " : string.Empty).Append(Identifier(tag)).Append(" = ").Append(Literal(v));
        }

        return sb.Append(')').ToString();
    }

    /// <summary>The series of every statement; throws <see cref="InfluxQueryException"/> with the server's message.</summary>
    public static IReadOnlyList<Series> Parse(JsonElement root)
    {
        if (root.TryGetProperty("error", out var topError))
        {
            throw new InfluxQueryException(topError.ToString());
        }

        var result = new List<Series>();
        if (!root.TryGetProperty("results", out var results))
        {
            throw new InfluxQueryException("the answer has no 'results'");
        }

        foreach (var statement in results.EnumerateArray())
        {
            if (statement.TryGetProperty("error", out var error))
            {
                throw new InfluxQueryException(error.ToString());
            }

            if (!statement.TryGetProperty("series", out var series))
            {
                continue;
            }

            foreach (var s in series.EnumerateArray())
            {
                var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                if (s.TryGetProperty("tags", out var t))
                {
                    foreach (var p in t.EnumerateObject())
                    {
                        tags[p.Name] = p.Value.ToString();
                    }
                }

                var columns = s.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList();
                var values = s.TryGetProperty("values", out var v) ? v.EnumerateArray().Select(row => row.EnumerateArray().ToArray()).ToList() : [];
                result.Add(new Series(s.TryGetProperty("name", out var n) ? n.GetString()! : string.Empty, tags, columns, values));
            }
        }

        return result;
    }

    public sealed record Series(string Name, IReadOnlyDictionary<string, string> Tags, IReadOnlyList<string> Columns, IReadOnlyList<JsonElement[]> Rows);
}
