using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClimateWarn.Server.Configuration;

/// <summary>Strict JSON for the bureau's configuration files: unknown members are errors, so a typo never goes unnoticed.</summary>
internal static class JsonConfig
{
    public static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static T Read<T>(string path, List<string> problems)
        where T : class
    {
        if (!File.Exists(path))
        {
            problems.Add($"{path}: file not found");
            return null!;
        }

        try
        {
            using var stream = File.OpenRead(path);
            var value = JsonSerializer.Deserialize<T>(stream, Strict);
            if (value is null)
            {
                problems.Add($"{path}: the file is empty (null)");
            }

            return value!;
        }
        catch (JsonException ex)
        {
            problems.Add($"{path}: {ex.Message}");
            return null!;
        }
    }
}
