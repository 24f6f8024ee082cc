using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Configuration;

/// <summary>A TimeSpan that must lie in [Min, Max] ("00:00:00" to "1.00:00:00"): hold times, retries, intervals.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DurationAttribute(string min, string max) : ValidationAttribute
{
    private readonly TimeSpan _min = TimeSpan.Parse(min, CultureInfo.InvariantCulture);
    private readonly TimeSpan _max = TimeSpan.Parse(max, CultureInfo.InvariantCulture);

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        return value is TimeSpan t && t >= _min && t <= _max
            ? ValidationResult.Success
            : new ValidationResult(string.Create(CultureInfo.InvariantCulture, $"must be a duration from {_min} to {_max}"), [validationContext.MemberName ?? string.Empty]);
    }
}

/// <summary>
/// Data-annotation checks of one options section, each failure naming the full key and the value
/// ("Risk:Watch:Probability = 5: The field Probability must be between 0 and 1."), run at start-up.
/// </summary>
public sealed class SectionValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(r =>
        {
            var member = r.MemberNames.FirstOrDefault() ?? string.Empty;
            var value = typeof(TOptions).GetProperty(member, BindingFlags.Public | BindingFlags.Instance)?.GetValue(options);
            return string.Create(CultureInfo.InvariantCulture, $"{section}:{member} = '{value}': {r.ErrorMessage}");
        }));
    }
}

public static class ValidatedOptions
{
    /// <summary>Binds <typeparamref name="TOptions"/> to <paramref name="section"/> and checks its annotations at start-up, naming key and value.</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        services.AddSingleton<IValidateOptions<TOptions>>(new SectionValidator<TOptions>(section));
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }
}
