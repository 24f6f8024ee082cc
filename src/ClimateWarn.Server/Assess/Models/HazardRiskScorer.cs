using ClimateWarn.Core.Hazards.Rainstorm;
using ClimateWarn.Core.Places;
using ClimateWarn.Risk.Drought;
using ClimateWarn.Risk.Flood;
using ClimateWarn.Risk.HeavyRain;
using ClimateWarn.Risk.Models;
using ClimateWarn.Risk.Synthetic;
using ClimateWarn.Server.Configuration;

namespace ClimateWarn.Server.Assess.Models;

/// <summary>
/// Scores a daily-series hazard model (heavy rain, flood, drought) on a live <see cref="IssueView"/>: every lead whose
/// features the view can supply, inside the season the model was trained for. Each score carries the model version and
/// what its card says it learned from: a synthetic model scores every lead, flagged synthetic (never attached to a
/// warning); a model on real truth (ERA5 reanalysis) scores only the leads its card's held-out decision uses, flagged
/// reanalysis. The model is held by a <see cref="ModelSlot{TModel}"/>: loaded once, reloaded when replaced, refused at
/// start-up when its input schema does not match.
/// </summary>
public sealed class HazardRiskScorer<TInput> : IRiskScorer, IDisposable
    where TInput : class, IRiskInput, new()
{
    private readonly IHazardDefinition<TInput> _definition;
    private readonly ModelSlot<HazardModel<TInput>> _slot;
    private readonly string? _ruleHazard;
    private readonly CardState _card;

    /// <param name="ruleHazard">The slug of the official rule covering the same weather, if any.</param>
    public HazardRiskScorer(IHazardDefinition<TInput> definition, string? ruleHazard, ResolvedPaths paths, ILogger logger)
    {
        _ruleHazard = ruleHazard;
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(paths);
        _definition = definition;
        _slot = new ModelSlot<HazardModel<TInput>>(definition.Hazard, paths.Models, p => HazardModel.Load(p, definition), m => m.Version, logger);
        _card = new CardState(Path.Combine(paths.Models, definition.Hazard, "card.json"));
    }

    public string Model => _definition.Hazard;

    public string Version => _slot.Version;

    public bool Reload() => _slot.Reload();

    public void Dispose() => _slot.Dispose();

    public IReadOnlyList<RiskScore> Score(ScoringInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.View is { } view ? Score(view) : [];
    }

    public IReadOnlyList<RiskScore> Score(IssueView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (!_definition.InSeason(view.IssueDay) || view.ForecastPrecipitation.Any(double.IsNaN))
        {
            return [];
        }

        var model = _slot.Current;
        var card = _card.For(model.Version);
        var scores = new List<RiskScore>();
        foreach (var lead in _definition.Leads.Where(l => card.Synthetic || card.UsedLeads.Contains(l)))
        {
            if (_definition.Features(view, lead) is { } input)
            {
                scores.Add(new RiskScore(Model, lead, _definition.TargetDay(view.IssueDay, lead), model.Probability(input), model.Version, card.Synthetic)
                {
                    RuleHazard = _ruleHazard,
                    Reanalysis = card.Reanalysis,
                });
            }
        }

        return scores;
    }
}

public static partial class HazardScorersSetup
{
    /// <summary>Every model scorer, each a singleton (frost on real data; heavy rain, flood and drought synthetic); resolve them all at start-up.</summary>
    public static IServiceCollection AddRiskScorers(this IServiceCollection services)
    {
        services.AddSingleton<FrostRiskScorer>();
        services.AddSingleton<IRiskScorer>(sp => sp.GetRequiredService<FrostRiskScorer>());
        services.AddSingleton<IRiskScorer>(sp => Create(sp, HeavyRainHazard.Instance, RainstormHazard.Id));
        services.AddSingleton<IRiskScorer>(sp =>
        {
            var flood = Create(sp, FloodHazard.Instance, null, out var logger);
            foreach (var district in sp.GetRequiredService<PlaceCatalog>().Districts.Where(d => d.Catchment is null))
            {
                LogNoCatchment(logger, district.Code, district.NameZh);
            }

            return flood;
        });
        // The model's event (中旱 or worse) is milder than the rule's (重旱): its watch stays quiet only while the rule signals.
        services.AddSingleton<IRiskScorer>(sp => Create(sp, DroughtHazard.Instance, Core.Hazards.Drought.DroughtHazard.Id));
        return services;
    }

    private static HazardRiskScorer<TInput> Create<TInput>(IServiceProvider sp, IHazardDefinition<TInput> definition, string? ruleHazard)
        where TInput : class, IRiskInput, new() => Create(sp, definition, ruleHazard, out _);

    private static HazardRiskScorer<TInput> Create<TInput>(IServiceProvider sp, IHazardDefinition<TInput> definition, string? ruleHazard, out ILogger logger)
        where TInput : class, IRiskInput, new()
    {
        logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("ClimateWarn.Server.Assess.Models.HazardRiskScorer." + definition.Hazard);
        return new(definition, ruleHazard, sp.GetRequiredService<ResolvedPaths>(), logger);
    }

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "flood model: district {District} {NameZh} has no catchment in districts.json; no flood probabilities there")]
    private static partial void LogNoCatchment(ILogger logger, string district, string nameZh);
}
