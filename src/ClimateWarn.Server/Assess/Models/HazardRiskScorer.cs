using ClimateWarn.Risk.Drought;
using ClimateWarn.Risk.Flood;
using ClimateWarn.Risk.HeavyRain;
using ClimateWarn.Risk.Models;
using ClimateWarn.Risk.Synthetic;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Assess.Models;

/// <summary>A scorer of one defined hazard's model on what is known at the run time.</summary>
public interface IHazardRiskScorer
{
    string Hazard { get; }

    string Version { get; }

    bool Reload();

    IReadOnlyList<RiskScore> Score(IssueView view);
}

/// <summary>
/// Scores a synthetic-trained hazard model (heavy rain, flood, drought) on a live <see cref="IssueView"/>: every lead
/// whose features the view can supply, inside the season the model was trained for. Each score carries the model
/// version and the synthetic flag. The model is held by a <see cref="ModelSlot{TModel}"/>: loaded once, reloaded
/// when replaced, refused at start-up when its input schema does not match.
/// </summary>
public sealed class HazardRiskScorer<TInput> : IHazardRiskScorer, IDisposable
    where TInput : class, IRiskInput, new()
{
    private readonly IHazardDefinition<TInput> _definition;
    private readonly ModelSlot<HazardModel<TInput>> _slot;

    public HazardRiskScorer(IHazardDefinition<TInput> definition, ResolvedPaths paths, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(paths);
        _definition = definition;
        _slot = new ModelSlot<HazardModel<TInput>>(definition.Hazard, paths.Models, p => HazardModel.Load(p, definition), m => m.Version, logger);
    }

    public string Hazard => _definition.Hazard;

    public string Version => _slot.Version;

    public bool Reload() => _slot.Reload();

    public void Dispose() => _slot.Dispose();

    public IReadOnlyList<RiskScore> Score(IssueView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (!_definition.InSeason(view.IssueDay) || view.ForecastPrecipitation.Any(double.IsNaN))
        {
            return [];
        }

        var model = _slot.Current;
        var scores = new List<RiskScore>();
        foreach (var lead in _definition.Leads)
        {
            if (_definition.Features(view, lead) is { } input)
            {
                scores.Add(new RiskScore(Hazard, lead, _definition.TargetDay(view.IssueDay, lead), model.Probability(input), model.Version, Synthetic: true));
            }
        }

        return scores;
    }
}

public static class HazardScorersSetup
{
    /// <summary>The three synthetic-trained scorers, each a singleton; resolve them all at start-up.</summary>
    public static IServiceCollection AddHazardScorers(this IServiceCollection services)
    {
        services.AddSingleton<IHazardRiskScorer>(sp => Create(sp, HeavyRainHazard.Instance));
        services.AddSingleton<IHazardRiskScorer>(sp => Create(sp, FloodHazard.Instance));
        services.AddSingleton<IHazardRiskScorer>(sp => Create(sp, DroughtHazard.Instance));
        return services;
    }

    private static HazardRiskScorer<TInput> Create<TInput>(IServiceProvider sp, IHazardDefinition<TInput> definition)
        where TInput : class, IRiskInput, new() =>
        new(definition, sp.GetRequiredService<ResolvedPaths>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger("ClimateWarn.Server.Assess.Models.HazardRiskScorer." + definition.Hazard));
}
