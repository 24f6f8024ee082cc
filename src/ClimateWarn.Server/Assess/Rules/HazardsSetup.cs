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

    /// <summary>GET /api/hazards: what the pages need to name and colour every hazard in force, in registration order; a disabled hazard is not in force, so not listed.</summary>
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
            table = r.Version,
        }))
            .WithSummary("灾种 / Hazards")
            .WithDescription("The hazards in force (a hazard its config file disables, such as typhoon inland, is left out): slug, CMA signal code, zh/en names, configured levels, unit, which way eases (milderWhen), audiences and the threshold table version. Pages take hazard names and levels from here.")
            .WithTags("assess")
            .Produces(200);
        return app;
    }
}
