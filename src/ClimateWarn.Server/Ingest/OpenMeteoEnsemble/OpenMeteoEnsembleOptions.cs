using System.ComponentModel.DataAnnotations;
using System.Globalization;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Ingest.OpenMeteoEnsemble;

public sealed class OpenMeteoEnsembleOptions : IValidatableObject
{
    public const string Section = "OpenMeteoEnsemble";

    /// <summary>Off: no ensemble probabilities (pages show the rules and models only).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The ensemble API's base address (a keyed or self-hosted instance in production).</summary>
    [Required]
    [Url]
    public string BaseUrl { get; set; } = "https://ensemble-api.open-meteo.com";

    /// <summary>
    /// The ensemble models asked, each with the members it should answer with (control included), comma-separated:
    /// "ecmwf_ifs025:51,gfs_seamless:31". One call per model per district, all its grid cells in the call.
    /// </summary>
    [Required]
    public string Models { get; set; } = "ecmwf_ifs025:51,gfs_seamless:31";

    /// <summary>Lead days scored: day 0 is the next 24 hours from the run.</summary>
    [Range(1, 7)]
    public int LeadDays { get; set; } = 3;

    /// <summary>Past days asked, so each member carries its own lookback (cold waves compare with two days before; flash floods sum three days' rain).</summary>
    [Range(3, 92)]
    public int PastDays { get; set; } = 3;

    /// <summary>A model answering with fewer than this share of its members is not scored for the run (reported, never read as "no hazard").</summary>
    [Range(0.1, 1.0)]
    public double MinMemberShare { get; set; } = 0.5;

    /// <summary>Quartz cron in Asia/Shanghai; the models run four times a day, so every six hours at :40 by default.</summary>
    [Required]
    [Cron]
    public string Cron { get; set; } = "0 40 */6 * * ?";

    public bool RunAtStartup { get; set; } = true;

    /// <summary>The parsed <see cref="Models"/>; empty when malformed (validation says why).</summary>
    public IReadOnlyList<(string Name, int Members)> ModelList => Parse(Models, out _);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        Parse(Models, out var problem);
        if (problem is not null)
        {
            yield return new ValidationResult(problem, [nameof(Models)]);
        }
    }

    private static List<(string Name, int Members)> Parse(string? text, out string? problem)
    {
        problem = null;
        var result = new List<(string, int)>();
        foreach (var item in (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = item.Split(':', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || !parts[0].All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var members) || members is < 2 or > 200)
            {
                problem = $"'{item}' is not <model>:<members> (a model name of letters, digits and '_', and 2 to 200 members)";
                return [];
            }

            if (result.Any(r => r.Item1 == parts[0]))
            {
                problem = $"model '{parts[0]}' is listed twice";
                return [];
            }

            result.Add((parts[0], members));
        }

        if (result.Count == 0)
        {
            problem = "no model is listed";
        }

        return result;
    }
}
