using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClimateWarn.Server.Hosting;

/// <summary>
/// What every JSON request body must be before a handler sees it, checked while it is read (so a refused body never reaches
/// the store): text holds only characters XML 1.0 can carry (a headline with U+0000 would make its CAP document and the Atom
/// feed unwritable), and lists of text hold no nulls. A refusal is a JsonException with the reason, which
/// <see cref="BadRequestHandler"/> answers as 400 ProblemDetails naming the field. Requests only: stored messages and
/// answers are written with the usual options.
/// </summary>
public static class InputJson
{
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Insert(0, new XmlSafeText());
        options.Converters.Insert(0, new TextList());
        return options;
    }

    private static string Check(string text) => ClimateWarn.Core.Cap.XmlSafe.FirstForbidden(text) is { } c
        ? throw new JsonException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"文本含有不可用的控制字符 U+{c:X4} / the text holds the control character U+{c:X4}, which warnings (CAP, XML) cannot carry: remove it."))
        : text;

    private sealed class XmlSafeText : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String
                ? Check(reader.GetString()!)
                : throw new JsonException($"应为文本 / expected text, not {Describe(reader.TokenType)}.");

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    private sealed class TextList : JsonConverter<IReadOnlyList<string>>
    {
        public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException($"应为文本列表 / expected a list of text, not {Describe(reader.TokenType)}.");
            }

            var items = new List<string>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                items.Add(reader.TokenType switch
                {
                    JsonTokenType.String => Check(reader.GetString()!),
                    JsonTokenType.Null => throw new JsonException("列表中不能有空值 / the list holds a null item: give only text."),
                    var other => throw new JsonException($"列表项应为文本 / a list item must be text, not {Describe(other)}."),
                });
            }

            return items;
        }

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            ArgumentNullException.ThrowIfNull(value);
            writer.WriteStartArray();
            foreach (var item in value)
            {
                writer.WriteStringValue(item);
            }

            writer.WriteEndArray();
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.Number => "a number",
        JsonTokenType.String => "a single text",
        JsonTokenType.True or JsonTokenType.False => "true/false",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "a list",
        JsonTokenType.Null => "null",
        _ => "this value",
    };
}
