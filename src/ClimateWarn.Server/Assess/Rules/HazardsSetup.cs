using ClimateWarn.Core.Hazards;

namespace ClimateWarn.Server.Assess.Rules;

public static class HazardsSetup
{
    /// <summary>Registers hazard definitions; the host builds its <see cref="HazardRegistry"/> from every one registered, in order.</summary>
    public static IServiceCollection AddHazards(this IServiceCollection services, params IEnumerable<HazardDefinition> definitions)
    {
        foreach (var d in definitions)
        {
            services.AddSingleton(d);
        }

        return services;
    }

    /// <summary>The definitions registered so far (before the container is built: the configuration is loaded from them).</summary>
    public static HazardRegistry Registry(this IServiceCollection services) =>
        new(services.Where(s => s.ServiceType == typeof(HazardDefinition) && s.ImplementationInstance is HazardDefinition)
            .Select(s => (HazardDefinition)s.ImplementationInstance!));

    /// <summary>
    /// GET /api/hazards: every registered hazard, in registration order: those in force with what the pages need to name
    /// and colour them, then those a bureau's file disables (typhoon inland), marked <c>inForce: false</c> with the levels
    /// the hazard has, so the list is the whole registry while pages offer only what is in force.
    /// </summary>
    public static IEndpointRouteBuilder MapHazards(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/hazards", (HazardConfiguration hazards) => hazards.Table.Rules.Select(r => new
        {
            hazard = r.Slug,
            code = r.Definition.Code,
            nameZh = r.Definition.NameZh,
            nameEn = r.Definition.NameEn,
            levels = r.ConfiguredLevels.Select(SignalLevels.En),
            unit = r.Definition.Unit,
            milderWhen = r.Definition.Eases == MilderWhen.Higher ? "higher" : "lower",
            audiences = hazards.Audiences[r.Slug],
            table = (string?)r.Version,
            inForce = true,
        }).Concat(hazards.Disabled.Select(slug => hazards.Registry.Get(slug)).Select(d => new
        {
            hazard = d.Slug,
            code = d.Code,
            nameZh = d.NameZh,
            nameEn = d.NameEn,
            levels = d.Levels.Select(SignalLevels.En),
            unit = d.Unit,
            milderWhen = d.Eases == MilderWhen.Higher ? "higher" : "lower",
            audiences = (IReadOnlyList<string>)[],
            table = (string?)null,
            inForce = false,
        })))
            .WithSummary("灾种 / Hazards")
            .WithDescription("Every registered hazard: those in force (slug, CMA signal code, zh/en names, configured levels, unit, which way eases (milderWhen), audiences, threshold table version, inForce true), then those the bureau's config disables, such as typhoon inland (inForce false, the levels the hazard has, no table). Pages take hazard names and levels from here and offer only those in force.")
            .WithTags("assess")
            .Produces(200);
        return app;
    }
}
