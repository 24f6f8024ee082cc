using System.ComponentModel.DataAnnotations;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Ingest.OpenMeteoModels;

public sealed class OpenMeteoModelsOptions : IValidatableObject
{
    public const string Section = "OpenMeteoModels";

    /// <summary>Off: no model agreement beside warnings and drafts.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The deterministic models compared, comma-separated, as the forecast API names them; CMA's own GRAPES global model is
    /// among the defaults. The forecast API's base address is OpenMeteo:BaseUrl.
    /// </summary>
    [Required]
    public string Models { get; set; } = "ecmwf_ifs025,gfs_seamless,cma_grapes_global,icon_seamless";

    [Range(1, 7)]
    public int LeadDays { get; set; } = 3;

    [Range(3, 92)]
    public int PastDays { get; set; } = 3;

    /// <summary>Quartz cron in Asia/Shanghai; hourly at :25 by default.</summary>
    [Required]
    [Cron]
    public string Cron { get; set; } = "0 25 * * * ?";

    public bool RunAtStartup { get; set; } = true;

    public IReadOnlyList<string> ModelList => [.. (Models ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var list = ModelList;
        if (list.Count == 0)
        {
            yield return new ValidationResult("no model is listed", [nameof(Models)]);
        }

        foreach (var bad in list.Where(m => !m.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')))
        {
            yield return new ValidationResult($"'{bad}' is not a model name (letters, digits and '_')", [nameof(Models)]);
        }

        if (list.Distinct(StringComparer.Ordinal).Count() != list.Count)
        {
            yield return new ValidationResult("a model is listed twice", [nameof(Models)]);
        }
    }
}
