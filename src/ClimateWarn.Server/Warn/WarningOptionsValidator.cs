using System.Globalization;
using ClimateWarn.Core.Hazards;
using Microsoft.Extensions.Options;

namespace ClimateWarn.Server.Warn;

/// <summary>Refuses impossible lifecycle settings at start-up, naming the key and the value.</summary>
public sealed class WarningOptionsValidator(HazardRegistry hazards) : IValidateOptions<WarningOptions>
{
    public ValidateOptionsResult Validate(string? name, WarningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        void AtLeast(string key, TimeSpan value, TimeSpan min)
        {
            if (value < min)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{WarningOptions.Section}:{key} = {value} must be at least {min}"));
            }
        }

        AtLeast(nameof(options.HoldTime), options.HoldTime, TimeSpan.Zero);
        AtLeast(nameof(options.ExtendAfter), options.ExtendAfter, TimeSpan.Zero);
        AtLeast(nameof(options.ContinueEvery), options.ContinueEvery, TimeSpan.FromMinutes(1));
        AtLeast(nameof(options.AckWindow), options.AckWindow, TimeSpan.FromSeconds(1));
        AtLeast(nameof(options.MinimumValidity), options.MinimumValidity, TimeSpan.Zero);
        if (options.MinimumValidity > TimeSpan.FromHours(72))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{WarningOptions.Section}:{nameof(options.MinimumValidity)} = {options.MinimumValidity} must be at most 72:00:00"));
        }

        foreach (var slug in options.OvernightHazards.Where(s => !hazards.TryGet(s, out _)))
        {
            problems.Add($"{WarningOptions.Section}:{nameof(options.Overnight)}: no hazard '{slug}' is registered ({string.Join(", ", hazards.All.Select(h => h.Slug))})");
        }
        foreach (var (slug, margin) in options.Margins)
        {
            if (!hazards.TryGet(slug, out _))
            {
                problems.Add($"{WarningOptions.Section}:{nameof(options.Margins)}:{slug}: no hazard '{slug}' is registered ({string.Join(", ", hazards.All.Select(h => h.Slug))})");
            }
            else if (!(margin >= 0 && double.IsFinite(margin)))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{WarningOptions.Section}:{nameof(options.Margins)}:{slug} = {margin} must be 0 or more (in the hazard's unit)"));
            }
        }

        foreach (var (slug, level) in options.ApprovalFrom)
        {
            if (!hazards.TryGet(slug, out _))
            {
                problems.Add($"{WarningOptions.Section}:{nameof(options.ApprovalFrom)}:{slug}: no hazard '{slug}' is registered ({string.Join(", ", hazards.All.Select(h => h.Slug))})");
            }
            else if (hazards.Get(slug) is ByHandHazard)
            {
                problems.Add($"{WarningOptions.Section}:{nameof(options.ApprovalFrom)}:{slug}: {slug} is issued by the forecaster's hand; every level of it waits for an operator, and this setting cannot change that");
            }
            else if (!Enum.IsDefined(level))
            {
                problems.Add($"{WarningOptions.Section}:{nameof(options.ApprovalFrom)}:{slug} = {level} is not None, Blue, Yellow, Orange or Red");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
