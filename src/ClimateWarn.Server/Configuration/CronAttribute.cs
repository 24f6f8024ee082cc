using System.ComponentModel.DataAnnotations;
using Quartz;

namespace ClimateWarn.Server.Configuration;

/// <summary>A Quartz cron expression ("0 5 * * * ?"): a malformed one refuses start-up instead of never firing.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CronAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (value is string s && CronExpression.TryParse(s, out _))
        {
            return ValidationResult.Success;
        }

        return new ValidationResult(
            $"'{value}' is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week, e.g. \"0 5 * * * ?\")",
            [validationContext.MemberName ?? string.Empty]);
    }
}
