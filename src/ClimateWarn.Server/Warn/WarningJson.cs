using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClimateWarn.Server.Warn;

/// <summary>One JSON shape for warnings everywhere: the log, the REST API and the hub (enums as camelCase names).</summary>
public static class WarningJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
