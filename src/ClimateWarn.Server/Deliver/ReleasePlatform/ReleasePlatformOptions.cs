using System.ComponentModel.DataAnnotations;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Deliver.ReleasePlatform;

/// <summary>
/// The file-drop link to the provincial / national emergency release platform (国家突发事件预警信息发布系统): each message
/// as a CAP file in <see cref="DropDirectory"/>, the platform's acknowledgements read from <see cref="AckDirectory"/>
/// (../shared/research/release-platform.md; docs/delivery.md).
/// </summary>
public sealed class ReleasePlatformOptions : IValidatableObject
{
    public const string Section = "ReleasePlatform";

    public bool Enabled { get; set; }

    /// <summary>Where the CAP files go (the folder the platform's client collects, or an SFTP mount).</summary>
    public string? DropDirectory { get; set; }

    /// <summary>Where the platform's acknowledgement files arrive.</summary>
    public string? AckDirectory { get; set; }

    /// <summary>
    /// The 14-digit sender code that begins each file name: the administrative code, the organisation code (416 =
    /// meteorological bureau) and 00000. Unset: the bureau's city code + 41600000.
    /// </summary>
    [RegularExpression("^[0-9]{14}$", ErrorMessage = "a release-platform sender code is 14 digits: administrative code (6), 416, 00000")]
    public string? SenderCode { get; set; }

    /// <summary>A message the platform has not acknowledged this long after its file was dropped has failed (parked, shown in the delivery log).</summary>
    [Duration("00:00:10", "2.00:00:00")]
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The two area-type parts of the file name, as the provincial node asks (inferred from one real name: "AMP", "OTH").</summary>
    [RegularExpression("^[A-Z]{2,8}$")]
    public string AreaType { get; set; } = "AMP";

    [RegularExpression("^[A-Z]{2,8}$")]
    public string SecondAreaType { get; set; } = "OTH";

    /// <summary>The tag part of the file name (one real name has "AI-1").</summary>
    [RegularExpression("^[A-Za-z0-9-]{1,16}$")]
    public string Tag { get; set; } = "AI-1";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(DropDirectory))
        {
            yield return new ValidationResult("is required when ReleasePlatform:Enabled is true", [nameof(DropDirectory)]);
        }

        if (string.IsNullOrWhiteSpace(AckDirectory))
        {
            yield return new ValidationResult("is required when ReleasePlatform:Enabled is true", [nameof(AckDirectory)]);
        }
    }
}
